/**
 * `npm run screenshots`: every screen in light and dark and in English, Danish
 * and Russian, against the demo office, into test-results/screens/.
 */
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
      for (const screen of screens) {
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
      await app.close()
    }
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
