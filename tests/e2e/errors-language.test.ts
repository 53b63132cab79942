/**
 * Errors in the agent's language (issue 15, finding 9), in Chromium on the real
 * core: in Danish and in Russian, make the app fail in each way an agent meets
 * (a number it cannot dial, a refused key, an unreachable PBX, an answer it
 * cannot read) and fail on any English sentence on screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { messages } from '../../src/renderer/src/i18n'
import { canRun, launch, screenshot, type Running } from './harness'

/** Common English words that no Danish or Russian sentence of ours contains. */
const english = /\b(the|is|not|was|could|cannot|only|number|that|please|refused|failed|error)\b/i

/** Every sentence the window shows as an alert or a notice, with what gave it away. */
async function englishOnScreen(page: Page): Promise<string[]> {
  const texts = await page
    .locator('[role="alert"], .notice, [data-testid="status-bar"]')
    .allTextContents()
  return texts.filter((text) => english.test(text))
}

for (const [lang, locale] of [
  ['da', 'da-DK'],
  ['ru', 'ru-RU'],
] as const) {
  const words = messages[lang]

  describe.skipIf(!canRun)(`errors in ${lang}`, () => {
    let app: Running

    beforeAll(async () => {
      app = await launch({ locale })
      await app.page.locator('[data-extension="202"]').waitFor({ timeout: 15_000 })
    })

    afterAll(async () => {
      await app?.close()
    })

    it('says a number it cannot dial in the agent’s language', async () => {
      const { page } = app
      await page.locator('nav [data-screen="calls"]').click()
      const field = page.getByTestId('dialer').locator('input')
      await field.fill('+45 33 12 abc')
      await field.press('Enter')
      const notice = page.locator('.notice').filter({ hasText: words.errors.code.dial.bad_chars })
      await notice.waitFor({ timeout: 5000 })
      await screenshot(page, `errors-${lang}-dial`)
      expect(await englishOnScreen(page)).toEqual([])
    })

    it('says a history the PBX answers unreadably in the agent’s language', async () => {
      const { page } = app
      app.core.demo!.pbxcloud.faults.add({
        kind: 'malformed',
        mode: 'garbage',
        match: (r) => r.reqtype === 'INFO' && /cdr/i.test(r.params.info ?? ''),
      })
      await page.locator('nav [data-screen="history"]').click()
      const alert = page.getByRole('alert').filter({ hasText: words.errors.kind.bad_response })
      await alert.waitFor({ timeout: 10_000 })
      await screenshot(page, `errors-${lang}-history`)
      expect(await englishOnScreen(page)).toEqual([])
      app.core.demo!.pbxcloud.faults.clear()
    })

    it('says a refused key and an unreachable PBX in the agent’s language', async () => {
      const { page } = app
      const demo = app.core.demo!
      await page.locator('nav [data-screen="settings"]').click()
      await page.getByRole('button', { name: words.accountForm.add }).click()
      const form = page.getByTestId('account-form')
      await form.getByLabel(words.accountForm.name, { exact: true }).fill('Kontoret')
      await form.getByLabel(words.accountForm.portal).fill(demo.pbxcloud.url)
      await form.getByLabel(words.accountForm.tenant).fill(demo.pbxcloud.tenant)
      await form.getByLabel(words.accountForm.extension).fill('201-DEMO')
      await form.getByLabel(words.accountForm.secret.pbxcloud).fill('wrong-key-123')
      await form.getByRole('button', { name: words.accountForm.test }).click()
      // The provider names the refusal (code auth.bad_credentials): its own sentence.
      await form
        .getByRole('alert')
        .filter({ hasText: words.errors.code.auth.bad_credentials })
        .waitFor()
      expect(await englishOnScreen(page)).toEqual([])

      // Nothing listens on port 9 of this machine.
      await form.getByLabel(words.accountForm.portal).fill('http://127.0.0.1:9')
      await form.getByRole('button', { name: words.accountForm.test }).click()
      await form
        .getByRole('alert')
        .filter({ hasText: words.errors.kind.network })
        .waitFor({ timeout: 20_000 })
      await screenshot(page, `errors-${lang}-account`)
      expect(await englishOnScreen(page)).toEqual([])
    })
  })
}
