/**
 * The incoming-call popup window at its REAL size (popup-bounds.ts), in Chromium:
 * with one, two and three ringing calls and a 120-character caller name, every
 * button sits inside the window, nothing scrolls and the cards are centred.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { popupBounds } from '../../src/main/shell/popup-bounds'
import { canRun, launch, screenshot, type Running } from './harness'

const workArea = { x: 0, y: 0, width: 1920, height: 1040 }
const longName =
  'Aktieselskabet Nordisk Kundeservice og Telefonomstilling for Region Hovedstaden, Afdeling for Særlige Henvendelser'
    .padEnd(120, 'x')
    .slice(0, 120)

interface Layout {
  overflowX: number
  overflowY: number
  outside: string[]
  offCentre: number[]
  buttons: number
}

/** What a user would see wrong: a scrollbar, a button cut off, a card off-centre. */
async function layout(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const root = document.scrollingElement!
    const w = window.innerWidth
    const h = window.innerHeight
    const outside: string[] = []
    const buttons = Array.from(document.querySelectorAll('button'))
    for (const b of buttons) {
      const r = b.getBoundingClientRect()
      const inside =
        r.left >= 0 &&
        r.top >= 0 &&
        r.right <= w &&
        r.bottom <= h &&
        b.scrollWidth <= b.clientWidth + 1
      if (!inside) outside.push(`${b.textContent?.trim()} ${JSON.stringify(r)}`)
    }
    const offCentre = Array.from(document.querySelectorAll('[data-testid="incoming-call"]')).map(
      (c) => {
        const r = c.getBoundingClientRect()
        return Math.abs(r.left - (w - r.right))
      },
    )
    return {
      overflowX: root.scrollWidth - root.clientWidth,
      overflowY: root.scrollHeight - root.clientHeight,
      outside,
      offCentre,
      buttons: buttons.length,
    }
  })
}

for (const locale of ['en-US', 'ru-RU'] as const) {
  describe.skipIf(!canRun)(`the popup window at its real size (${locale})`, () => {
    let app: Running
    const pages: Page[] = []

    beforeAll(async () => {
      // REST ver1.0 can pick up, so the popup carries its fullest set of buttons.
      app = await launch({ demo: { office: false, dialect: 'restv1' }, locale })
      await app.page.locator('[data-extension="202"]').waitFor({ timeout: 15_000 })
    })

    afterAll(async () => {
      for (const page of pages) await page.context().close()
      await app?.close()
    })

    async function popupAt(count: number): Promise<Page> {
      const { width, height } = popupBounds(workArea, count)
      const context = await app.browser.newContext({ viewport: { width, height }, locale })
      const page = await context.newPage()
      pages.push(page)
      await page.goto(`${app.server.url}#popup`)
      return page
    }

    it('shows one, two and three ringing calls, a 120-character name too, with every button inside the window', async () => {
      const callers = [
        { from: '+4570102030', fromName: longName },
        { from: '+4533445566', fromName: 'Mette Frederiksen' },
        { from: '+4587654321', fromName: '' },
      ]
      for (const [index, caller] of callers.entries()) {
        app.core.demo!.scenario.inboundCall({ ...caller, to: '201', ringMs: 120_000 })
        const count = index + 1
        const page = await popupAt(count)
        await page
          .getByTestId('incoming-call')
          .nth(count - 1)
          .waitFor({ timeout: 10_000 })
        await page.getByRole('button').first().waitFor()
        const seen = await layout(page)
        await screenshot(page, `popup-real-${locale}-${count}`)
        expect(seen.outside).toEqual([])
        expect(seen.overflowX).toBeLessThanOrEqual(0)
        expect(seen.overflowY).toBeLessThanOrEqual(0)
        expect(seen.offCentre).toHaveLength(count)
        for (const gap of seen.offCentre) expect(gap).toBeLessThanOrEqual(1)
        // Pick up and Dismiss on every card (REST ver1.0 has no phone book to open).
        expect(seen.buttons).toBeGreaterThanOrEqual(2 * count)
      }
    })
  })
}

/**
 * Where the app cannot answer (PBXCloud has no answer request), the popup says
 * "answer on your phone" and why. That sentence is the one thing the agent must
 * read, so it may take two lines but is never cut off, in any language.
 */
describe.skipIf(!canRun)('the popup window of a PBX that cannot answer from the app', () => {
  let app: Running

  beforeAll(async () => {
    app = await launch({ demo: { office: false, dialect: 'pbxcloud' }, locale: 'en-US' })
    await app.page.locator('[data-extension="202"]').waitFor({ timeout: 15_000 })
    app.core.demo!.scenario.inboundCall({ from: '+4570102030', to: '201', ringMs: 120_000 })
  })

  afterAll(async () => {
    await app?.close()
  })

  it.each(['en-US', 'da-DK', 'ru-RU'])(
    'shows the whole "answer on your phone" hint (%s)',
    async (locale) => {
      const { width, height } = popupBounds(workArea, 1)
      const context = await app.browser.newContext({ viewport: { width, height }, locale })
      try {
        const page = await context.newPage()
        await page.goto(`${app.server.url}#popup`)
        const hint = page.getByTestId('answer-on-phone')
        await hint.waitFor({ timeout: 10_000 })
        const clipped = await hint.evaluate(
          (el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
        )
        await screenshot(page, `popup-answer-on-phone-${locale}`)
        expect(clipped).toBe(false)
        const seen = await layout(page)
        expect(seen.outside).toEqual([])
        expect(seen.overflowY).toBeLessThanOrEqual(0)
      } finally {
        await context.close()
      }
    },
  )
})
