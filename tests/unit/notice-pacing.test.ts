import { describe, expect, it } from 'vitest'
import { NOTICE_BURST, NoticePacer } from '../../src/main/core/session/notice-pacing'

describe('pacing live notices', () => {
  it('answers a burst of notices at once, then one per active interval', () => {
    const pacer = new NoticePacer(0)
    for (let i = 0; i < NOTICE_BURST; i++) expect(pacer.take(0, 1000)).toEqual({ at: 0 })
    // The burst is spent: the next poll waits for the next token.
    expect(pacer.take(0, 1000)).toEqual({ at: 1000 })
    // That poll is promised already: more notices add nothing.
    expect(pacer.take(100, 1000)).toBeUndefined()
    expect(pacer.take(900, 1000)).toBeUndefined()
  })

  it('earns its burst back while the office is quiet, never more than the burst', () => {
    const pacer = new NoticePacer(0)
    for (let i = 0; i < NOTICE_BURST; i++) pacer.take(0, 1000)
    const later = 60_000
    for (let i = 0; i < NOTICE_BURST; i++) expect(pacer.take(later, 1000)).toEqual({ at: later })
    expect(pacer.take(later, 1000)).toEqual({ at: later + 1000 })
  })

  it('costs no more than active polling however many notices arrive', () => {
    const pacer = new NoticePacer(0)
    const polls = new Set<number>()
    // Ten notices a second for a minute, against a two-second active interval.
    for (let t = 0; t < 60_000; t += 100) {
      const answer = pacer.take(t, 2000)
      if (answer) polls.add(Math.round(answer.at))
    }
    expect(polls.size).toBeLessThanOrEqual(30 + NOTICE_BURST)
    expect(polls.size).toBeGreaterThanOrEqual(30)
  })

  it('brings the next poll after a run forward to when a notice wanted it, once', () => {
    const pacer = new NoticePacer(0)
    pacer.wantBy(1500)
    expect(pacer.nextDelay(3000, 1000)).toBe(500)
    // Spent: the next run keeps its own delay.
    expect(pacer.nextDelay(3000, 1000)).toBe(3000)
    pacer.wantBy(9000)
    expect(pacer.nextDelay(3000, 1000)).toBe(3000)
  })
})
