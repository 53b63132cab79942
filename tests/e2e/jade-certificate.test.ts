/**
 * A jade server whose certificate changed (issue 19, finding 6): the banner says
 * so in the agent's language, not "offline, retrying", and "Review certificate"
 * opens that account's form, where the new certificate can be checked.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { canRun, launch, screenshot, type Running } from './harness'

const words = {
  en: {
    changed: 'the PBX certificate has changed; review it before connecting again',
    review: 'Review certificate',
  },
  da: {
    changed: 'PBX’ens certifikat er ændret; gennemse det, før der forbindes igen',
    review: 'Gennemse certifikat',
  },
} as const

describe.skipIf(!canRun)('a changed jade certificate in Chromium', () => {
  let app: Running | undefined

  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  for (const locale of ['en', 'da'] as const) {
    it(`says the certificate changed and offers to review it (${locale})`, async () => {
      app = await launch({ locale, demo: { office: false, dialect: 'jade' } })
      const { page } = app
      const demo = app.core.demo!
      const saved = await app.core.dispatch('accounts:save', {
        config: {
          id: 'callcenter',
          dialect: 'jade',
          displayName: 'Callcenter',
          baseUrl: demo.jade.url,
          username: demo.jade.username,
          ownExtension: '201',
          pinnedFingerprint: demo.jade.fingerprint,
          wsUrl: demo.jade.wsUrl,
        },
        secret: demo.jade.password,
      })
      expect(saved.ok).toBe(true)
      await page
        .getByTestId('status-bar')
        .getByText(/Callcenter: online/)
        .waitFor({ timeout: 15_000 })
      const banner = page.getByTestId('stale-banner')
      expect(await banner.locator('[data-account="callcenter"]').count()).toBe(0)

      await demo.jade.regenerateCertificate()
      const line = banner.locator('[data-account="callcenter"]')
      await line.getByText(words[locale].changed).waitFor({ timeout: 30_000 })
      // The reason is written out, never a retry countdown that cannot help.
      expect(await line.textContent()).not.toMatch(/\d+ s\b/)
      expect(await page.locator('main.shell__main--stale').count()).toBe(1)
      await screenshot(page, `jade-certificate-changed-${locale}`)

      await line.getByRole('button', { name: words[locale].review }).click()
      const form = page.getByTestId('account-form')
      await form.waitFor({ timeout: 5000 })
      // The form of this account, not a new one.
      const values = await form
        .locator('input')
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))
      expect(values).toContain('Callcenter')
      await screenshot(page, `jade-certificate-review-${locale}`)
    })
  }
})
