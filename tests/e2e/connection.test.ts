/**
 * Connection truth in Chromium (issue 19): adding the first real account while a
 * demo call rings leaves nothing of the demo behind; an unreadable answer and
 * refused credentials are said in words above a dimmed screen, with "Sign in again".
 * Windows opened during an account change: board-after-account-change.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, launch, screenshot, type Running } from './harness'

describe.skipIf(!canRun)('connection truth in Chromium', () => {
  let app: Running

  beforeAll(async () => {
    app = await launch({ demo: { office: false } })
  })

  afterAll(async () => {
    await app?.close()
  })

  it('adding an account while a demo call rings leaves no demo call, popup or missed call', async () => {
    const { page } = app
    const demo = app.core.demo!
    await page.locator('[data-extension="202"]').waitFor({ timeout: 15_000 })
    demo.scenario.inboundCall({
      from: '+4531313131',
      fromName: 'Alice Mortensen',
      to: '201',
      ringMs: 60_000,
      outcome: 'missed',
    })
    const popup = page.getByTestId('incoming-call').filter({ hasText: '+4531313131' })
    await popup.waitFor({ timeout: 10_000 })
    // A real account on the same PBX, for extension 202: the call to 201 is not its own.
    const saved = await app.core.dispatch('accounts:save', {
      config: {
        id: 'office',
        dialect: 'pbxcloud',
        displayName: 'Kontoret',
        baseUrl: demo.pbxcloud.url,
        tenant: demo.pbxcloud.tenant,
        ownExtension: '202-DEMO',
      },
      secret: demo.pbxcloud.apiKey,
    })
    expect(saved.ok).toBe(true)
    await page
      .getByTestId('status-bar')
      .getByText(/Kontoret: online/)
      .waitFor({ timeout: 15_000 })
    await popup.waitFor({ state: 'detached', timeout: 5000 })
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Calls/ })
      .click()
    expect(await page.getByTestId('call-card').filter({ hasText: 'Alice Mortensen' }).count()).toBe(
      0,
    )
    expect(await page.getByTestId('incoming-call').count()).toBe(0)
    await screenshot(page, 'connection-after-demo')
  })

  it('an unreadable answer is said in words above a dimmed board, and clears when the PBX recovers', async () => {
    const { page } = app
    const faults = app.core.demo!.pbxcloud.faults
    await page.getByRole('navigation').getByRole('button', { name: 'Presence' }).click()
    faults.add({ kind: 'malformed', mode: 'garbage' })
    const banner = page.getByTestId('stale-banner')
    await banner.getByText(/the PBX sent an answer Switchboard cannot read/).waitFor({
      timeout: 20_000,
    })
    expect(await page.getByTestId('status-bar').textContent()).not.toContain('slow')
    expect(await page.locator('main.shell__main--stale').count()).toBe(1)
    expect(await banner.textContent()).toMatch(/Last updated/)
    await screenshot(page, 'connection-unreadable')
    faults.clear()
    await banner.waitFor({ state: 'detached', timeout: 20_000 })
    expect(await page.locator('main.shell__main--stale').count()).toBe(0)
  })

  it('refused credentials say "signed out" with "Sign in again", which asks the PBX at once', async () => {
    const { page } = app
    const demo = app.core.demo!
    const saved = await app.core.dispatch('accounts:save', {
      config: {
        id: 'office',
        dialect: 'pbxcloud',
        displayName: 'Kontoret',
        baseUrl: demo.pbxcloud.url,
        tenant: demo.pbxcloud.tenant,
        ownExtension: '202-DEMO',
      },
      secret: 'not-the-key-0000',
    })
    expect(saved.ok).toBe(true)
    const banner = page.getByTestId('stale-banner')
    await banner.getByText(/signed out: the PBX refused the sign-in/).waitFor({ timeout: 15_000 })
    const before = demo.pbxcloud.requestCount
    await banner.getByRole('button', { name: 'Sign in again' }).click()
    const deadline = Date.now() + 5000
    while (demo.pbxcloud.requestCount === before && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(demo.pbxcloud.requestCount).toBeGreaterThan(before)
    await screenshot(page, 'connection-signed-out')
  })
})
