/**
 * The simulation's only source of time. Tests drive a `ManualClock` so a
 * scripted call moves exactly when they say; the running app uses `RealClock`.
 * The app's tests drive its sessions with the same `ManualClock` (the app's own
 * `Clock` has the same shape; this package imports nothing from the app).
 */

export type TimerId = number

export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): TimerId
  clearTimeout(id: TimerId): void
}

interface Pending {
  id: TimerId
  at: number
  fn: () => void
}

/** Lets every queued microtask (and the ones they queue) run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** 2025-01-06 09:00:00 UTC, a Monday morning: office hours for the demo. */
export const defaultStartTime = Date.UTC(2025, 0, 6, 9, 0, 0)

export class ManualClock implements Clock {
  private current: number
  private timers: Pending[] = []
  private nextId = 1

  constructor(start: number = defaultStartTime) {
    this.current = start
  }

  now(): number {
    return this.current
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++
    this.timers.push({ id, at: this.current + Math.max(0, ms), fn })
    return id
  }

  clearTimeout(id: TimerId): void {
    this.timers = this.timers.filter((t) => t.id !== id)
  }

  /** How many timers are waiting. */
  get pending(): number {
    return this.timers.length
  }

  /**
   * Moves time forward, firing every timer due on the way in time order (ties in
   * the order they were set). Timers set while firing fire too if they fall due
   * before the end, so a chain of steps completes in one call.
   */
  advance(ms: number): void {
    const end = this.current + Math.max(0, ms)
    for (;;) {
      const next = this.earliestDue(end)
      if (!next) break
      this.timers = this.timers.filter((t) => t !== next)
      this.current = Math.max(this.current, next.at)
      next.fn()
    }
    this.current = end
  }

  /**
   * Moves time forward like `advance`, for code that awaits between timers (a
   * session's polls, the scheduler): after each timer fires, promise chains settle
   * before the next is picked, so a timer set after an `await` still fires in time
   * order, as it would in real time, only without waiting.
   */
  async run(ms: number): Promise<void> {
    const end = this.current + Math.max(0, ms)
    await settle()
    for (;;) {
      const next = this.earliestDue(end)
      if (!next) break
      this.timers = this.timers.filter((t) => t !== next)
      this.current = Math.max(this.current, next.at)
      next.fn()
      await settle()
    }
    this.current = end
    await settle()
  }

  /**
   * The wall clock leaps (the laptop slept, the user changed the time) without the
   * timers in between firing on time; they fire late on the next `advance` or `run`.
   */
  jump(ms: number): void {
    this.current += ms
  }

  /** Moves time to an absolute instant (never backwards). */
  advanceTo(at: number): void {
    this.advance(Math.max(0, at - this.current))
  }

  private earliestDue(end: number): Pending | undefined {
    let best: Pending | undefined
    for (const t of this.timers) {
      if (t.at > end) continue
      if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t
    }
    return best
  }
}

/** Wall-clock time. Timers are unref'd so a running demo never keeps Node alive. */
export class RealClock implements Clock {
  private handles = new Map<TimerId, NodeJS.Timeout>()
  private nextId = 1

  now(): number {
    return Date.now()
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++
    const handle = setTimeout(() => {
      this.handles.delete(id)
      fn()
    }, ms)
    handle.unref()
    this.handles.set(id, handle)
    return id
  }

  clearTimeout(id: TimerId): void {
    const handle = this.handles.get(id)
    if (handle) clearTimeout(handle)
    this.handles.delete(id)
  }

  /** Cancels everything still scheduled (used when the demo shuts down). */
  clearAll(): void {
    for (const handle of this.handles.values()) clearTimeout(handle)
    this.handles.clear()
  }
}
