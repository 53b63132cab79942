/**
 * Issue 14 on a jade account with only a user sign-in, in Chromium through the
 * bridge against the demo's jade face: a colleague whose login is a first name
 * ("anne") and whose phone jade does not show a user token has no number, yet
 * Contacts offers to call her, and the call is placed by her user uuid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, launch, type Running } from './harness'

describe.skipIf(!canRun)('calling a jade colleague who has no number', () => {
  let app: Running

  beforeAll(async () => {
    app = await launch({ demo: { office: false, dialect: 'jade' } })
    const demo = app.core.demo!
    const saved = await app.core.dispatch('accounts:save', {
      config: {
        id: 'callcenter',
        dialect: 'jade',
        displayName: 'Callcenter',
        baseUrl: demo.jade.url,
        username: demo.jade.username,
        pinnedFingerprint: demo.jade.fingerprint,
        wsUrl: demo.jade.wsUrl,
      },
      secret: demo.jade.password,
    })
    expect(saved.ok).toBe(true)
    await app.page
      .getByTestId('status-bar')
      .getByText(/Callcenter: online/)
      .waitFor({ timeout: 15_000 })
  })

  afterAll(async () => {
    await app?.close()
  })

  it('finds Anne (login "anne") in Contacts and calls her by user uuid', async () => {
    const { page } = app
    const demo = app.core.demo!
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Contacts/ })
      .click()
    await page.getByRole('searchbox').fill('anne')
    const row = page
      .getByTestId('contact-list')
      .getByRole('listitem')
      .filter({ hasText: 'Anne Hansen' })
    await row.getByRole('button', { name: 'Call Anne Hansen' }).click()
    await page.getByText('Calling Anne Hansen…').waitFor({ timeout: 10_000 })
    const placed = demo.state.calls.active('DEMO').map((c) => [c.a.extension, c.to])
    expect(placed).toContainEqual(['201', '203'])
  })
})
