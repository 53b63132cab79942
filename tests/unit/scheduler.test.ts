import { describe, expect, it } from 'vitest'
import {
  backoffDelay,
  budgetStretch,
  defaultScheduleOptions,
  serverStretch,
  type PollKind,
} from '../../src/main/core/session/poll-plan'
import { RequestBudget } from '../../src/main/core/session/request-budget'
import { Scheduler } from '../../src/main/core/session/scheduler'
import { AppError } from '../../src/shared/result'
import { seededRandom } from '../support/fake-provider'
import { ManualClock } from '@switchboard/demo-pbx/testing'

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
    await clock.run(10_000)
    budget.record(2)
    expect(budget.allows()).toBe(false)
    expect(budget.freeAt()).toBe(clock.now() - 10_000 + 60_000)
    await clock.run(50_001)
    expect(budget.counter()).toEqual({ lastMinute: 2, total: 3, budgetPerMinute: 3 })
  })

  it('counts slots held for requests in flight until they are released', () => {
    const clock = new ManualClock()
    const budget = new RequestBudget(clock, 5)
    budget.record(2)
    const release = budget.hold(2)
    expect(budget.allows(1)).toBe(true)
    expect(budget.allows(2)).toBe(false)
    expect(budget.freeAt(2)).toBe(clock.now() + 60_000)
    // Only requests in flight in the way: free as soon as they are recorded.
    const busy = new RequestBudget(clock, 5)
    busy.hold(5)
    expect(busy.allows(1)).toBe(false)
    expect(busy.freeAt(1)).toBe(clock.now())
    // Held slots are not requests: the counter the window shows leaves them out.
    expect(budget.counter().lastMinute).toBe(2)
    release()
    release()
    expect(budget.allows(3)).toBe(true)
    expect(budget.allows(4)).toBe(false)
  })
})

describe('scheduler', () => {
  function make(
    run: (kind: PollKind) => Promise<void>,
    clock = new ManualClock(),
    extra: { budget?: RequestBudget; active?: boolean; sent?: () => number } = {},
  ) {
    const budget = extra.budget ?? new RequestBudget(clock, 1000)
    const options = extra.budget
      ? { ...defaultScheduleOptions, budgetPerMinute: budget.perMinute }
      : defaultScheduleOptions
    const errors: string[] = []
    const scheduler = new Scheduler(clock, seededRandom(5), budget, options, {
      run,
      active: () => extra.active ?? false,
      allowed: () => true,
      rateLimit: () => undefined,
      onSuccess: () => undefined,
      onError: (kind, error) => errors.push(`${kind}: ${(error as Error).message}`),
      onLate: () => undefined,
      ...(extra.sent ? { sent: extra.sent } : {}),
    })
    return { clock, scheduler, errors }
  }

  it('keeps the budget in every sliding minute when polls send several requests and overlap', async () => {
    // Presence sends three requests one after another (pages), calls one; live
    // notices ask for both at once twice a second, far more than the budget allows.
    const clock = new ManualClock()
    const budget = new RequestBudget(clock, 20)
    const stats = { requests: 0 }
    const arrivals: number[] = []
    const { scheduler } = make(
      (kind) =>
        budget.count(stats, async () => {
          for (let i = 0; i < (kind === 'presence' ? 3 : 1); i++) {
            stats.requests++
            arrivals.push(clock.now())
            await new Promise<void>((resolve) => clock.setTimeout(resolve, 40))
          }
        }),
      clock,
      { budget, active: true, sent: () => stats.requests },
    )
    scheduler.start(['calls', 'presence'])
    for (let t = 0; t < 10 * 60_000; t += 500) {
      scheduler.pollNow(['calls', 'presence'])
      await clock.run(500)
    }
    scheduler.stop()
    let worst = 0
    for (let i = 0, j = 0; i < arrivals.length; i++) {
      while (arrivals[j]! <= arrivals[i]! - 60_000) j++
      worst = Math.max(worst, i - j + 1)
    }
    expect(worst).toBeLessThanOrEqual(20)
    // …and it still uses most of what the budget allows.
    expect(arrivals.length).toBeGreaterThan(10 * 20 * 0.7)
  })

  it('keeps a slot for calls when other kinds would spend the budget', async () => {
    // Presence and chat cost four requests a poll and are asked for five times a
    // second (catch-ups, notices): they may take the window to the planned share only.
    const clock = new ManualClock()
    const budget = new RequestBudget(clock, 40)
    const stats = { requests: 0 }
    const calls: number[] = []
    const sent: number[] = []
    const { scheduler } = make(
      (kind) =>
        budget.count(stats, async () => {
          if (kind === 'calls') calls.push(clock.now())
          for (let i = 0; i < (kind === 'calls' ? 1 : 4); i++) {
            stats.requests++
            sent.push(clock.now())
            await new Promise<void>((resolve) => clock.setTimeout(resolve, 30))
          }
        }),
      clock,
      { budget, active: true, sent: () => stats.requests },
    )
    scheduler.start(['calls', 'presence', 'chat'])
    for (let t = 0; t < 5 * 60_000; t += 200) {
      scheduler.pollNow(['presence', 'chat'])
      await clock.run(200)
    }
    const interval = scheduler.interval('calls')
    scheduler.stop()
    const gaps = calls.slice(1).map((t, i) => t - calls[i]!)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(interval * 1.1 + 100)
    let worst = 0
    for (let i = 0, j = 0; i < sent.length; i++) {
      while (sent[j]! <= sent[i]! - 60_000) j++
      worst = Math.max(worst, i - j + 1)
    }
    expect(worst).toBeLessThanOrEqual(40)
  })

  it('plans requests, not polls: a kind whose polls cost three requests is stretched threefold', async () => {
    const clock = new ManualClock()
    const budget = new RequestBudget(clock, 60)
    const stats = { requests: 0 }
    const sent: number[] = []
    const { scheduler } = make(
      (kind) =>
        budget.count(stats, async () => {
          for (let i = 0; i < (kind === 'presence' ? 3 : 1); i++) {
            stats.requests++
            sent.push(clock.now())
            await new Promise<void>((resolve) => clock.setTimeout(resolve, 40))
          }
        }),
      clock,
      { budget, active: true, sent: () => stats.requests },
    )
    scheduler.start(['calls', 'presence'])
    await clock.run(60_000)
    const from = clock.now()
    await clock.run(5 * 60_000)
    // The plan's share is 0.85 × 60 = 51 requests a minute; calls keep 70 % of it.
    expect(scheduler.interval('calls')).toBeCloseTo(60_000 / (51 * 0.7), -1)
    expect(scheduler.interval('presence')).toBeCloseTo((3 * 60_000) / (51 * 0.3), -1)
    scheduler.stop()
    const perMinute = sent.filter((t) => t >= from).length / 5
    expect(perMinute).toBeGreaterThan(51 * 0.85)
    expect(perMinute).toBeLessThanOrEqual(51 * 1.1)
  })

  it('acts on live notices at once, but no faster than the kind would poll when active', async () => {
    const clock = new ManualClock()
    const budget = new RequestBudget(clock, 120)
    const stats = { requests: 0 }
    const polls: Record<string, number[]> = { calls: [], presence: [] }
    const sent: number[] = []
    const { scheduler } = make(
      (kind) =>
        budget.count(stats, async () => {
          polls[kind]?.push(clock.now())
          stats.requests++
          sent.push(clock.now())
          await new Promise<void>((resolve) => clock.setTimeout(resolve, 20))
        }),
      clock,
      { budget, sent: () => stats.requests },
    )
    scheduler.start(['calls', 'presence'])
    await clock.run(10_000)
    // Quiet: a notice polls at once (the other frames of a change ride along).
    const before = polls.calls!.length
    const noticed = clock.now()
    scheduler.notice(['calls'])
    scheduler.notice(['calls'])
    await clock.run(20)
    scheduler.notice(['calls'])
    expect(polls.calls!.length).toBe(before + 1)
    expect(polls.calls!.at(-1)! - noticed).toBeLessThanOrEqual(15)
    // A storm of notices, ten a second for five minutes: calls are polled about as
    // often as when active (every second), presence every two seconds, not ten
    // times a second; the budget holds and the calls poll never stalls.
    const from = clock.now()
    for (let t = 0; t < 5 * 60_000; t += 100) {
      scheduler.notice(['calls', 'presence'])
      await clock.run(100)
    }
    scheduler.stop()
    const late = (kind: string): number[] => polls[kind]!.filter((t) => t > from + 60_000)
    expect(late('calls').length).toBeGreaterThan(240 * 0.8)
    expect(late('calls').length).toBeLessThanOrEqual(240 * 1.15)
    expect(late('presence').length).toBeGreaterThan(120 * 0.8)
    expect(late('presence').length).toBeLessThanOrEqual(120 * 1.15)
    const gaps = late('calls')
      .slice(1)
      .map((t, i) => t - late('calls')[i]!)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1200)
    let worst = 0
    for (let i = 0, j = 0; i < sent.length; i++) {
      while (sent[j]! <= sent[i]! - 60_000) j++
      worst = Math.max(worst, i - j + 1)
    }
    expect(worst).toBeLessThanOrEqual(120)
  })

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
    await clock.run(1000)
    scheduler.pollNow(['calls'])
    scheduler.pollNow(['calls'])
    await clock.run(5000)
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
    await clock.run(300_000)
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
    await clock.run(120_000)
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    expect(gaps.slice(0, 4).every((gap, i) => i === 0 || gap > gaps[i - 1]! * 0.9)).toBe(true)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(60_000)
    expect(errors.length).toBe(times.length)
    failing = false
    scheduler.pollNow(['calls'], true)
    await clock.run(30_000)
    expect(times.length - gaps.length - 1).toBeGreaterThanOrEqual(9)
    scheduler.stop()
  })
})
