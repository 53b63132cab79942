/**
 * A window docked beside a CRM: every screen at 400, 420 and 720 pixels wide in
 * Chromium. Nothing scrolls sideways, and the buttons an agent reaches for
 * (Play, Call back, Pause) are inside the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { canRun, launch, screenshot, type Running } from './harness'

/** Every box that scrolls sideways, the page itself included, with what sticks out. */
async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const root = document.scrollingElement!
    if (root.scrollWidth > root.clientWidth)
      found.push(`page ${root.scrollWidth} > ${root.clientWidth}`)
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(el)
      if (!['auto', 'scroll'].includes(style.overflowX)) continue
      if (el.scrollWidth > el.clientWidth + 1)
        found.push(`${el.tagName}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`)
    }
    return found
  })
}

/** Buttons with this name that are drawn but reach past the window's right edge. */
async function cutOff(page: Page, name: RegExp): Promise<string[]> {
  const out: string[] = []
  const width = page.viewportSize()!.width
  const buttons = page.getByRole('button', { name })
  const count = await buttons.count()
  expect(count, `no ${name} button on screen`).toBeGreaterThan(0)
  for (let i = 0; i < Math.min(count, 5); i++) {
    const box = await buttons.nth(i).boundingBox()
    if (box && (box.x < 0 || box.x + box.width > width))
      out.push(`${name} at ${box.x}+${box.width}`)
  }
  return out
}

const keyButtons: Record<string, RegExp> = {
  voicemail: /^Play/,
  history: /^Call back/,
  queues: /^Pause/,
}

describe.skipIf(!canRun)('the window docked at 400–720 pixels wide', () => {
  let app: Running

  beforeAll(async () => {
    app = await launch()
    await app.page.locator('[data-extension="202"]').waitFor({ timeout: 15_000 })
    // A live call, so the Calls screen has a card to lay out.
    app.core.demo!.scenario.inboundCall({
      from: '+4570102030',
      fromName: 'Torben Knudsen',
      to: '201',
      ringMs: 120_000,
    })
    await app.page.getByTestId('incoming-call').waitFor({ timeout: 10_000 })
  })

  afterAll(async () => {
    await app?.close()
  })

  for (const width of [400, 420, 720]) {
    it(`shows every screen at ${width} px without sideways scrolling, key buttons inside`, async () => {
      const { page } = app
      await page.setViewportSize({ width, height: 700 })
      const problems: string[] = []
      const screens = await page
        .locator('nav [data-screen]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-screen')!))
      expect(screens.length).toBeGreaterThanOrEqual(6)
      for (const screen of screens) {
        await page.locator(`nav [data-screen="${screen}"]`).click()
        await page.locator(`main[data-screen="${screen}"]`).waitFor()
        await page.waitForTimeout(screen === 'history' || screen === 'voicemail' ? 700 : 250)
        await screenshot(page, `narrow-${width}-${screen}`)
        for (const p of await sidewaysScroll(page)) problems.push(`${screen}: ${p}`)
        const key = keyButtons[screen]
        if (key) for (const p of await cutOff(page, key)) problems.push(`${screen}: ${p}`)
      }
      expect(problems).toEqual([])
    })
  }
})
