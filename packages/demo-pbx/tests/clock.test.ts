import { describe, expect, it } from 'vitest'
import { ManualClock } from '../src/testing'

describe('the manual clock tests drive', () => {
  it('advance fires due timers in time order, ties in the order they were set', () => {
    const clock = new ManualClock(0)
    const fired: string[] = []
    clock.setTimeout(() => fired.push('b@20'), 20)
    clock.setTimeout(() => fired.push('a@10'), 10)
    clock.setTimeout(() => fired.push('c@20'), 20)
    const late = clock.setTimeout(() => fired.push('never'), 15)
    clock.clearTimeout(late)
    clock.advance(19)
    expect(fired).toEqual(['a@10'])
    clock.advance(1)
    expect(fired).toEqual(['a@10', 'b@20', 'c@20'])
    expect(clock.now()).toBe(20)
    expect(clock.pending).toBe(0)
  })

  it('run lets awaited work set its next timer in time, like a polling loop', async () => {
    const clock = new ManualClock(0)
    const polls: number[] = []
    const poll = async (): Promise<void> => {
      polls.push(clock.now())
      await Promise.resolve()
      await Promise.resolve()
      clock.setTimeout(() => void poll(), 1_000)
    }
    clock.setTimeout(() => void poll(), 1_000)
    await clock.run(3_500)
    expect(polls).toEqual([1_000, 2_000, 3_000])
    expect(clock.now()).toBe(3_500)
  })

  it('advance alone does not wait for awaited work: the loop above stops after one poll', () => {
    const clock = new ManualClock(0)
    const polls: number[] = []
    const poll = async (): Promise<void> => {
      polls.push(clock.now())
      await Promise.resolve()
      clock.setTimeout(() => void poll(), 1_000)
    }
    clock.setTimeout(() => void poll(), 1_000)
    clock.advance(3_500)
    expect(polls).toEqual([1_000])
  })

  it('a jump moves the time without firing what fell due; the next run fires it late', async () => {
    const clock = new ManualClock(0)
    const fired: number[] = []
    clock.setTimeout(() => fired.push(clock.now()), 1_000)
    clock.jump(60_000)
    expect(fired).toEqual([])
    await clock.run(0)
    expect(fired).toEqual([60_000])
  })
})
