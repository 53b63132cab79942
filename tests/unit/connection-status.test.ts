import { describe, expect, it } from 'vitest'
import { ConnectionStatusMachine, sameStatus } from '../../src/main/core/session/connection-status'
import type { ConnectionStatus } from '../../src/main/core/session/events'
import { authRecheckDelay, backoffDelay } from '../../src/main/core/session/poll-plan'
import { AppError } from '../../src/shared/result'
import { ManualClock } from '@switchboard/demo-pbx/testing'

const unreachable = new AppError('network', 'Cannot reach the PBX.')
const backoff = { backoffBaseMs: 2000, backoffCapMs: 60_000 }

function machine(offlineAfter = 3) {
  const clock = new ManualClock()
  const said: ConnectionStatus[] = []
  const status = new ConnectionStatusMachine({
    accountId: 'acc1',
    clock,
    random: () => 0.5,
    backoff,
    offlineAfter,
    changed: (next) => said.push(next),
  })
  const words = (): string[] => said.map((s) => `${s.state}/${s.detail}`)
  return { clock, status, said, words }
}

describe('the connection status', () => {
  it('goes online, slow, then offline after three failures in a row, and online again', () => {
    const { status, words } = machine()
    status.succeeded()
    status.failed(unreachable, 5000, 0)
    status.failed(unreachable, 9000, 0)
    status.failed(unreachable, 17_000, 0)
    expect(status.offline()).toBe(true)
    expect(status.succeeded()).toBe(true)
    expect(words()).toEqual(['online/online', 'degraded/slow', 'offline/offline', 'online/online'])
  })

  it('asks for a catch-up after unreadable or slow answers, but not after a 429', () => {
    const { status } = machine()
    status.succeeded()
    const unreadableAnswer = new AppError(
      'bad_response',
      'The PBX sent an answer Switchboard cannot read.',
    )
    status.failed(unreadableAnswer, 5000, 0)
    expect(status.state).toBe('degraded')
    // Another kind got an answer: calls, still on its back-off, is asked again now.
    expect(status.succeeded()).toBe(true)
    status.failed(unreachable, 5000, 0)
    expect(status.succeeded()).toBe(true)
    status.failed(new AppError('rate_limited', 'Too many requests.', 30_000), 35_000, 35_000)
    expect(status.succeeded()).toBe(false)
    expect(status.succeeded()).toBe(false)
  })

  it('says nothing when nothing changed, and says when only the next try moved', () => {
    const { status, said } = machine(1)
    status.failed(unreachable, 5000, 0)
    const count = said.length
    status.failed(unreachable, 5000, 0)
    expect(said).toHaveLength(count)
    status.failed(unreachable, 9000, 0)
    expect(said.at(-1)).toMatchObject({ state: 'offline', retryAt: 9000 })
  })

  it('backs sign-in off like a failing poll, each failure counted once', () => {
    const { status, clock, said } = machine()
    const waits = [1, 2, 3, 4, 5, 6, 7].map(() => status.signInFailed(unreachable, 0))
    expect(waits).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, 0, backoff, () => 0.5)))
    expect(Math.max(...waits)).toBeLessThanOrEqual(60_000)
    // Offline after the third, with the next try's time.
    expect(said.at(-1)).toMatchObject({ state: 'offline', retryAt: clock.now() + waits[6]! })
    status.reconnecting()
    expect(status.signInFailed(unreachable, 0)).toBe(backoffDelay(1, 0, backoff, () => 0.5))
  })

  it('says signed out on refused credentials, re-checks slowly, and refuses requests meanwhile', () => {
    const { status, said } = machine()
    const first = status.refused('Wrong key.')
    const second = status.refused('Wrong key.')
    expect([first, second]).toEqual([1, 2].map((n) => authRecheckDelay(n, () => 0.5)))
    expect(said.at(-1)).toMatchObject({ state: 'auth_failed', detail: 'signed_out' })
    expect(() => status.ensureUsable()).toThrow('Wrong key.')
    expect(status.polling()).toBe(false)
    status.signedIn()
    expect(status.state).toBe('connecting')
    expect(status.refused('Wrong key.')).toBe(first)
  })

  it('keeps when the data was last fresh on every status that is not online', () => {
    const { status, clock, said } = machine(1)
    status.succeeded()
    const fresh = clock.now()
    clock.jump(30_000)
    status.failed(unreachable, fresh + 60_000, 0)
    expect(said.at(-1)).toMatchObject({ state: 'offline', lastUpdatedAt: fresh })
  })

  it('tells a push account whether its live events arrive', () => {
    const { status, said } = machine()
    status.succeeded()
    status.eventsChanged({ live: false, reason: 'socket closed' })
    expect(said.at(-1)).toMatchObject({
      state: 'online',
      events: 'polling',
      eventsReason: 'socket closed',
    })
    status.eventsChanged({ live: true })
    expect(said.at(-1)).toMatchObject({ state: 'online', events: 'live' })
    expect(said.at(-1)?.eventsReason).toBeUndefined()
  })

  it('stops for good: requests are refused as not connected', () => {
    const { status } = machine()
    status.stop()
    expect(status.stopped()).toBe(true)
    expect(() => status.ensureUsable()).toThrow(
      expect.objectContaining({ detail: { code: 'account.not_connected' } }),
    )
  })
})

describe('comparing statuses', () => {
  const base: ConnectionStatus = { accountId: 'a', state: 'online', since: 1, detail: 'online' }
  it('sees a change in any field, and none between equal statuses', () => {
    expect(sameStatus(base, { ...base })).toBe(true)
    expect(sameStatus(base, { ...base, events: 'live' })).toBe(false)
    expect(sameStatus({ ...base, eventsReason: 'x' }, { ...base, eventsReason: 'y' })).toBe(false)
    expect(sameStatus(base, { ...base, lastUpdatedAt: 5 })).toBe(false)
  })
})
