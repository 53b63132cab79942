/**
 * Two accounts whose PBXs give their calls the same id at the same time, in
 * Chromium against the real core: two PBXCloud demo PBXs, each with a caller
 * ringing extension 201 under one call id. The agent sees two popups; dismissing
 * one leaves the other; an action that fails on one call is not shown on the other.
 */
import { startDemoPbx, type DemoPbx } from '@switchboard/demo-pbx/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, launch, screenshot, type Running } from './harness'

describe.skipIf(!canRun)('two accounts, one call id', () => {
  let app: Running
  let north: DemoPbx
  let south: DemoPbx

  beforeAll(async () => {
    // Two fresh, identical offices number their channels alike (`<second>.<sequence>`).
    north = await startDemoPbx({ jade: false, autopilot: false, seed: 7, credentialSeed: 1 })
    south = await startDemoPbx({ jade: false, autopilot: false, seed: 7, credentialSeed: 2 })
    app = await launch({ demo: false })
    for (const [id, displayName, pbx] of [
      ['north', 'North office', north],
      ['south', 'South office', south],
    ] as const) {
      const saved = await app.core.dispatch('accounts:save', {
        config: {
          id,
          dialect: 'pbxcloud',
          displayName,
          baseUrl: pbx.pbxcloud.url,
          tenant: pbx.pbxcloud.tenant,
          ownExtension: '201-DEMO',
        },
        secret: pbx.pbxcloud.apiKey,
      })
      expect(saved.ok).toBe(true)
    }
    const status = app.page.getByTestId('status-bar')
    await status.getByText(/North office: online/).waitFor({ timeout: 20_000 })
    await status.getByText(/South office: online/).waitFor({ timeout: 20_000 })
  })

  afterAll(async () => {
    await app?.close()
    await north?.close()
    await south?.close()
  })

  it('shows two popups, keeps one when the other is dismissed, and a failure stays on its own call', async () => {
    const { page } = app
    // Both calls in the same wall-clock second, so their ids match.
    while (Date.now() % 1000 > 500) await new Promise((resolve) => setTimeout(resolve, 50))
    const a = north.scenario.call({ from: '+4520304050', fromName: 'Alice Mortensen', to: '201' }, [
      { do: 'hangup', at: 120_000 },
    ])
    const b = south.scenario.call({ from: '+4540112233', fromName: 'Kirsten Poulsen', to: '201' }, [
      { do: 'hangup', at: 120_000 },
    ])
    expect(b.id).toBe(a.id)

    const popups = page.getByTestId('incoming-call')
    const alice = popups.filter({ hasText: 'Alice Mortensen' })
    const kirsten = popups.filter({ hasText: 'Kirsten Poulsen' })
    await alice.waitFor({ timeout: 15_000 })
    await kirsten.waitFor({ timeout: 15_000 })
    expect(await popups.count()).toBe(2)
    await screenshot(page, 'same-call-id-two-popups')

    await alice.getByRole('button', { name: 'Dismiss' }).click()
    await alice.waitFor({ state: 'detached', timeout: 5000 })
    // Several polls later, the other account's popup of the same call id is still there.
    await page.waitForTimeout(3000)
    expect(await kirsten.count()).toBe(1)
    expect(await alice.count()).toBe(0)

    // South's PBX refuses the next hang-up; North's call must not show that failure.
    south.pbxcloud.faults.add({
      kind: 'http5xx',
      status: 503,
      times: 1,
      match: (request) => request.reqtype === 'HANGUP',
    })
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Calls/ })
      .click()
    const cards = page.getByTestId('call-card')
    const northCard = cards.filter({ hasText: 'Alice Mortensen' })
    const southCard = cards.filter({ hasText: 'Kirsten Poulsen' })
    await northCard.waitFor()
    await southCard.getByRole('button', { name: 'Decline' }).click()
    await southCard.getByRole('alert').waitFor({ timeout: 10_000 })
    expect(await northCard.getByRole('alert').count()).toBe(0)
    // Both calls still ring: the failure changed neither.
    expect(await cards.count()).toBe(2)
    await screenshot(page, 'same-call-id-failure-on-one')
  })
})
