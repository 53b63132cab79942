/**
 * The incoming-call notification stays on screen while the call rings (where the
 * OS lets an app ask) and goes away as soon as the call no longer rings here:
 * answered here or elsewhere, hung up, the account removed, or the app quit.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { liveEvent } from '../support/call-events'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import { fakeCore, makeCall } from '../support/fake-electron-core'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

async function ringing(platform: NodeJS.Platform = 'win32') {
  const { setupIncomingNotifications } = await import('../../src/main/shell/incoming-notifications')
  const harness = fakeCore({ incomingAlert: 'notification' })
  const stop = setupIncomingNotifications(harness.core, { showMain: () => undefined, platform })
  const call = makeCall()
  harness.events.emit('call:event', liveEvent('call.ringing', call))
  harness.events.emit('calls:changed', { accountId: 'acme', calls: [call] })
  const notification = fake.notifications[0]!
  expect(notification.shown).toBe(true)
  return { ...harness, call, notification, stop }
}

describe('the incoming-call notification while the call rings', () => {
  it('asks the OS to keep it on screen instead of timing out', async () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      fake = resetFake()
      const { notification } = await ringing(platform)
      expect(notification.options).toMatchObject({ timeoutType: 'never', urgency: 'critical' })
    }
  })

  it('goes away when the agent answers the call', async () => {
    const { events, call, notification } = await ringing()
    events.emit('call:event', liveEvent('call.answered', { ...call, state: 'up' }))
    events.emit('calls:changed', { accountId: 'acme', calls: [{ ...call, state: 'up' }] })
    expect(notification.shown).toBe(false)
  })

  it('goes away when the caller hangs up', async () => {
    const { events, notification } = await ringing()
    events.emit('calls:changed', { accountId: 'acme', calls: [] })
    expect(notification.shown).toBe(false)
  })

  it('stays while another account’s calls change, and while the call still rings', async () => {
    const { events, call, notification } = await ringing()
    events.emit('calls:changed', { accountId: 'other', calls: [] })
    events.emit('calls:changed', { accountId: 'acme', calls: [call, makeCall()] })
    expect(notification.shown).toBe(true)
  })

  it('goes away when the app quits, so it never announces a call to nobody', async () => {
    const { notification } = await ringing()
    fake.electron.app.emit('will-quit')
    expect(notification.shown).toBe(false)
  })

  it('is withdrawn when the notifications are stopped, and not re-closed after the agent dismissed it', async () => {
    const first = await ringing()
    first.stop()
    expect(first.notification.shown).toBe(false)
    // Stopped: the app quitting later no longer reaches it.
    expect(fake.electron.app.listeners.get('will-quit') ?? []).toEqual([])

    fake = resetFake()
    const second = await ringing()
    const closes: string[] = []
    second.notification.close = () => void closes.push('closed')
    second.notification.emit('close')
    second.events.emit('calls:changed', { accountId: 'acme', calls: [] })
    fake.electron.app.emit('will-quit')
    expect(closes).toEqual([])
  })
})
