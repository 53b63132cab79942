/**
 * One timer loop per kind of snapshot. A kind never overlaps itself: a poll asked
 * for while one runs is run once more right after. Intervals carry jitter, stretch
 * to fit the request budget and the server's rate-limit headers, back off on
 * errors and wait out `Retry-After` for the whole account.
 */
import { AppError } from '../../../shared/result'
import type { Clock, Random } from '../clock'
import { CallsReserve } from './calls-reserve'
import { Pacing } from './pacing'
import { backoffDelay, jittered, type PollKind, type ScheduleOptions } from './poll-plan'
import { RateLimitPenalty } from './rate-limit-penalty'
import type { RequestBudget } from './request-budget'
import type { SchedulerHooks } from './scheduler-hooks'
import { newLoop, stalled, type Loop } from './scheduler-loop'

export type { SchedulerHooks } from './scheduler-hooks'

/** How often the watchdog looks. */
const WATCH_EVERY_MS = 2000
/** A notice's poll waits this long, so that the other frames of the same change ride along. */
const NOTICE_COALESCE_MS = 15

export class Scheduler {
  private readonly loops = new Map<PollKind, Loop>()
  private stopped = true
  /** 429s: the slow-down and the Retry-After pause (rate-limit-penalty.ts). */
  private readonly penalty: RateLimitPenalty
  /** What calls keep of the budget (calls-reserve.ts). */
  private readonly reserve = new CallsReserve()
  /** How fast each kind goes, and how much of the budget it may fill (pacing.ts). */
  private readonly pacing: Pacing
  private lastLateAt = -Infinity
  private watchTimer?: unknown

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly budget: RequestBudget,
    readonly options: ScheduleOptions,
    private readonly hooks: SchedulerHooks,
  ) {
    this.penalty = new RateLimitPenalty(random)
    const parts = { penalty: this.penalty, reserve: this.reserve }
    this.pacing = new Pacing(this.loops, options, clock, budget, parts, hooks)
  }

  start(kinds: readonly PollKind[]): void {
    this.stopped = false
    for (const kind of kinds) {
      if (this.loops.has(kind)) continue
      const loop = newLoop(kind, this.clock.now())
      this.loops.set(kind, loop)
      // A little spread so the first burst does not leave as one volley.
      this.schedule(loop, this.random() * 200)
    }
    if (this.watchTimer === undefined) this.watchLater()
  }

  stop(): void {
    this.stopped = true
    if (this.watchTimer !== undefined) this.clock.clearTimeout(this.watchTimer)
    this.watchTimer = undefined
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

  /**
   * A live notice (jade's WebSocket) says the kind changed: poll it shortly (the
   * frames of one change arrive within a few milliseconds; one poll answers them
   * all), paced by notice-pacing.ts to what the kind's active interval would cost.
   * A poll a notice brings forward replaces the regular one (never later than the
   * poll already due), so a stream of notices costs what active polling costs.
   */
  notice(kinds: readonly PollKind[]): void {
    if (this.stopped) return
    const now = this.clock.now()
    for (const kind of kinds) {
      const loop = this.loops.get(kind)
      if (!loop) continue
      // A poll about to start, or one more already asked for, sees this change too.
      const pending = loop.running
        ? loop.again
        : loop.timer !== undefined && loop.dueAt <= now + NOTICE_COALESCE_MS
      if (pending) continue
      const answer = loop.notices.take(now, this.pacing.activeInterval(kind))
      if (!answer) continue
      if (answer.at <= now) {
        if (loop.running) loop.again = true
        else this.schedule(loop, NOTICE_COALESCE_MS)
      } else if (loop.running) loop.notices.wantBy(answer.at)
      else if (answer.at < loop.dueAt) this.schedule(loop, answer.at - now)
    }
  }

  /**
   * The watchdog: a kind that should have polled and did not for two of its
   * intervals (a run that never ended, a timer that never fired) is logged and
   * restarted. Kinds held back on purpose (a Retry-After, offline) are left alone;
   * a run gets the HTTP timeout on top before it counts as hung.
   */
  watch(): PollKind[] {
    const now = this.clock.now()
    const revived: PollKind[] = []
    if (this.stopped || this.penalty.paused(now)) return revived
    for (const loop of this.loops.values()) {
      if (!this.hooks.allowed(loop.kind)) continue
      const interval = this.pace(loop.kind)
      const silent = now - loop.startedAt
      if (!stalled(loop, now, interval)) continue
      revived.push(loop.kind)
      this.hooks.onStall?.(loop.kind, silent)
      loop.generation += 1
      loop.running = loop.again = false
      this.schedule(loop, 0)
    }
    return revived
  }

  private watchLater(): void {
    this.watchTimer = this.clock.setTimeout(() => {
      this.watchTimer = undefined
      if (this.stopped) return
      this.watch()
      this.watchLater()
    }, WATCH_EVERY_MS)
  }

  /** Planned requests per minute with the current intervals, after stretching. */
  plannedPerMinute(): number {
    return this.pacing.plannedPerMinute()
  }

  /**
   * When one more read (a search, a page of chat, a history load) may go: now, or
   * once the window has room for it outside what calls keep for themselves. Reads
   * share the others' cap, so however much the agent browses, the calls poll finds
   * its slot.
   */
  readFreeAt(): number {
    const now = this.clock.now()
    const cap = this.pacing.capFor('read', now)
    return this.budget.allows(1, cap) ? now : this.budget.freeAt(1, cap)
  }

  get pauseEndsAt(): number {
    return this.penalty.pauseEndsAt
  }

  nextDue(kind: PollKind): number | undefined {
    return this.loops.get(kind)?.dueAt
  }

  /** The kind's interval now, stretched by budget and penalty, before jitter. */
  interval(kind: PollKind): number {
    return this.pacing.interval(kind)
  }

  /** What the kind's next poll waits now: `interval` stretched by the server's rate-limit headers. */
  pace(kind: PollKind): number {
    return this.interval(kind) * this.pacing.server(this.clock.now()).factor
  }

  /** See calls-reserve.ts. */
  setPushed(kinds: readonly string[]): void {
    this.reserve.setPushed(kinds)
  }

  private schedule(loop: Loop, delay: number): void {
    this.clear(loop)
    const now = this.clock.now()
    let due = now + Math.max(0, delay)
    // After a pause calls go first; the others follow, spread out, not as one volley.
    if (this.penalty.paused(due)) due = this.penalty.afterPause(loop.kind)
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
    // A timer set before a 429 paused everything waits for the pause to end.
    if (this.penalty.paused(now)) return this.schedule(loop, 0)
    if (!this.hooks.allowed(loop.kind)) {
      const wait = jittered(this.interval(loop.kind), this.options.jitter, this.random)
      return this.schedule(loop, wait)
    }
    const server = this.pacing.server(now)
    if (server.pauseUntil !== undefined && server.pauseUntil > now) {
      this.penalty.pauseUntil(server.pauseUntil)
      return this.schedule(loop, 0)
    }
    // A poll may send several requests and others may be in flight: it starts only
    // if what it is likely to send fits. Calls may use the whole budget; the other
    // kinds leave calls their share.
    const cost = loop.cost.estimate()
    if (!this.pacing.admits(loop, cost, now)) {
      // Over budget: wait for the window to free the slots, plus a little spread.
      const freeAt = this.budget.freeAt(cost, this.pacing.capFor(loop.kind, now))
      return this.schedule(loop, freeAt - now + this.random() * 500)
    }
    if (loop.kind === 'calls') this.reserve.started(now)
    void this.runLoop(loop, server.factor, cost)
  }

  private async runLoop(loop: Loop, serverFactor: number, cost: number): Promise<void> {
    const generation = loop.generation
    loop.running = true
    loop.again = false
    loop.startedAt = this.clock.now()
    const beside = [...this.loops.values()].filter((other) => other !== loop && other.running)
    for (const other of beside) other.cost.joined()
    loop.cost.begin(beside.length)
    const release = this.budget.hold(cost)
    const sentBefore = this.hooks.sent?.()
    let delay: number
    try {
      await this.hooks.run(loop.kind)
      loop.failures = 0
      this.penalty.relax(this.clock.now())
      if (!this.stopped && loop.generation === generation) this.hooks.onSuccess(loop.kind)
      delay = jittered(this.interval(loop.kind) * serverFactor, this.options.jitter, this.random)
    } catch (error) {
      loop.failures += 1
      delay = this.failureDelay(loop, error)
      if (!this.stopped && loop.generation === generation)
        this.hooks.onError(loop.kind, error, this.clock.now() + delay)
    } finally {
      if (loop.generation === generation) loop.running = false
      release()
      // What this run cost (with the requests of any poll that overlapped it).
      const sentAfter = this.hooks.sent?.()
      if (sentBefore !== undefined && sentAfter !== undefined) {
        loop.cost.record(sentAfter - sentBefore, this.clock.now())
      }
    }
    if (this.stopped || this.loops.get(loop.kind) !== loop || loop.generation !== generation) return
    if (loop.timer !== undefined) return
    delay = loop.notices.nextDelay(delay, this.clock.now())
    this.schedule(loop, loop.again ? 0 : delay)
  }

  private failureDelay(loop: Loop, error: unknown): number {
    const now = this.clock.now()
    if (error instanceof AppError && error.kind === 'rate_limited') {
      this.penalty.limited(now, error.retryAfterMs)
      if (error.retryAfterMs !== undefined) return this.penalty.afterPause(loop.kind) - now
    }
    const base = this.options.intervals[loop.kind].idle
    return backoffDelay(loop.failures, base, this.options, this.random)
  }
}
