import type { MissedCallEvent } from '../../src/shared/call-events'
import type { CallRecord } from '../../src/shared/model'
import { enableAutoUnmount, flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { formatDateTime } from '../../src/renderer/src/format'
import { badge, button, held, mountApp, notices, removeBridge } from './screen-harness'

enableAutoUnmount(afterEach)
afterEach(() => removeBridge())

const at = Date.UTC(2025, 2, 14, 9, 30)
const answeredIn: CallRecord = {
  id: 'c1',
  accountId: 'office',
  direction: 'inbound',
  result: 'answered',
  from: { number: '+4520304050', name: 'Alice Jensen' },
  to: { number: '201' },
  startedAt: at,
  durationSec: 125,
}
/** A missed call as main forwards the session's event. */
function missedEvent(record: CallRecord, late = false): MissedCallEvent {
  const id = `${record.accountId}:${record.id}:missed`
  return { type: 'call.missed', accountId: record.accountId, id, at: 0, late, record }
}

const missedIn: CallRecord = {
  id: 'c2',
  accountId: 'office',
  direction: 'inbound',
  result: 'missed',
  from: { number: '+4511223344' },
  to: { number: '201' },
  startedAt: at - 60_000,
  durationSec: 0,
}
const busyOut: CallRecord = {
  id: 'c3',
  accountId: 'office',
  direction: 'outbound',
  result: 'busy',
  from: { number: '201' },
  to: { number: '+4599887766', name: 'Bo Berg' },
  startedAt: at - 120_000,
  durationSec: 0,
}
const list = { ok: true as const, data: [missedIn, busyOut, answeredIn] }

function rows(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper']) {
  return wrapper.findAll('[data-testid="history-list"] li')
}

describe('the history screen', () => {
  it('says the PBX has no history when no account can do it', async () => {
    const { wrapper, sent } = await mountApp({ capabilities: ['calls'], screen: 'history' })
    expect(wrapper.find('.empty').text()).toContain('No call history here')
    expect(sent('history:list')).toEqual([])
  })

  it('says it is loading while the PBX answers, then lists the calls', async () => {
    const pending = held<CallRecord[]>()
    const { wrapper, sent } = await mountApp({
      capabilities: ['history'],
      answers: { 'history:list': pending.answer },
      screen: 'history',
    })
    expect(sent('history:list')).toEqual([{ accountId: 'office' }])
    expect(wrapper.find('[role="status"]').text()).toBe('Loading call history…')
    expect(wrapper.find('[data-testid="history-list"]').exists()).toBe(false)

    pending.resolve(list)
    await flushPromises()
    expect(wrapper.text()).not.toContain('Loading call history…')
    expect(rows(wrapper)).toHaveLength(3)
  })

  it('says why the history failed and loads it again on retry', async () => {
    const { wrapper, answers, sent } = await mountApp({
      capabilities: ['history'],
      answers: {
        'history:list': {
          ok: false,
          error: { kind: 'timeout', message: 'The PBX took too long.' },
        },
      },
      screen: 'history',
    })
    const alert = wrapper.find('[role="alert"]')
    expect(alert.text()).toContain(
      'The call history could not be loaded: The PBX did not answer in time. Try again.',
    )

    answers['history:list'] = list
    await button(alert, 'Try again').trigger('click')
    await flushPromises()
    expect(sent('history:list')).toHaveLength(2)
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect(rows(wrapper)).toHaveLength(3)
  })

  it('says there were no calls when the list is empty', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['history'],
      answers: { 'history:list': { ok: true, data: [] } },
      screen: 'history',
    })
    expect(wrapper.find('.empty').text()).toContain('No calls in the last seven days')
  })

  it('lists calls newest first with the other party, direction, result, time and duration', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['history'],
      answers: { 'history:list': list },
      screen: 'history',
    })
    const [answered, missed, busy] = rows(wrapper)
    expect(answered!.find('strong').text()).toBe('Alice Jensen')
    expect(answered!.text()).toContain('+4520304050')
    expect(answered!.find('.row__dir').text()).toContain('incoming')
    expect(answered!.find('.row__result').text()).toBe('Answered')
    expect(answered!.text()).toContain(formatDateTime(at, 'en'))
    expect(answered!.text()).toContain('2:05')

    expect(missed!.find('strong').text()).toBe('+4511223344')
    expect(missed!.find('.row__result').text()).toBe('Missed')
    expect(missed!.classes()).toContain('row--missed')

    // For an outgoing call the other party is the one called.
    expect(busy!.find('strong').text()).toBe('Bo Berg')
    expect(busy!.find('.row__dir').text()).toContain('outgoing')
    expect(busy!.find('.row__result').text()).toBe('Busy')
  })

  it('names the colleague the agent called as the other party, and calls them back, not the agent', async () => {
    const toColleague: CallRecord = {
      id: 'c4',
      accountId: 'office',
      direction: 'internal',
      placedBy: 'agent',
      result: 'answered',
      from: { number: '201', name: 'Me Myself' },
      to: { number: '203', name: 'Carl Dahl' },
      startedAt: at,
      durationSec: 30,
    }
    const fromColleague: CallRecord = {
      ...toColleague,
      id: 'c5',
      placedBy: 'colleague',
      from: { number: '204', name: 'Dora Eg' },
      to: { number: '201', name: 'Me Myself' },
      startedAt: at - 1000,
    }
    const ownTest: CallRecord = {
      ...toColleague,
      id: 'c6',
      to: { number: '201', name: 'Me Myself' },
      startedAt: at - 2000,
    }
    const { wrapper, sent } = await mountApp({
      capabilities: ['history', 'dial'],
      answers: {
        'history:list': { ok: true, data: [toColleague, fromColleague, ownTest] },
        'call:dial': { ok: true, data: { number: '203' } },
      },
      screen: 'history',
    })
    const [out, inn, own] = rows(wrapper)
    expect(out!.find('strong').text()).toBe('Carl Dahl')
    expect(out!.find('.row__dir').text()).toContain('↗')
    expect(inn!.find('strong').text()).toBe('Dora Eg')
    expect(inn!.find('.row__dir').text()).toContain('↙')
    // A call to the agent's own extension offers no "Call back" to yourself.
    expect(own!.findAll('button').map((b) => b.text())).not.toContain('Call back')
    await button(out!, 'Call back').trigger('click')
    await flushPromises()
    expect(sent('call:dial')).toEqual([{ accountId: 'office', number: '203' }])
  })

  it('shows only missed calls when asked, and all again after', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['history'],
      answers: { 'history:list': list },
      screen: 'history',
    })
    const filter = wrapper.find('input[type="checkbox"]')
    expect(filter.element.parentElement?.textContent).toContain('Missed only')
    await filter.setValue(true)
    expect(rows(wrapper).map((r) => r.find('strong').text())).toEqual(['+4511223344'])
    await filter.setValue(false)
    expect(rows(wrapper)).toHaveLength(3)
  })

  it('says there were no missed calls, not no calls, when only missed are shown', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['history'],
      answers: { 'history:list': { ok: true, data: [busyOut, answeredIn] } },
      screen: 'history',
    })
    await wrapper.find('input[type="checkbox"]').setValue(true)
    expect(wrapper.find('.empty').text()).toContain('No missed calls')
    expect(wrapper.find('.empty').text()).not.toContain('No calls in the last seven days')
  })

  it('counts missed calls on the navigation until the history is seen', async () => {
    const { wrapper, bridge } = await mountApp({
      capabilities: ['history'],
      answers: { 'history:list': list },
    })
    expect(badge(wrapper, 'history')).toBe('')
    bridge.push('call:missed', missedEvent(missedIn))
    bridge.push('call:missed', missedEvent({ ...missedIn, id: 'c9' }, true))
    await flushPromises()
    expect(badge(wrapper, 'history')).toBe('2')

    await wrapper.find('[data-screen="history"]').trigger('click')
    await flushPromises()
    expect(badge(wrapper, 'history')).toBe('')
    await wrapper.find('[data-screen="presence"]').trigger('click')
    expect(badge(wrapper, 'history')).toBe('')
  })

  it('lists the calls missed while open where the PBX keeps no history, so the badge leads to them', async () => {
    const { wrapper, bridge, sent } = await mountApp({ capabilities: ['calls', 'dial'] })
    bridge.push('call:missed', missedEvent(missedIn))
    bridge.push('missed:changed', { accountId: 'office', missed: [missedIn] })
    await flushPromises()
    expect(badge(wrapper, 'history')).toBe('1')

    await wrapper.find('[data-screen="history"]').trigger('click')
    await flushPromises()
    expect(badge(wrapper, 'history')).toBe('')
    expect(sent('history:list')).toEqual([])
    expect(wrapper.text()).not.toContain('No call history here')
    expect(wrapper.find('.note').text()).toBe(
      'This PBX keeps no call history: listed here are the calls missed while Switchboard was open.',
    )
    expect(rows(wrapper).map((r) => r.find('strong').text())).toEqual(['+4511223344'])
    expect(rows(wrapper)[0]!.find('.row__result').text()).toBe('Missed')
  })

  it('shows the missed calls exactly as main keeps them, without a list of its own', async () => {
    const { wrapper, bridge } = await mountApp({
      capabilities: ['calls', 'dial'],
      screen: 'history',
    })
    const older = { ...missedIn, id: 'c1', startedAt: at - 120_000 }
    bridge.push('missed:changed', { accountId: 'office', missed: [missedIn, older] })
    await flushPromises()
    expect(rows(wrapper)).toHaveLength(2)
    // Main dropped one (its cap): the window follows, and keeps no copy of the old list.
    bridge.push('missed:changed', { accountId: 'office', missed: [missedIn] })
    await flushPromises()
    expect(rows(wrapper)).toHaveLength(1)
    // A call:missed alone (the badge's event) adds no row: the list is main's.
    bridge.push('call:missed', missedEvent({ ...missedIn, id: 'c9' }))
    await flushPromises()
    expect(rows(wrapper)).toHaveLength(1)
  })

  it('still lists them after the window reloads: main keeps them in the snapshot', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['calls', 'dial'],
      state: { missed: [{ ...missedIn, id: 'c7' }, missedIn] },
      screen: 'history',
    })
    expect(rows(wrapper)).toHaveLength(2)
    expect(wrapper.find('.note').exists()).toBe(true)
  })

  it('lists a missed call once where the PBX keeps history', async () => {
    const { wrapper, bridge } = await mountApp({
      capabilities: ['history'],
      answers: { 'history:list': list },
    })
    bridge.push('call:missed', missedEvent({ ...missedIn, id: 'live-c2' }))
    await flushPromises()
    await wrapper.find('[data-screen="history"]').trigger('click')
    await flushPromises()
    expect(rows(wrapper)).toHaveLength(3)
    expect(wrapper.find('.note').exists()).toBe(false)
  })

  it('calls the other party back and reloads on refresh', async () => {
    const { wrapper, sent } = await mountApp({
      capabilities: ['history', 'dial'],
      answers: {
        'history:list': list,
        'call:dial': { ok: true, data: { number: '+4599887766' } },
      },
      screen: 'history',
    })
    await button(rows(wrapper)[2]!, 'Call back').trigger('click')
    await flushPromises()
    expect(sent('call:dial')).toEqual([{ accountId: 'office', number: '+4599887766' }])
    expect(notices(wrapper)).toEqual(['Calling +4599887766…'])

    await button(wrapper, 'Refresh').trigger('click')
    await flushPromises()
    expect(sent('history:list')).toHaveLength(2)
  })

  it('offers a recording only where the PBX has recordings', async () => {
    const recorded = { ok: true as const, data: [{ ...answeredIn, recordingId: 'r1' }] }
    const without = await mountApp({
      capabilities: ['history'],
      answers: { 'history:list': recorded },
      screen: 'history',
    })
    expect(rows(without.wrapper)[0]!.text()).not.toContain('Recording')
    without.wrapper.unmount()
    removeBridge()

    const { wrapper } = await mountApp({
      capabilities: ['history', 'recordings'],
      answers: { 'history:list': recorded },
      screen: 'history',
    })
    await button(rows(wrapper)[0]!, 'Recording').trigger('click')
    expect(rows(wrapper)[0]!.find('audio').attributes('src')).toContain(
      '/__bridge/media/office/recording/r1',
    )
  })
})
