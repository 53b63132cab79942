/**
 * How many requests one account has sent: in the last minute (a sliding window)
 * and in total. The scheduler stretches its intervals to stay under the budget;
 * the UI and the benchmarks read the counter.
 */
import type { RequestStats } from '../../providers/provider'
import type { Clock } from '../clock'
import type { RequestCounter } from './events'

const WINDOW_MS = 60_000

export class RequestBudget {
  private readonly window: { at: number; count: number }[] = []
  private sent = 0
  private providerTotal = 0
  /** Slots held for polls in flight: requests they will send but are not recorded yet. */
  private held = 0

  constructor(
    private readonly clock: Clock,
    public perMinute = 120,
  ) {}

  record(count = 1): void {
    if (count <= 0) return
    this.window.push({ at: this.clock.now(), count })
    this.sent += count
  }

  /**
   * Runs a provider call and records the HTTP requests it made, read from the
   * provider's own counter (a token refresh counts too); one if it keeps none.
   */
  async count<T>(stats: RequestStats, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } finally {
      const total = stats.requests
      if (total > this.providerTotal) this.record(total - this.providerTotal)
      else if (total === 0) this.record(1)
      this.providerTotal = total
    }
  }

  lastMinute(): number {
    this.trim()
    return this.window.reduce((sum, entry) => sum + entry.count, 0)
  }

  get total(): number {
    return this.sent
  }

  /**
   * Holds `count` slots for requests about to be sent (a poll starting), so that
   * polls starting while it is in flight see them before they are recorded. Call
   * the returned function once the requests are recorded (or were never sent).
   */
  hold(count: number): () => void {
    const n = Math.max(0, count)
    this.held += n
    let released = false
    return () => {
      if (released) return
      released = true
      this.held -= n
    }
  }

  /**
   * True while `count` more requests fit in the last minute beside those held,
   * within `cap` (the whole budget unless a lower share is asked for).
   */
  allows(count = 1, cap = this.perMinute): boolean {
    return this.lastMinute() + this.held + count <= Math.min(cap, this.perMinute)
  }

  /**
   * When enough old requests leave the window for `count` more to fit under `cap`.
   * Now, when only requests still in flight stand in the way (they are recorded shortly).
   */
  freeAt(count = 1, cap = this.perMinute): number {
    this.trim()
    const limit = Math.min(cap, this.perMinute)
    let used = this.window.reduce((sum, entry) => sum + entry.count, 0) + this.held
    for (const entry of this.window) {
      if (used + count <= limit) break
      used -= entry.count
      if (used + count <= limit) return entry.at + WINDOW_MS
    }
    return this.clock.now()
  }

  counter(): RequestCounter {
    return { lastMinute: this.lastMinute(), total: this.sent, budgetPerMinute: this.perMinute }
  }

  private trim(): void {
    const edge = this.clock.now() - WINDOW_MS
    while (this.window.length && this.window[0]!.at <= edge) this.window.shift()
  }
}
