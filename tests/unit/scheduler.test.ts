import { describe, expect, it } from 'vitest'
import {
  backoffDelay,
  budgetStretch,
  defaultScheduleOptions,
  serverStretch,
  type PollKind,
} from '../../src/main/core/poll-plan'
import { RequestBudget } from '../../src/main/core/request-budget'
import { Scheduler } from '../../src/main/core/scheduler'
import { AppError } from '../../src/shared/result'
import { seededRandom } from '../support/fake-provider'
import { ManualClock } from '../support/manual-clock'

describe('poll plan', () => {
  it('backs off exponentially with jitter, up to the cap', () => {
    const options = { backoffBaseMs: 2000, backoffCapMs: 60_000 }
    const delays = [1, 2, 3, 4, 5, 6, 7, 12].map((n) =>
      backoffDelay(n, 1000, options, () => 0.9999999),
    )
    expect(delays.map(Math.round)).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000])
    expect(backoffDelay(3, 1000, options, () => 0)).toBe(4000)
    // A slow kind never retries faster than it polls anyway.
    expect(backoffDelay(1, 60_000, options, () => 0.999)).toBeCloseTo(60_000, -2)
  })

  it('stretches the other kinds first when the budget is tight, then calls', () => {
    const plan = new Map<PollKind, number>([
      ['calls', 1000],
      ['presence', 2000],
      ['chat', 5000],
    ])
    // 60 + 30 + 12 = 102 a minute wanted; 0.85 × 120 = 102 planned: fits.
    expect(budgetStretch(plan, 120, 0.85)).toEqual({ calls: 1, others: 1 })
    const tight = budgetStretch(plan, 60, 0.85)
    expect(tight.calls).toBeCloseTo(60 / (51 * 0.7))
    expect(60 / tight.calls + 42 / tight.others).toBeCloseTo(51)
  })

  it('reads rate-limit headers: slows before the window runs out, waits when only the reserve is left', () => {
    const now = 1_000_000
    expect(serverStretch(undefined, 50, now)).toEqual({ factor: 1 })
    expect(serverStretch({ limit: 100, remaining: 90, resetAt: now + 60_000 }, 50, now)).toEqual({
      factor: 1,
    })
    const slow = serverStretch({ limit: 100, remaining: 15, resetAt: now + 60_000 }, 50, now)
    expect(slow.factor).toBeCloseTo(5)
    expect(serverStretch({ limit: 100, remaining: 5, resetAt: now + 60_000 }, 50, now)).toEqual({
      factor: 1,
      pauseUntil: now + 60_000,
    })
  })
})

describe('request budget', () => {
  it('counts a sliding minute and a total, and says when a slot frees', async () => {
    const clock = new ManualClock()
    const budget = new RequestBudget(clock, 3)
    budget.record()
    await clock.advance(10_000)
    budget.record(2)
    expect(budget.allows()).toBe(false)
    expect(budget.freeAt()).toBe(clock.now() - 10_000 + 60_000)
    await clock.advance(50_001)
    expect(budget.counter()).toEqual({ lastMinute: 2, total: 3, budgetPerMinute: 3 })
  })
})

describe('scheduler', () => {
  function make(run: (kind: PollKind) => Promise<void>, clock = new ManualClock()) {
    const budget = new RequestBudget(clock, 1000)
    const errors: string[] = []
    const scheduler = new Scheduler(clock, seededRandom(5), budget, defaultScheduleOptions, {
      run,
      active: () => false,
      allowed: () => true,
      rateLimit: () => undefined,
      onSuccess: () => undefined,
      onError: (kind, error) => errors.push(`${kind}: ${(error as Error).message}`),
      onLate: () => undefined,
    })
    return { clock, scheduler, errors }
  }

  it('never overlaps two requests of one kind; a poll asked for meanwhile runs once after', async () => {
    let inFlight = 0
    let most = 0
    let runs = 0
    const clock = new ManualClock()
    const { scheduler } = make(async () => {
      inFlight += 1
      runs += 1
      most = Math.max(most, inFlight)
      await new Promise<void>((resolve) => clock.setTimeout(resolve, 5000))
      inFlight -= 1
    }, clock)
    scheduler.start(['calls'])
    await clock.advance(1000)
    scheduler.pollNow(['calls'])
    scheduler.pollNow(['calls'])
    await clock.advance(5000)
    expect(most).toBe(1)
    expect(runs).toBe(2)
    scheduler.stop()
  })

  it('keeps each kind at its own pace, with jitter', async () => {
    const times: Record<string, number[]> = { calls: [], voicemail: [] }
    const clock = new ManualClock()
    const { scheduler } = make(async (kind) => {
      times[kind]?.push(clock.now())
    }, clock)
    scheduler.start(['calls', 'voicemail'])
    await clock.advance(300_000)
    scheduler.stop()
    const gaps = times.calls!.slice(1).map((t, i) => t - times.calls![i]!)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2700)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(3300)
    expect(new Set(gaps).size).toBeGreaterThan(5)
    expect(times.voicemail!.length).toBeGreaterThanOrEqual(5)
    expect(times.voicemail!.length).toBeLessThanOrEqual(6)
  })

  it('backs off on errors and stops backing off after a success', async () => {
    const clock = new ManualClock()
    let failing = true
    const times: number[] = []
    const { scheduler, errors } = make(async () => {
      times.push(clock.now())
      if (failing) throw new AppError('network', 'down')
    }, clock)
    scheduler.start(['calls'])
    await clock.advance(120_000)
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    expect(gaps.slice(0, 4).every((gap, i) => i === 0 || gap > gaps[i - 1]! * 0.9)).toBe(true)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(60_000)
    expect(errors.length).toBe(times.length)
    failing = false
    scheduler.pollNow(['calls'], true)
    await clock.advance(30_000)
    expect(times.length - gaps.length - 1).toBeGreaterThanOrEqual(9)
    scheduler.stop()
  })
})
