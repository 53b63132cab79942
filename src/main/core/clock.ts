/**
 * Time as the session engine sees it. Everything that waits or reads the time goes
 * through a Clock, so tests drive hours of polling in milliseconds with a manual one.
 */
export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, Math.max(0, ms))
    // A poll timer must never keep the process alive on its own (tests, CLI shutdown).
    handle.unref?.()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** A source of numbers in [0, 1); injected so jitter is reproducible in tests. */
export type Random = () => number
