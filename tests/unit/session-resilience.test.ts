import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/result'
import { SessionManager } from '../../src/main/core/session/manager'
import {
  callEvents,
  FakeProvider,
  makeCall,
  makeRecord,
  seededRandom,
} from '../support/fake-provider'
import type { SessionEvent } from '../../src/main/core/session/events'
import { ManualClock } from '@switchboard/demo-pbx/testing'
import { quietLog, startSession, tempDir, type Harness } from './session-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.session.stop()
  h = undefined
})

const offline = new AppError('network', 'Cannot reach the PBX.')

describe('session: outages, restarts and limits', () => {
  it('calls missed while offline appear once after reconnect, and never again after a restart', async () => {
    const dir = await tempDir()
    const clock = new ManualClock()
    const provider = new FakeProvider({ now: () => clock.now() })
    const make = (): SessionManager =>
      new SessionManager({
        dataDir: dir,
        createProvider: () => provider,
        clock,
        random: seededRandom(3),
        log: quietLog,
      })
    const first = make()
    const events: SessionEvent[] = []
    first.on((event) => events.push(event))
    await first.sync([{ id: 'acc1' }])
    await clock.run(10_000)
    expect(first.get('acc1')?.state).toBe('online')

    provider.down = offline
    await clock.run(60_000)
    expect(first.get('acc1')?.state).toBe('offline')
    const during = clock.now()
    provider.records = [
      makeRecord({ id: 'r1', callId: 'm1', startedAt: during - 30_000 }),
      makeRecord({ id: 'r2', callId: 'm2', startedAt: during - 10_000 }),
    ]
    await clock.run(240_000)
    provider.down = undefined
    await clock.run(120_000)
    expect(first.get('acc1')?.state).toBe('online')
    expect(callEvents(events)).toEqual(['missed m1 late', 'missed m2 late'])

    // The app quits and starts again on the same data dir, later.
    await first.stop()
    await clock.run(3_600_000)
    const second = make()
    const after: SessionEvent[] = []
    second.on((event) => after.push(event))
    await second.sync([{ id: 'acc1' }])
    await clock.run(180_000)
    expect(callEvents(after)).toEqual([])
    await second.stop()
  })

  it('goes degraded, then offline, then back online, and says when it retries', async () => {
    h = await startSession()
    await h.clock.run(5000)
    h.provider.down = offline
    await h.clock.run(60_000)
    const status = h.session.connection
    expect(status).toMatchObject({ state: 'offline', detail: 'offline' })
    expect(status.retryAt).toBeGreaterThan(h.clock.now())
    // Offline, only one kind probes, with back-off: a handful of requests a minute.
    const before = h.provider.count()
    await h.clock.run(120_000)
    expect(h.provider.count() - before).toBeLessThanOrEqual(6)
    h.provider.down = undefined
    h.session.signal('online')
    await h.clock.run(100)
    expect(h.session.state).toBe('online')
    // While offline, each new retry time is news too; the states go in this order.
    const states = h.statuses().filter((s, i, all) => s !== all[i - 1])
    expect(states).toEqual(['online/online', 'degraded/slow', 'offline/offline', 'online/online'])
  })

  it('refused credentials: signed out, and only a slow re-check, no retry storm', async () => {
    const clock = new ManualClock()
    const provider = new FakeProvider({ now: () => clock.now() })
    provider.down = new AppError('auth', 'The API key was refused.')
    h = await startSession({ provider, clock })
    await h.clock.run(600_000)
    expect(h.session.connection).toMatchObject({
      state: 'auth_failed',
      detail: 'signed_out',
      message: 'The API key was refused.',
    })
    // Re-checks back off from about a minute: a handful in ten minutes, not hundreds.
    expect(h.provider.count()).toBeGreaterThanOrEqual(3)
    expect(h.provider.count()).toBeLessThanOrEqual(6)
  })

  it('credentials revoked while running: polling stops at once, only re-checks follow', async () => {
    h = await startSession()
    await h.clock.run(10_000)
    h.provider.down = new AppError('auth', 'Token expired and could not be renewed.')
    await h.clock.run(5000)
    const count = h.provider.count()
    await h.clock.run(50_000)
    expect(h.session.state).toBe('auth_failed')
    expect(h.provider.count()).toBe(count)
    await h.clock.run(550_000)
    expect(h.provider.log.slice(count).every((entry) => entry.method === 'signIn')).toBe(true)
    await expect(h.session.dial('100')).rejects.toMatchObject({ kind: 'auth' })
  })

  it('a 429 with Retry-After: nothing is sent until then, polling slows, then recovers', async () => {
    h = await startSession({ fake: { capabilities: ['calls'] } })
    await h.clock.run(30_000)
    const normal = h.provider.count('calls')
    h.provider.fail('calls', new AppError('rate_limited', 'Too many requests.', 20_000))
    await h.clock.run(4000)
    const limitedAt = h.provider.log.at(-1)!.at
    expect(h.session.connection).toMatchObject({ state: 'degraded', detail: 'rate_limited' })
    expect(h.session.connection.until).toBeGreaterThanOrEqual(limitedAt + 20_000)
    const quiet = h.provider.count()
    await h.clock.run(limitedAt + 19_900 - h.clock.now())
    expect(h.provider.count()).toBe(quiet)
    await h.clock.run(30_000)
    expect(h.session.state).toBe('online')
    // Slower for a while after the 429 …
    const slowStart = h.provider.count('calls')
    await h.clock.run(30_000)
    expect(h.provider.count('calls') - slowStart).toBeLessThan(normal * 0.75)
    // … and back to the usual pace a few minutes later.
    await h.clock.run(240_000)
    const back = h.provider.count('calls')
    await h.clock.run(30_000)
    expect(h.provider.count('calls') - back).toBeGreaterThanOrEqual(normal - 2)
  })

  it('slows down before the server budget from rate-limit headers runs out', async () => {
    h = await startSession({ fake: { capabilities: ['calls'] } })
    await h.clock.run(5000)
    const resetAt = h.clock.now() + 60_000
    h.provider.stats.rateLimit = { limit: 100, remaining: 15, resetAt }
    const before = h.provider.count()
    await h.clock.run(59_000)
    // 15 left, 5 kept in reserve for the user's own actions.
    expect(h.provider.count() - before).toBeLessThanOrEqual(11)
  })

  it('an idle account with defaults stays within its budget, and the counter shows it', async () => {
    h = await startSession()
    for (let minute = 0; minute < 10; minute++) {
      const before = h.provider.count()
      await h.clock.run(60_000)
      const sent = h.provider.count() - before
      expect(sent).toBeLessThanOrEqual(120)
      expect(h.session.snapshot().requests.lastMinute).toBe(sent)
    }
    expect(h.session.snapshot().requests.total).toBe(h.provider.count())
  })

  it('a focused window with a live call still keeps to a small budget, calls first', async () => {
    h = await startSession({ options: { schedule: { budgetPerMinute: 40 } } })
    h.session.signal('focus')
    h.provider.currentCalls = [makeCall({ id: 'c1', state: 'up' })]
    await h.clock.run(60_000)
    for (let minute = 0; minute < 5; minute++) {
      const before = h.provider.count()
      await h.clock.run(60_000)
      expect(h.provider.count() - before).toBeLessThanOrEqual(40)
    }
    const before = h.provider.log.length
    await h.clock.run(60_000)
    const lastMinute = h.provider.log.slice(before)
    const calls = lastMinute.filter((entry) => entry.method === 'calls').length
    expect(calls).toBeGreaterThanOrEqual(lastMinute.length / 2 - 1)
  })

  it('a wall-clock jump (sleep) triggers an immediate catch-up with history', async () => {
    h = await startSession()
    await h.clock.run(70_000)
    const asleepAt = h.clock.now()
    h.clock.jump(3_600_000)
    h.provider.records = [makeRecord({ id: 'r1', callId: 'night', startedAt: asleepAt + 600_000 })]
    await h.clock.run(500)
    expect(h.calls()).toEqual(['missed night late'])
  })

  it('focus polls calls at once and fast; blur slows them again', async () => {
    h = await startSession({ fake: { capabilities: ['calls'] } })
    await h.clock.run(30_000)
    const before = h.provider.count()
    h.session.signal('focus')
    await h.clock.run(0)
    expect(h.provider.count()).toBe(before + 1)
    await h.clock.run(30_000)
    const focused = h.provider.count() - before
    h.session.signal('blur')
    await h.clock.run(3000)
    const blurred = h.provider.count()
    await h.clock.run(30_000)
    expect(focused).toBeGreaterThanOrEqual(26)
    expect(h.provider.count() - blurred).toBeLessThanOrEqual(12)
  })
})
