/**
 * What a 429 does to the schedule. Each one doubles a slow-down factor (up to
 * PENALTY_MAX) that halves again for every PENALTY_DECAY_MS the server stays
 * happy: slow down, then recover. A `Retry-After` pauses the whole account; when
 * it ends calls go first, as soon as the server allows, and the other kinds
 * follow a second later, spread out, not as one volley.
 */
import type { Random } from '../clock'
import type { PollKind } from './poll-plan'

const PENALTY_MAX = 8
const PENALTY_DECAY_MS = 120_000
/**
 * Calls feel the slow-down only once the other kinds are this many times slower
 * (so at most PENALTY_MAX / CALLS_PENALTY_SHARE): the other kinds give way first,
 * and a ringing phone is never the first thing a rate limit starves.
 */
const CALLS_PENALTY_SHARE = 4
/** After a pause the other kinds wait this long more than calls, spread over as long again. */
const OTHERS_AFTER_PAUSE_MS = 1000
/** Calls after a pause: within this much of its end. */
const CALLS_AFTER_PAUSE_MS = 100

export class RateLimitPenalty {
  private factor = 1
  private decayAt = 0
  /** No request of any kind before this time (Retry-After, exhausted server budget). */
  private pausedUntil = 0

  constructor(private readonly random: Random) {}

  get pauseEndsAt(): number {
    return this.pausedUntil
  }

  paused(now: number): boolean {
    return now < this.pausedUntil
  }

  /** The server said 429: slow down, and hold every kind until `retryAfterMs` has passed. */
  limited(now: number, retryAfterMs?: number): void {
    this.factor = Math.min(PENALTY_MAX, this.factor * 2)
    this.decayAt = now + PENALTY_DECAY_MS
    if (retryAfterMs !== undefined) this.pauseUntil(now + retryAfterMs)
  }

  /** Hold every kind until `at` (never shortens a pause already set). */
  pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at)
  }

  /** A poll succeeded: the slow-down halves once it has lasted its time. */
  relax(now: number): void {
    if (this.factor > 1 && now >= this.decayAt) {
      this.factor = Math.max(1, this.factor / 2)
      this.decayAt = now + PENALTY_DECAY_MS
    }
  }

  /** How much slower `kind` polls now; `alone`: calls are the only kind polled. */
  slowdown(kind: PollKind, alone: boolean): number {
    if (kind !== 'calls' || alone) return this.factor
    return Math.max(1, this.factor / CALLS_PENALTY_SHARE)
  }

  /** When `kind` may go once the pause ends: calls first. */
  afterPause(kind: PollKind): number {
    if (kind === 'calls') return this.pausedUntil + this.random() * CALLS_AFTER_PAUSE_MS
    return this.pausedUntil + OTHERS_AFTER_PAUSE_MS * (1 + this.random())
  }
}
