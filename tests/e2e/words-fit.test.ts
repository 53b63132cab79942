/**
 * Words that fit, in every language (issue 15, finding 17), at the default window
 * size in Chromium: a Russian or Danish voicemail badge neither overlaps the
 * caller's name nor is clipped; History's columns stay put on rows with a
 * recording; the pause reason's label is readable in full.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { canRun, launch, screenshot, type Running } from './harness'

interface Box {
  left: number
  right: number
  clipped: boolean
}

async function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect()
      return { left: r.left, right: r.right, clipped: el.scrollWidth > el.clientWidth + 1 }
    }),
  )
}

for (const [lang, locale] of [
  ['ru', 'ru-RU'],
  ['da', 'da-DK'],
] as const) {
  describe.skipIf(!canRun)(`words that fit (${lang})`, () => {
    let app: Running

    beforeAll(async () => {
      app = await launch({ locale })
      await app.page.locator('[data-extension="202"]').waitFor({ timeout: 15_000 })
    })

    afterAll(async () => {
      await app?.close()
    })

    it('shows the voicemail badge, heard and new, beside the name, never over it or clipped', async () => {
      const { page } = app
      await page.locator('nav [data-screen="voicemail"]').click()
      const list = page.getByTestId('voicemail-list')
      await list.locator('li').first().waitFor()
      // Playing one marks it heard, so both badges ("new" and "heard") are on screen.
      await list.locator('li.row--new').first().locator('.row__actions button').first().click()
      await list.locator('li:not(.row--new)').first().waitFor({ timeout: 5000 })
      await screenshot(page, `fit-${lang}-voicemail`)
      const badges = await boxes(page, '[data-testid="voicemail-list"] .row__badge')
      const names = await boxes(page, '[data-testid="voicemail-list"] .row__who')
      expect(badges.length).toBeGreaterThanOrEqual(2)
      badges.forEach((badge, i) => {
        expect(badge.clipped).toBe(false)
        expect(badge.right).toBeLessThanOrEqual(names[i]!.left)
      })
    })

    it('keeps History’s columns in line on rows with and without a recording', async () => {
      const { page } = app
      await page.locator('nav [data-screen="history"]').click()
      await page.getByTestId('history-list').locator('li').nth(3).waitFor({ timeout: 5000 })
      await screenshot(page, `fit-${lang}-history`)
      const results = await boxes(page, '[data-testid="history-list"] .row__result')
      const lefts = new Set(results.map((r) => Math.round(r.left)))
      expect(Math.max(...lefts) - Math.min(...lefts)).toBeLessThanOrEqual(1)
    })

    it('labels the pause reason in full, with no placeholder posing as a value', async () => {
      const { page } = app
      await page.locator('nav [data-screen="queues"]').click()
      const field = page.getByTestId('queue-list').locator('input').first()
      await field.waitFor()
      expect(await field.getAttribute('placeholder')).toBeNull()
      const label = page.getByTestId('queue-list').locator('.row__reason-label').first()
      expect(await label.isVisible()).toBe(true)
      const [box] = await boxes(page, '[data-testid="queue-list"] .row__reason-label')
      expect(box!.clipped).toBe(false)
      await screenshot(page, `fit-${lang}-queues`)
    })
  })
}
