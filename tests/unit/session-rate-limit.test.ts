import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/result'
import { defaultScheduleOptions } from '../../src/main/core/session/poll-plan'
import { makeCall } from '../support/fake-provider'
import { startSession, type Harness } from './session-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.session.stop()
  h = undefined
})

const callsIdle = defaultScheduleOptions.intervals.calls.idle
const jitter = 1 + defaultScheduleOptions.jitter

function tooMany(seconds: number): AppError {
  return new AppError('rate_limited', 'Too many requests.', seconds * 1000, {
    code: 'rate_limited',
    params: { seconds },
  })
}

/** Like a real server: every request is refused with `error` from now until `ms` from now. */
function refuseFor(harness: Harness, ms: number, error: AppError): void {
  harness.provider.down = error
  harness.clock.setTimeout(() => {
    if (harness.provider.down === error) harness.provider.down = undefined
  }, ms)
}

function poppedAt(harness: Harness, callId: string): number | undefined {
  const event = harness.events.find((e) => e.type === 'call.ringing' && e.call.id === callId)
  return event?.at
}

describe('session: calls keep priority through a 429', () => {
  it('a call ringing during a Retry-After 30 and a second 429 pops within the wait plus one calls interval', async () => {
    h = await startSession()
    await h.clock.run(60_000)
    const harness = h
    // The server refuses for 30 s, then refuses the first request after that once
    // more (Retry-After 5), then answers again.
    const first = tooMany(30)
    refuseFor(harness, 30_000, first)
    harness.clock.setTimeout(() => refuseFor(harness, 5000, tooMany(5)), 30_000)
    const limitedAt = h.clock.now()
    await h.clock.run(1000)
    h.provider.currentCalls = [makeCall({ id: 'c1' })]
    await h.clock.run(60_000)
    const popped = poppedAt(h, 'c1')
    expect(popped).toBeDefined()
    expect((popped ?? Infinity) - limitedAt).toBeLessThanOrEqual(35_000 + callsIdle * jitter)
  })

  it('after the wait, calls are asked first and the other kinds follow', async () => {
    h = await startSession()
    await h.clock.run(60_000)
    refuseFor(h, 30_000, tooMany(30))
    const limitedAt = h.clock.now()
    await h.clock.run(40_000)
    const after = h.provider.log.filter((entry) => entry.at >= limitedAt + 30_000)
    expect(after[0]?.method).toBe('calls')
    const firstOther = after.find((entry) => entry.method !== 'calls')
    expect(firstOther?.at ?? Infinity).toBeGreaterThan(after[0]?.at ?? 0)
  })

  it('right after two 429s in a row, a new call still pops within one calls interval', async () => {
    h = await startSession()
    await h.clock.run(60_000)
    const harness = h
    refuseFor(harness, 30_000, tooMany(30))
    harness.clock.setTimeout(() => refuseFor(harness, 5000, tooMany(5)), 30_000)
    await h.clock.run(45_000)
    expect(h.session.state).toBe('online')
    // The other kinds are slowed after the 429s; calls keep their pace.
    const ringAt = h.clock.now()
    h.provider.currentCalls = [makeCall({ id: 'c2' })]
    await h.clock.run(30_000)
    const popped = poppedAt(h, 'c2')
    expect((popped ?? Infinity) - ringAt).toBeLessThanOrEqual(callsIdle * jitter)
  })
})
