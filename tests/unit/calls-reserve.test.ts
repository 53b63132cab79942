import { describe, expect, it } from 'vitest'
import { CallsReserve } from '../../src/main/core/session/calls-reserve'
import { NOTICE_BURST } from '../../src/main/core/session/notice-pacing'

const pace = { fastest: 1000, perRun: 1 }

describe('the part of the budget calls keep', () => {
  it('keeps a minute of calls polls at their fastest from the other kinds and reads', () => {
    const reserve = new CallsReserve()
    // 60 polls a minute, +10 % jitter, + a burst of notices.
    const kept = Math.ceil(60 * 1.1 + NOTICE_BURST)
    expect(reserve.othersCap(120, pace, 0.1, 0)).toBe(120 - kept)
  })

  it('gives back what calls already used this minute, but always keeps ten seconds of polls', () => {
    const reserve = new CallsReserve()
    for (let t = 0; t < 50_000; t += 1000) reserve.started(t)
    const spare = reserve.spare(pace)
    expect(spare).toBe(10 + NOTICE_BURST)
    expect(reserve.othersCap(120, pace, 0.1, 50_000)).toBe(120 - Math.max(70 - 50, spare))
    // A minute later those polls no longer count.
    expect(reserve.othersCap(120, pace, 0.1, 120_000)).toBe(120 - 70)
  })

  it('scales with what one calls poll costs', () => {
    const reserve = new CallsReserve()
    expect(reserve.othersCap(300, { fastest: 1000, perRun: 2 }, 0.1, 0)).toBe(300 - 140)
  })

  it('sizes the reserve for the idle pace while live events announce calls', () => {
    const reserve = new CallsReserve()
    const interval = { active: 1000, idle: 3000 }
    expect(reserve.reserveBase(interval)).toBe(1000)
    reserve.setPushed(['calls'])
    expect(reserve.reserveBase(interval)).toBe(3000)
    reserve.setPushed(['presence'])
    expect(reserve.reserveBase(interval)).toBe(1000)
  })
})
