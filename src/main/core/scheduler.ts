/**
 * One timer loop per kind of snapshot. A kind never overlaps itself: a poll asked
 * for while one runs is run once more right after. Intervals carry jitter, stretch
 * to fit the request budget and the server's rate-limit headers, back off on
 * errors and wait out `Retry-After` for the whole account.
 */
import { AppError } from '../../shared/result'
import type { RequestStats } from '../providers/provider'
import type { Clock, Random } from './clock'
import {
  backoffDelay,
  budgetStretch,
  jittered,
  serverStretch,
  type PollKind,
  type ScheduleOptions,
} from './poll-plan'
import type { RequestBudget } from './request-budget'

export interface SchedulerHooks {
  /** Fetch and digest one snapshot; throw (preferably an AppError) on failure. */
  run(kind: PollKind): Promise<void>
  /** Whether the kind wants its `active` interval now. */
  active(kind: PollKind): boolean
  /** False while the kind must not send requests (offline: only the probe goes). */
  allowed(kind: PollKind): boolean
  rateLimit(): RequestStats['rateLimit']
  onSuccess(kind: PollKind): void
  /** `retryAt`: when this kind tries again. */
  onError(kind: PollKind, error: unknown, retryAt: number): void
  /** A timer fired this late: the machine slept or the wall clock jumped. */
  onLate(lateByMs: number): void
}

interface Loop {
  kind: PollKind
  timer?: unknown
  dueAt: number
  running: boolean
  again: boolean
  failures: number
}

const PENALTY_MAX = 8
const PENALTY_DECAY_MS = 120_000

export class Scheduler {
  private readonly loops = new Map<PollKind, Loop>()
  private stopped = true
  /** No request of any kind before this time (Retry-After, exhausted server budget). */
  private pausedUntil = 0
  /** Grows with each 429 and decays while the server is happy: slow down, then recover. */
  private penalty = 1
  private penaltyDecayAt = 0
  private lastLateAt = -Infinity

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly budget: RequestBudget,
    public options: ScheduleOptions,
    private readonly hooks: SchedulerHooks,
  ) {}

  start(kinds: readonly PollKind[]): void {
    this.stopped = false
    for (const kind of kinds) {
      if (this.loops.has(kind)) continue
      const loop: Loop = { kind, dueAt: 0, running: false, again: false, failures: 0 }
      this.loops.set(kind, loop)
      // A little spread so the first burst does not leave as one volley.
      this.schedule(loop, this.random() * 200)
    }
  }

  stop(): void {
    this.stopped = true
    for (const loop of this.loops.values()) this.clear(loop)
    this.loops.clear()
  }

  kinds(): PollKind[] {
    return [...this.loops.keys()]
  }

  /** Stop polling a kind the provider turned out not to support. */
  disable(kind: PollKind): void {
    const loop = this.loops.get(kind)
    if (!loop) return
    this.clear(loop)
    this.loops.delete(kind)
  }

  /** Poll now (or as soon as a pause allows); forget back-off when `fresh`. */
  pollNow(kinds: readonly PollKind[] = [...this.loops.keys()], fresh = false): void {
    if (this.stopped) return
    for (const kind of kinds) {
      const loop = this.loops.get(kind)
      if (!loop) continue
      if (fresh) loop.failures = 0
      if (loop.running) loop.again = true
      else this.schedule(loop, 0)
    }
  }

  /** Planned requests per minute with the current intervals, after stretching. */
  plannedPerMinute(): number {
    let total = 0
    for (const kind of this.loops.keys()) total += 60_000 / this.interval(kind)
    return total
  }

  get pauseEndsAt(): number {
    return this.pausedUntil
  }

  nextDue(kind: PollKind): number | undefined {
    return this.loops.get(kind)?.dueAt
  }

  /** The kind's interval now, stretched by budget and penalty, before jitter. */
  interval(kind: PollKind): number {
    const base = new Map<PollKind, number>()
    for (const k of this.loops.keys()) base.set(k, this.baseInterval(k))
    const stretch = budgetStretch(base, this.options.budgetPerMinute, this.options.budgetHeadroom)
    const own = this.baseInterval(kind) * (kind === 'calls' ? stretch.calls : stretch.others)
    return own * this.penalty
  }

  private baseInterval(kind: PollKind): number {
    const interval = this.options.intervals[kind]
    return this.hooks.active(kind) ? interval.active : interval.idle
  }

  private schedule(loop: Loop, delay: number): void {
    this.clear(loop)
    const now = this.clock.now()
    let due = now + Math.max(0, delay)
    // After a pause, spread the kinds over a second instead of all at once.
    if (due < this.pausedUntil) due = this.pausedUntil + this.random() * 1000
    loop.dueAt = due
    loop.timer = this.clock.setTimeout(() => this.fire(loop), due - now)
  }

  private clear(loop: Loop): void {
    if (loop.timer !== undefined) this.clock.clearTimeout(loop.timer)
    loop.timer = undefined
  }

  private fire(loop: Loop): void {
    loop.timer = undefined
    if (this.stopped || this.loops.get(loop.kind) !== loop) return
    const now = this.clock.now()
    const late = now - loop.dueAt
    if (late > this.options.lateThresholdMs && now - this.lastLateAt > 1000) {
      this.lastLateAt = now
      this.hooks.onLate(late)
      if (loop.timer !== undefined) return
    }
    if (!this.hooks.allowed(loop.kind)) {
      this.schedule(loop, jittered(this.interval(loop.kind), this.options.jitter, this.random))
      return
    }
    const server = serverStretch(this.hooks.rateLimit(), this.plannedPerMinute(), now)
    if (server.pauseUntil !== undefined && server.pauseUntil > now) {
      this.pausedUntil = Math.max(this.pausedUntil, server.pauseUntil)
      this.schedule(loop, 0)
      return
    }
    if (!this.budget.allows(1)) {
      // Over budget: wait for the window to free a slot, plus a little spread.
      this.schedule(loop, this.budget.freeAt(1) - now + this.random() * 500)
      return
    }
    void this.runLoop(loop, server.factor)
  }

  private async runLoop(loop: Loop, serverFactor: number): Promise<void> {
    loop.running = true
    loop.again = false
    let delay: number
    try {
      await this.hooks.run(loop.kind)
      loop.failures = 0
      this.relax()
      if (!this.stopped) this.hooks.onSuccess(loop.kind)
      delay = jittered(this.interval(loop.kind) * serverFactor, this.options.jitter, this.random)
    } catch (error) {
      loop.failures += 1
      delay = this.failureDelay(loop, error)
      if (!this.stopped) this.hooks.onError(loop.kind, error, this.clock.now() + delay)
    } finally {
      loop.running = false
    }
    if (this.stopped || this.loops.get(loop.kind) !== loop || loop.timer !== undefined) return
    this.schedule(loop, loop.again ? 0 : delay)
  }

  private failureDelay(loop: Loop, error: unknown): number {
    const now = this.clock.now()
    if (error instanceof AppError && error.kind === 'rate_limited') {
      this.penalty = Math.min(PENALTY_MAX, this.penalty * 2)
      this.penaltyDecayAt = now + PENALTY_DECAY_MS
      if (error.retryAfterMs !== undefined) {
        this.pausedUntil = Math.max(this.pausedUntil, now + error.retryAfterMs)
        return error.retryAfterMs + this.random() * 1000
      }
    }
    const base = this.options.intervals[loop.kind].idle
    return backoffDelay(loop.failures, base, this.options, this.random)
  }

  private relax(): void {
    const now = this.clock.now()
    if (this.penalty > 1 && now >= this.penaltyDecayAt) {
      this.penalty = Math.max(1, this.penalty / 2)
      this.penaltyDecayAt = now + PENALTY_DECAY_MS
    }
  }
}
