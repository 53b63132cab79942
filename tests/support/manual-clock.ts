/**
 * A clock for tests: time stands still until `advance` moves it, firing due timers
 * in time order and letting promise chains settle between them, so async poll code
 * runs as it would in real time, only without waiting.
 */
import type { Clock } from '../../src/main/core/clock'

interface Timer {
  id: number
  due: number
  fn: () => void
}

/** Lets every queued microtask (and the ones they queue) run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

export class ManualClock implements Clock {
  private current: number
  private nextId = 1
  private timers: Timer[] = []

  constructor(start = Date.UTC(2025, 0, 6, 9, 0, 0)) {
    this.current = start
  }

  now(): number {
    return this.current
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, due: this.current + Math.max(0, ms), fn }
    this.timers.push(timer)
    return timer.id
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle)
  }

  get pending(): number {
    return this.timers.length
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms
    await settle()
    for (;;) {
      const next = this.earliestDue(target)
      if (!next) break
      this.timers = this.timers.filter((timer) => timer !== next)
      this.current = Math.max(this.current, next.due)
      next.fn()
      await settle()
    }
    this.current = target
    await settle()
  }

  /**
   * The wall clock leaps (the laptop slept, the user changed the time) without the
   * timers in between firing on time; they fire late on the next `advance`.
   */
  jump(ms: number): void {
    this.current += ms
  }

  private earliestDue(limit: number): Timer | undefined {
    let best: Timer | undefined
    for (const timer of this.timers) {
      if (timer.due > limit) continue
      if (!best || timer.due < best.due || (timer.due === best.due && timer.id < best.id)) {
        best = timer
      }
    }
    return best
  }
}
