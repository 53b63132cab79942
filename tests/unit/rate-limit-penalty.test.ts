import { describe, expect, it } from 'vitest'
import { RateLimitPenalty } from '../../src/main/core/session/rate-limit-penalty'

describe('the 429 penalty', () => {
  it('doubles with each 429 up to eight times slower, and calls feel a quarter of it', () => {
    const penalty = new RateLimitPenalty(() => 0.5)
    expect(penalty.slowdown('presence', false)).toBe(1)
    for (let i = 0; i < 5; i++) penalty.limited(0)
    expect(penalty.slowdown('presence', false)).toBe(8)
    expect(penalty.slowdown('calls', false)).toBe(2)
    // Calls alone: nothing else can give way.
    expect(penalty.slowdown('calls', true)).toBe(8)
  })

  it('spares calls until the other kinds are four times slower', () => {
    const penalty = new RateLimitPenalty(() => 0.5)
    penalty.limited(0)
    penalty.limited(0)
    expect(penalty.slowdown('chat', false)).toBe(4)
    expect(penalty.slowdown('calls', false)).toBe(1)
  })

  it('halves again for every two minutes the server stays happy', () => {
    const penalty = new RateLimitPenalty(() => 0.5)
    penalty.limited(0)
    penalty.limited(0)
    penalty.relax(119_999)
    expect(penalty.slowdown('chat', false)).toBe(4)
    penalty.relax(120_000)
    expect(penalty.slowdown('chat', false)).toBe(2)
    // The next halving waits its own two minutes.
    penalty.relax(200_000)
    expect(penalty.slowdown('chat', false)).toBe(2)
    penalty.relax(240_000)
    expect(penalty.slowdown('chat', false)).toBe(1)
    penalty.relax(900_000)
    expect(penalty.slowdown('chat', false)).toBe(1)
  })

  it('holds every kind for a Retry-After, then lets calls go first and the others a second later', () => {
    const penalty = new RateLimitPenalty(() => 0.5)
    penalty.limited(10_000, 30_000)
    expect(penalty.pauseEndsAt).toBe(40_000)
    expect(penalty.paused(39_999)).toBe(true)
    expect(penalty.paused(40_000)).toBe(false)
    expect(penalty.afterPause('calls')).toBe(40_050)
    expect(penalty.afterPause('presence')).toBe(41_500)
    // A shorter wait asked for later never cuts the pause short.
    penalty.pauseUntil(20_000)
    expect(penalty.pauseEndsAt).toBe(40_000)
    // A 429 without Retry-After slows down but does not pause.
    const plain = new RateLimitPenalty(() => 0.5)
    plain.limited(10_000)
    expect(plain.paused(10_000)).toBe(false)
  })
})
