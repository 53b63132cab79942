import { describe, expect, it } from 'vitest'
import { ConnectionStatusMachine } from '../../src/main/core/session/connection-status'
import { EventDelivery } from '../../src/main/core/session/event-delivery'
import type { SessionEvent } from '../../src/main/core/session/events'
import { defaultScheduleOptions } from '../../src/main/core/session/poll-plan'
import { RequestBudget } from '../../src/main/core/session/request-budget'
import { SessionPolls } from '../../src/main/core/session/session-polls'
import { Consultations } from '../../src/main/core/calls/consultations'
import { AppError } from '../../src/shared/result'
import { FakeProvider } from '../support/fake-provider'
import { ManualClock } from '@switchboard/demo-pbx/testing'
import { quietLog, tempDir } from './session-harness'

async function polling() {
  const clock = new ManualClock()
  const provider = new FakeProvider({ now: () => clock.now() })
  const delivery = new EventDelivery('acc1', clock, quietLog)
  const events: SessionEvent[] = []
  delivery.on((event) => events.push(event))
  const status = new ConnectionStatusMachine({
    accountId: 'acc1',
    clock,
    random: () => 0.5,
    backoff: defaultScheduleOptions,
    offlineAfter: 3,
    changed: (next) =>
      delivery.emit({ ...delivery.stamp('status'), type: 'status.changed', status: next }),
  })
  const budget = new RequestBudget(clock, 120)
  const consultations = new Consultations()
  const polls = new SessionPolls({
    accountId: 'acc1',
    provider,
    clock,
    random: () => 0.5,
    log: quietLog,
    options: {},
    budget,
    schedule: defaultScheduleOptions,
    status,
    delivery,
    latest: { calls: [], mine: [], parked: [], queues: [], voicemail: [] },
    consultations: () => consultations,
    counted: (fn) => budget.count(provider.stats, fn),
    refused: () => undefined,
  })
  polls.open(await delivery.open(await tempDir()))
  polls.scheduler.start(['calls', 'presence', 'chat'])
  return { clock, provider, polls, status, events }
}

describe('a session’s polling', () => {
  it('keeps calls fast for ten seconds after a command, then idle again', async () => {
    const { clock, polls } = await polling()
    expect(polls.scheduler.interval('calls')).toBe(3000)
    polls.confirm([])
    expect(polls.scheduler.interval('calls')).toBe(1000)
    await clock.run(10_000)
    expect(polls.scheduler.interval('calls')).toBe(3000)
    polls.stop()
  })

  it('polls every kind at its active pace while the window has focus', async () => {
    const { polls } = await polling()
    polls.signal('focus')
    expect(polls.scheduler.interval('presence')).toBe(2000)
    polls.signal('blur')
    expect(polls.scheduler.interval('presence')).toBe(5000)
    polls.stop()
  })

  it('says offline when the machine loses the network, and then sends only the calls probe', async () => {
    const { clock, polls, status, provider } = await polling()
    await clock.run(10_000)
    provider.down = new AppError('network', 'Cannot reach the PBX.')
    polls.signal('offline')
    expect(status.status).toMatchObject({ state: 'offline', detail: 'offline' })
    const before = { calls: provider.count('calls'), presence: provider.count('presence') }
    await clock.run(30_000)
    expect(provider.count('presence')).toBe(before.presence)
    expect(provider.count('calls')).toBeGreaterThan(before.calls)
    polls.stop()
  })

  it('stops polling what a PBX turned out not to offer, and tells the windows', async () => {
    const { polls, events } = await polling()
    polls.capabilitiesShrank({ capabilities: new Set(['calls', 'presence']), feature: 'chat' })
    expect(polls.scheduler.kinds()).toEqual(['calls', 'presence'])
    expect(events.at(-1)).toMatchObject({
      type: 'capabilities.changed',
      capabilities: ['calls', 'presence'],
      feature: 'chat',
    })
    polls.stop()
  })
})
