import { describe, expect, it } from 'vitest'
import { CallsReserve } from '../../src/main/core/session/calls-reserve'
import { NOTICE_BURST } from '../../src/main/core/session/notice-pacing'
import { Pacing } from '../../src/main/core/session/pacing'
import { defaultScheduleOptions, type PollKind } from '../../src/main/core/session/poll-plan'
import { RateLimitPenalty } from '../../src/main/core/session/rate-limit-penalty'
import { RequestBudget } from '../../src/main/core/session/request-budget'
import { newLoop, type Loop } from '../../src/main/core/session/scheduler-loop'
import { ManualClock } from '@switchboard/demo-pbx/testing'

function pacing(kinds: PollKind[], perMinute = 120, active = false) {
  const clock = new ManualClock()
  const budget = new RequestBudget(clock, perMinute)
  const loops = new Map<PollKind, Loop>(kinds.map((k) => [k, newLoop(k, clock.now())]))
  const penalty = new RateLimitPenalty(() => 0.5)
  const options = { ...defaultScheduleOptions, budgetPerMinute: perMinute }
  const hooks = { active: () => active, rateLimit: () => undefined }
  const pace = new Pacing(
    loops,
    options,
    clock,
    budget,
    { penalty, reserve: new CallsReserve() },
    hooks,
  )
  return { clock, budget, loops, penalty, pace }
}

describe('pacing the kinds', () => {
  it('polls each kind at its own interval while the budget has room, active or idle', () => {
    expect(pacing(['calls', 'presence']).pace.interval('calls')).toBe(3000)
    expect(pacing(['calls', 'presence'], 120, true).pace.interval('presence')).toBe(2000)
    // Live notices are paced to the active interval whatever the window does.
    expect(pacing(['calls', 'presence']).pace.activeInterval('presence')).toBe(2000)
  })

  it('stretches the other kinds first when the budget is tight, then calls', () => {
    const { pace } = pacing(['calls', 'presence', 'chat'], 60, true)
    expect(pace.interval('calls')).toBeCloseTo(60_000 / (51 * 0.7))
    expect(pace.plannedPerMinute()).toBeCloseTo(51)
  })

  it('slows the others four times as much as calls after 429s', () => {
    const { pace, penalty } = pacing(['calls', 'presence'])
    penalty.limited(0)
    penalty.limited(0)
    expect(pace.interval('presence')).toBe(4 * 5000)
    expect(pace.interval('calls')).toBe(3000)
  })

  it('lets calls fill the whole budget, but the others and reads only what calls leave', () => {
    const { pace, budget, loops, clock } = pacing(['calls', 'presence'], 120)
    const kept = Math.ceil(60 * 1.1 + NOTICE_BURST)
    const now = clock.now()
    expect(pace.capFor('read', now)).toBe(120 - kept)
    // Presence has had its part of the minute.
    const presence = loops.get('presence')!
    presence.cost.begin(0)
    presence.cost.record(120 - kept, now)
    budget.record(120 - kept)
    expect(pace.admits(loops.get('calls')!, 1, now)).toBe(true)
    expect(pace.admits(presence, 1, now)).toBe(false)
    // Without calls polled, nothing is kept back.
    expect(pacing(['presence']).pace.capFor('read', 0)).toBe(120)
  })

  it('gives a cheap kind its fair turn when a dear one filled the others’ part', () => {
    const { pace, budget, loops, clock } = pacing(['calls', 'presence', 'chat'], 120)
    const lamps = loops.get('presence')!.cost
    lamps.begin(0)
    lamps.record(40, clock.now())
    budget.record(40)
    const cap = pace.capFor('chat', clock.now())
    budget.record(cap - 40)
    expect(pace.admits(loops.get('chat')!, 4, clock.now())).toBe(true)
    expect(pace.admits(loops.get('presence')!, 13, clock.now())).toBe(false)
  })
})
