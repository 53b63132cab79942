/**
 * The presence board of a 260-person office for looking at: tiles and the compact
 * list, with a pinned colleague and a group, in light and dark, English and Danish,
 * at 1280 and 420 px wide, and the group editor. `npm run build`, then
 * `npx tsx tests/e2e/board-screenshots.ts`; pictures in test-results/screens/.
 */
import { launch, screenshot } from './harness'

async function main(): Promise<void> {
  for (const [lang, locale] of [
    ['en', 'en-US'],
    ['da', 'da-DK'],
  ] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const app = await launch({ colorScheme, locale, extensions: 260 })
      const { page } = app
      await page.setViewportSize({ width: 1280, height: 800 })
      await page.locator('[data-extension]').first().waitFor()
      // A group and a pin, so headers show.
      const tiles = page.locator('[data-testid="presence-board"] [data-extension]')
      await tiles.nth(2).locator('.tile__fav').first().click()
      await tiles.nth(5).click({ button: 'right' })
      await page.getByRole('menuitem').last().click()
      await page
        .getByTestId('new-group')
        .fill(lang === 'da' ? 'Reception og salg' : 'Reception and sales')
      await page.getByTestId('group-editor').locator('button[type="submit"]').click()
      await page.waitForTimeout(300)
      await tiles.nth(3).locator('.tile__main').focus()
      for (const width of [1280, 420]) {
        await page.setViewportSize({ width, height: 800 })
        await page.waitForTimeout(300)
        console.log(await screenshot(page, `board-${lang}-${colorScheme}-${width}-tiles`))
        await page.getByTestId('board-view-list').click()
        await page.waitForTimeout(300)
        console.log(await screenshot(page, `board-${lang}-${colorScheme}-${width}-list`))
        await page.getByTestId('board-view-tiles').click()
      }
      await page.setViewportSize({ width: 1280, height: 800 })
      await tiles.nth(5).click({ button: 'right' })
      await page.getByRole('menuitem').last().click()
      await page.waitForTimeout(200)
      console.log(await screenshot(page, `board-${lang}-${colorScheme}-editor`))
      await page.keyboard.press('Escape')
      await app.close()
    }
  }
}
main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
