import { need } from '../../src/main/providers/facets'
import { afterEach, describe, expect, it } from 'vitest'
import type { CallRecord } from '../../src/shared/model'
import { isAppError } from '../../src/shared/result'
import { defaultScheduleOptions } from '../../src/main/core/session/poll-plan'
import { FakeProvider, makeCall } from '../support/fake-provider'
import { ManualClock } from '@switchboard/demo-pbx/testing'
import { startSession, type Harness } from './session-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.session.stop()
  h = undefined
})

const jitter = 1 + defaultScheduleOptions.jitter

/** A PBX whose week of history takes eight requests (one-day pages), like the costliest dialect. */
class PagedHistory extends FakeProvider {
  override async history(since: number, until: number): Promise<CallRecord[]> {
    this.stats.requests += 7
    return super.history(since, until)
  }
}

function eventAt(harness: Harness, type: 'call.ringing' | 'call.ended', id: string): number {
  const event = harness.events.find((e) => e.type === type && e.call.id === id)
  return event?.at ?? Infinity
}

async function focusedSession(): Promise<{ harness: Harness; interval: number }> {
  const clock = new ManualClock()
  // No grace after the last snapshot that showed a call: a hang-up then shows after
  // the two snapshots without it (the grace is the tracker's own, tested there), so
  // what is on trial here is only whether the calls polls kept their pace.
  const harness = await startSession({
    clock,
    provider: new PagedHistory({ now: () => clock.now() }),
    options: { tracker: { graceMs: 0 } },
  })
  harness.session.signal('focus')
  await clock.run(90_000)
  return { harness, interval: harness.session.schedule.interval('calls') }
}

/** Keeps reading every `everyMs` for `ms`; a read refused for the budget is what a user would retry. */
async function browse(
  harness: Harness,
  ms: number,
  everyMs: number,
  read: () => Promise<unknown>,
): Promise<{ refused: number; codes: Set<string | undefined> }> {
  let refused = 0
  const codes = new Set<string | undefined>()
  for (let t = 0; t < ms; t += everyMs) {
    read().catch((error: unknown) => {
      refused += 1
      codes.add(isAppError(error) ? error.detail?.code : 'not an AppError')
    })
    await harness.clock.run(everyMs)
  }
  return { refused, codes }
}

describe('session: browsing never delays a call', () => {
  it('with History refreshed every 2 s for 5 minutes, a call pops within the focused interval and its hang-up within two', async () => {
    const { harness, interval } = await focusedSession()
    h = harness
    const refresh = (): Promise<unknown> => harness.session.history()
    await browse(harness, 4 * 60_000, 2000, refresh)
    const ringAt = harness.clock.now()
    harness.provider.currentCalls = [makeCall({ id: 'c1' })]
    await browse(harness, 30_000, 2000, refresh)
    const hangupAt = harness.clock.now()
    harness.provider.currentCalls = []
    await browse(harness, 30_000, 2000, refresh)
    expect(eventAt(harness, 'call.ringing', 'c1') - ringAt).toBeLessThanOrEqual(interval * jitter)
    expect(eventAt(harness, 'call.ended', 'c1') - hangupAt).toBeLessThanOrEqual(
      2 * interval * jitter,
    )
  })

  it('refreshing History within 30 s of the last load asks the PBX nothing', async () => {
    const { harness } = await focusedSession()
    h = harness
    const before = harness.provider.count('history')
    await browse(harness, 60_000, 2000, () => harness.session.history())
    // The history poll kind reads once a minute too; the screen's refreshes add two loads.
    expect(harness.provider.count('history') - before).toBeLessThanOrEqual(4)
  })

  it('reading a chat room four times a second leaves the calls polls their pace, and is told to wait', async () => {
    const { harness, interval } = await focusedSession()
    h = harness
    const callsBefore = harness.provider.count('calls')
    const search = (): Promise<unknown> =>
      harness.session.read(async (p) => {
        harness.provider.stats.requests += 7
        return need(p, 'chatRooms')()
      })
    const { refused, codes } = await browse(harness, 60_000, 250, search)
    // No calls poll rides on a read: the same pace as without browsing.
    expect(harness.provider.count('calls') - callsBefore).toBeLessThanOrEqual(
      Math.ceil(60_000 / (interval / jitter)) + 1,
    )
    expect(refused).toBeGreaterThan(0)
    // Said as Switchboard's own wait, with the seconds, not as the PBX's rate limit.
    expect([...codes]).toEqual(['budget.calls_first'])
    const ringAt = harness.clock.now()
    harness.provider.currentCalls = [makeCall({ id: 'c2' })]
    await browse(harness, 20_000, 250, search)
    expect(eventAt(harness, 'call.ringing', 'c2') - ringAt).toBeLessThanOrEqual(interval * jitter)
  })

  it('a search that finds the budget full for a moment waits for a slot instead of failing', async () => {
    const { harness } = await focusedSession()
    h = harness
    // Requests a minute ago fill the window to the brim; they leave it in a second.
    harness.session.budget.record(harness.session.budget.perMinute)
    await harness.clock.run(59_000)
    let result: unknown
    void harness.session.read((p) => need(p, 'chatRooms')()).then((rooms) => (result = rooms))
    await harness.clock.run(100)
    expect(result).toBeUndefined()
    await harness.clock.run(3000)
    expect(result).toEqual([])
  })
})
