/**
 * The incoming-call popup window and the OS notification: when each appears,
 * when it goes away, and that a call is announced once.
 */
import { liveEvent } from '../support/call-events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import { fakeCore, makeCall } from '../support/fake-electron-core'
import { createPopupController } from '../../src/main/shell/popup-controller'
import { popupBounds } from '../../src/main/shell/popup-bounds'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

describe('popupController', () => {
  it('shows a ringing inbound call, grows with a colleague’s call, closes when both end', () => {
    const popup = createPopupController('popup')
    const a = makeCall()
    const b = makeCall({ direction: 'internal', placedBy: 'colleague', remote: { number: '204' } })
    expect(popup.handle({ type: 'ringing', call: a })).toEqual({ type: 'show', count: 1 })
    expect(popup.handle({ type: 'calls', accountId: 'acme', calls: [a] })).toEqual({ type: 'none' })
    expect(popup.handle({ type: 'calls', accountId: 'acme', calls: [a, b] })).toEqual({
      type: 'none',
    })
    expect(popup.handle({ type: 'ringing', call: b })).toEqual({ type: 'update', count: 2 })
    expect(popup.showing).toEqual([`acme/${a.id}`, `acme/${b.id}`])
    expect(popup.handle({ type: 'calls', accountId: 'acme', calls: [b] })).toEqual({
      type: 'update',
      count: 1,
    })
    expect(popup.handle({ type: 'calls', accountId: 'acme', calls: [] })).toEqual({ type: 'hide' })
  })

  it('never pops up a call the agent placed to a colleague, from the app or the desk phone', () => {
    const popup = createPopupController('popup')
    const own = makeCall({ direction: 'internal', placedBy: 'agent', remote: { number: '204' } })
    expect(popup.handle({ type: 'ringing', call: own })).toEqual({ type: 'none' })
    expect(popup.handle({ type: 'calls', accountId: 'acme', calls: [own] })).toEqual({
      type: 'none',
    })
    expect(popup.showing).toEqual([])
  })

  it('keeps two accounts’ calls with the same call id apart', () => {
    const popup = createPopupController('popup')
    const a = makeCall({ id: 'same', accountId: 'acme' })
    const b = makeCall({ id: 'same', accountId: 'other' })
    popup.handle({ type: 'ringing', call: a })
    expect(popup.handle({ type: 'ringing', call: b })).toEqual({ type: 'update', count: 2 })
    expect(popup.handle({ type: 'calls', accountId: 'other', calls: [] })).toEqual({
      type: 'update',
      count: 1,
    })
    expect(popup.showing).toEqual(['acme/same'])
  })

  it('closes when the call is answered elsewhere', () => {
    const popup = createPopupController('both')
    const call = makeCall({ queue: 'Support' })
    popup.handle({ type: 'ringing', call })
    const taken = { ...call, answeredElsewhere: { number: '205', name: 'Bo' } }
    expect(popup.handle({ type: 'calls', accountId: 'acme', calls: [taken] })).toEqual({
      type: 'hide',
    })
  })

  it('closes when the agent answers', () => {
    const popup = createPopupController('popup')
    const call = makeCall()
    popup.handle({ type: 'ringing', call })
    const answered = { ...call, state: 'up' as const }
    expect(popup.handle({ type: 'calls', accountId: 'acme', calls: [answered] })).toEqual({
      type: 'hide',
    })
  })

  it('only lets an account’s own call list end that account’s calls', () => {
    const popup = createPopupController('popup')
    popup.handle({ type: 'ringing', call: makeCall() })
    expect(popup.handle({ type: 'calls', accountId: 'other', calls: [] })).toEqual({ type: 'none' })
  })

  it('is not shown for an outbound call, nor when the agent chose none or notification', () => {
    expect(
      createPopupController('popup').handle({
        type: 'ringing',
        call: makeCall({ direction: 'outbound' }),
      }),
    ).toEqual({ type: 'none' })
    expect(createPopupController('none').handle({ type: 'ringing', call: makeCall() })).toEqual({
      type: 'none',
    })
    expect(
      createPopupController('notification').handle({ type: 'ringing', call: makeCall() }),
    ).toEqual({ type: 'none' })
  })

  it('is not shown for a call that was ringing before its ringing event (a start-up call)', () => {
    const popup = createPopupController('popup')
    expect(popup.handle({ type: 'calls', accountId: 'acme', calls: [makeCall()] })).toEqual({
      type: 'none',
    })
  })

  it('closes when the preference turns popups off, and reopens when turned back on', () => {
    const popup = createPopupController('popup')
    popup.handle({ type: 'ringing', call: makeCall() })
    expect(popup.handle({ type: 'alert', alert: 'none' })).toEqual({ type: 'hide' })
    expect(popup.handle({ type: 'alert', alert: 'both' })).toEqual({ type: 'show', count: 1 })
  })
})

describe('popupBounds', () => {
  it('sits in the bottom-right of the work area, taller for more calls (up to three)', () => {
    const area = { x: 0, y: 0, width: 1920, height: 1040 }
    expect(popupBounds(area, 1)).toEqual({ x: 1548, y: 820, width: 360, height: 208 })
    expect(popupBounds(area, 2).height).toBe(408)
    expect(popupBounds(area, 9)).toEqual(popupBounds(area, 3))
    const second = popupBounds({ x: 1920, y: 24, width: 1280, height: 776 }, 1)
    expect(second).toEqual({
      x: 1920 + 1280 - 360 - 12,
      y: 24 + 776 - 208 - 12,
      width: 360,
      height: 208,
    })
  })
})

describe('the popup window', () => {
  async function start(incomingAlert: 'popup' | 'none' = 'popup') {
    const { setupIncomingPopup } = await import('../../src/main/shell/popup-window')
    const harness = fakeCore({ incomingAlert })
    const adopted: unknown[] = []
    setupIncomingPopup(harness.core, { outDir: '/opt/sb/out', adopt: (w) => void adopted.push(w) })
    return { ...harness, adopted }
  }

  it('appears without focus, above everything, on every workspace, and hides when the call ends', async () => {
    const { events, adopted } = await start()
    const call = makeCall()
    events.emit('call:event', liveEvent('call.ringing', call))
    const win = fake.windows[0]!
    expect(adopted).toEqual([win])
    expect(win.loaded).toBe('app://switchboard/index.html#popup')
    expect(win.shown).toBe(true)
    expect(win.focused).toBe(false)
    expect(win.alwaysOnTop).toEqual([true, 'screen-saver'])
    expect(win.allWorkspaces).toEqual([true, { visibleOnFullScreen: true }])
    expect(win.options).toMatchObject({ frame: false, skipTaskbar: true, show: false })
    expect(win.options).not.toHaveProperty('focusable')
    expect(win.getBounds()).toEqual({ x: 1548, y: 820, width: 360, height: 208 })
    events.emit('calls:changed', { accountId: 'acme', calls: [] })
    expect(win.shown).toBe(false)
    // Kept for the next call.
    events.emit('call:event', liveEvent('call.ringing', makeCall()))
    expect(fake.windows).toHaveLength(1)
    expect(win.shown).toBe(true)
  })

  it('never opens when the agent turned popups off', async () => {
    const { events } = await start('none')
    events.emit('call:event', liveEvent('call.ringing', makeCall()))
    expect(fake.windows).toHaveLength(0)
  })
})

describe('the incoming-call notification', () => {
  async function start(incomingAlert: 'notification' | 'popup' = 'notification') {
    const { setupIncomingNotifications } =
      await import('../../src/main/shell/incoming-notifications')
    const harness = fakeCore({ incomingAlert })
    let shown = 0
    setupIncomingNotifications(harness.core, {
      showMain: () => void (shown += 1),
      platform: 'linux',
    })
    return { ...harness, shown: () => shown }
  }

  it('announces a call once, with its cleaned text, and a click opens the window', async () => {
    const { events, shown } = await start()
    const call = makeCall({
      remote: { number: '+4533123456', name: 'A <b>&</b> B' },
      queue: 'Sales',
    })
    events.emit('call:event', liveEvent('call.ringing', call))
    events.emit('call:event', liveEvent('call.ringing', call))
    expect(fake.notifications).toHaveLength(1)
    const notification = fake.notifications[0]!
    expect(notification.options).toEqual({
      title: 'A <b>&</b> B',
      body: '+4533123456 · via Sales',
      timeoutType: 'never',
      urgency: 'critical',
    })
    expect(notification.shown).toBe(true)
    notification.emit('click')
    expect(shown()).toBe(1)
  })

  it('withdraws the notification when the call is answered elsewhere', async () => {
    const { events } = await start()
    const call = makeCall()
    events.emit('call:event', liveEvent('call.ringing', call))
    events.emit('calls:changed', { accountId: 'acme', calls: [call] })
    expect(fake.notifications[0]!.shown).toBe(true)
    events.emit('calls:changed', {
      accountId: 'acme',
      calls: [{ ...call, answeredElsewhere: { number: '205' } }],
    })
    expect(fake.notifications[0]!.shown).toBe(false)
  })

  it('stays silent for popup-only, outbound calls and late events', async () => {
    const popupOnly = await start('popup')
    popupOnly.events.emit('call:event', liveEvent('call.ringing', makeCall()))
    expect(fake.notifications).toHaveLength(0)
    const { events } = await start()
    events.emit('call:event', liveEvent('call.ringing', makeCall({ direction: 'outbound' })))
    events.emit(
      'call:event',
      liveEvent(
        'call.ringing',
        makeCall({ direction: 'internal', placedBy: 'agent', remote: { number: '204' } }),
      ),
    )
    expect(fake.notifications).toHaveLength(0)
  })

  it('announces the same call id on two accounts twice, and withdraws only the ended one', async () => {
    const { events } = await start()
    const a = makeCall({ id: 'same', accountId: 'acme' })
    const b = makeCall({ id: 'same', accountId: 'other' })
    events.emit('call:event', liveEvent('call.ringing', a))
    events.emit('call:event', liveEvent('call.ringing', b))
    expect(fake.notifications).toHaveLength(2)
    events.emit('calls:changed', { accountId: 'other', calls: [] })
    expect(fake.notifications.map((n) => n.shown)).toEqual([true, false])
  })
})
