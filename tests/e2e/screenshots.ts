/**
 * `npm run screenshots`: every screen in light and dark and in English, Danish
 * and Russian, against the demo office, into test-results/screens/: at the
 * default size, docked at 420 and 720 pixels wide, and the popup window at its
 * real size (popup-bounds.ts).
 */
import { popupBounds } from '../../src/main/shell/popup-bounds'
import { launch, screenshot } from './harness'

const screens = [
  'presence',
  'calls',
  'queues',
  'voicemail',
  'chat',
  'history',
  'contacts',
  'settings',
]
const locales = [
  ['en', 'en-US'],
  ['da', 'da-DK'],
  ['ru', 'ru-RU'],
] as const

async function main(): Promise<void> {
  for (const [lang, locale] of locales) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const app = await launch({ colorScheme, locale })
      const { page } = app
      await page.locator('[data-extension]').first().waitFor()
      // A live call and a popup, so Calls and the popup are not empty.
      app.core.demo!.scenario.inboundCall({
        from: '+4570102030',
        fromName: 'Torben Knudsen',
        to: '201',
        ringMs: 60_000,
      })
      await page.getByTestId('incoming-call').waitFor({ timeout: 10_000 })
      // Only the screens this PBX serves are in the navigation (screen-rules.ts).
      const shown = screens.filter((name) => name !== 'chat')
      for (const screen of shown) {
        await page.locator(`nav [data-screen="${screen}"]`).click()
        await page.waitForTimeout(screen === 'history' || screen === 'voicemail' ? 700 : 250)
        const path = await screenshot(page, `${lang}-${colorScheme}-${screen}`)
        console.log(path)
      }
      // The command palette (Ctrl+K): the commands at hand, then a colleague search.
      await page.keyboard.press('Control+K')
      await page.getByTestId('command-palette').waitFor()
      console.log(await screenshot(page, `${lang}-${colorScheme}-palette`))
      await page.keyboard.type('an')
      await page.waitForTimeout(150)
      console.log(await screenshot(page, `${lang}-${colorScheme}-palette-search`))
      await page.keyboard.press('Escape')
      // Docked beside a CRM: every screen at 420 and 720 pixels wide.
      for (const width of [420, 720]) {
        await page.setViewportSize({ width, height: 760 })
        for (const screen of shown) {
          await page.locator(`nav [data-screen="${screen}"]`).click()
          await page.waitForTimeout(screen === 'history' || screen === 'voicemail' ? 700 : 250)
          console.log(await screenshot(page, `${lang}-${colorScheme}-${width}-${screen}`))
        }
      }
      // The popup window's own page at the window's real size.
      const { width, height } = popupBounds({ x: 0, y: 0, width: 1920, height: 1040 }, 1)
      const popupContext = await app.browser.newContext({
        viewport: { width, height },
        colorScheme,
        locale,
      })
      const popup = await popupContext.newPage()
      await popup.goto(`${app.server.url}#popup`)
      await popup.getByTestId('incoming-call').waitFor({ timeout: 10_000 })
      console.log(await screenshot(popup, `${lang}-${colorScheme}-popup-window`))
      await popupContext.close()
      await app.close()
    }
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
