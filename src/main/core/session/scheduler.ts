/**
 * One timer loop per kind of snapshot. A kind never overlaps itself: a poll asked
 * for while one runs is run once more right after. Intervals carry jitter, stretch
 * to fit the request budget and the server's rate-limit headers, back off on
 * errors and wait out `Retry-After` for the whole account.
 */
import { AppError } from '../../../shared/result'
import type { RequestStats } from '../../providers/provider'
import type { Clock, Random } from '../clock'
import {
  backoffDelay,
  budgetStretch,
  jittered,
  serverStretch,
  type PollKind,
  type ScheduleOptions,
} from './poll-plan'
import type { RequestBudget } from './request-budget'
import {
  expectedCost,
  newLoop,
  NOTICE_BURST,
  fairTurn,
  recordCost,
  stalled,
  typicalCost,
  type Loop,
} from './scheduler-loop'

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
  /**
   * HTTP requests sent so far (the provider's counter), to learn what one poll of
   * each kind costs. Without it every poll is taken to cost one request.
   */
  sent?(): number
  /** The watchdog found `kind` silent for `silentMs` and restarted its loop. */
  onStall?(kind: PollKind, silentMs: number): void
}

const PENALTY_MAX = 8
/**
 * Calls feel a 429's slow-down only once the other kinds are this many times
 * slower (so at most PENALTY_MAX / CALLS_PENALTY_SHARE): the other kinds give way
 * first, and a ringing phone is never the first thing a rate limit starves.
 */
const CALLS_PENALTY_SHARE = 4
/** After a pause calls go at once; the other kinds wait this long more, spread over as long again. */
const OTHERS_AFTER_PAUSE_MS = 1000
/** How often the watchdog looks. */
const WATCH_EVERY_MS = 2000
const PENALTY_DECAY_MS = 120_000
/** A notice's poll waits this long, so that the other frames of the same change ride along. */
const NOTICE_COALESCE_MS = 15

export class Scheduler {
  private readonly loops = new Map<PollKind, Loop>()
  private stopped = true
  /** No request of any kind before this time (Retry-After, exhausted server budget). */
  private pausedUntil = 0
  /** Grows with each 429 and decays while the server is happy: slow down, then recover. */
  private penalty = 1
  private penaltyDecayAt = 0
  private lastLateAt = -Infinity
  /** Kinds announced by live events now (setPushed). */
  private pushed = new Set<string>()
  /** When calls polls of the last minute started (for the calls' reserve). */
  private readonly callsStarts: number[] = []
  private watchTimer?: unknown

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
   * all), but on average no more often than the schedule would poll the kind were
   * it active (its active interval, stretched for the budget). Each kind may act
   * on NOTICE_BURST notices back to back and earns one more per active interval;
   * a notice that finds none left has its poll moved to when the next is earned
   * (never later than the poll already due), and while that poll is pending more
   * notices add nothing. A poll a notice brings forward replaces the regular one,
   * so a stream of notices costs what active polling costs. Unpaced, an office's
   * stream of notices would spend the minute's budget in seconds, and the session
   * could then not poll at all until the window freed.
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
      const earnEvery = this.paced(kind, (k) => this.options.intervals[k].active)
      loop.noticeTokens = Math.min(
        NOTICE_BURST,
        loop.noticeTokens + (now - loop.noticeRefilledAt) / earnEvery,
      )
      loop.noticeRefilledAt = now
      if (loop.noticeTokens >= 1) {
        loop.noticeTokens -= 1
        if (loop.running) loop.again = true
        else this.schedule(loop, NOTICE_COALESCE_MS)
        continue
      }
      // A poll is already promised to an earlier notice: it will see this change too.
      if (loop.noticeTokens < 0) continue
      const at = now + (1 - loop.noticeTokens) * earnEvery
      loop.noticeTokens -= 1
      if (loop.running) loop.noticeAt = at
      else if (at < loop.dueAt) this.schedule(loop, at - now)
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
    if (this.stopped || now < this.pausedUntil) return revived
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
    let total = 0
    for (const [kind, loop] of this.loops) {
      total += (60_000 / this.interval(kind)) * typicalCost(loop)
    }
    return total
  }

  /**
   * When one more read (a search, a page of chat, a history load) may go: now, or
   * once the window has room for it outside what calls keep for themselves. Reads
   * share the others' cap, so however much the agent browses, the calls poll finds
   * its slot.
   */
  readFreeAt(): number {
    const now = this.clock.now()
    const cap = this.othersCap(now)
    return this.budget.allows(1, cap) ? now : this.budget.freeAt(1, cap)
  }

  get pauseEndsAt(): number {
    return this.pausedUntil
  }

  nextDue(kind: PollKind): number | undefined {
    return this.loops.get(kind)?.dueAt
  }

  /** The kind's interval now, stretched by budget and penalty, before jitter. */
  interval(kind: PollKind): number {
    return this.paced(kind, (k) => this.baseInterval(k))
  }

  /** What the kind's next poll waits now: `interval` stretched by the server's rate-limit headers. */
  pace(kind: PollKind): number {
    const server = serverStretch(this.hooks.rateLimit(), this.plannedPerMinute(), this.clock.now())
    return this.interval(kind) * server.factor
  }

  /**
   * `kind`'s interval from `base`, stretched with every kind's so that the requests
   * they plan (polls × what one poll typically costs) fit the budget; with penalty.
   */
  private paced(kind: PollKind, base: (kind: PollKind) => number): number {
    const plan = new Map<PollKind, number>()
    for (const [k, loop] of this.loops) plan.set(k, base(k) / typicalCost(loop))
    const stretch = budgetStretch(plan, this.options.budgetPerMinute, this.options.budgetHeadroom)
    const own = base(kind) * (kind === 'calls' ? stretch.calls : stretch.others)
    return own * this.penaltyOf(kind)
  }

  /** The 429 slow-down for a kind: calls slow only when nothing else can give way. */
  private penaltyOf(kind: PollKind): number {
    if (kind !== 'calls' || this.loops.size <= 1) return this.penalty
    return Math.max(1, this.penalty / CALLS_PENALTY_SHARE)
  }

  /** When a kind may go after a pause: calls first, as soon as the server allows. */
  private afterPause(kind: PollKind): number {
    if (kind === 'calls') return this.pausedUntil + this.random() * 100
    return this.pausedUntil + OTHERS_AFTER_PAUSE_MS * (1 + this.random())
  }

  private baseInterval(kind: PollKind): number {
    const interval = this.options.intervals[kind]
    return this.hooks.active(kind) ? interval.active : interval.idle
  }

  private schedule(loop: Loop, delay: number): void {
    this.clear(loop)
    const now = this.clock.now()
    let due = now + Math.max(0, delay)
    // After a pause calls go first; the others follow, spread out, not as one volley.
    if (due < this.pausedUntil) due = this.afterPause(loop.kind)
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
    if (now < this.pausedUntil) {
      this.schedule(loop, 0)
      return
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
    // A poll may send several requests (pages, a second list, a fresh sign-in), and
    // others may be in flight: it starts only if what it is likely to send fits.
    // Calls may use the whole budget; the other kinds leave calls their share.
    const cost = expectedCost(loop)
    const cap = loop.kind === 'calls' ? this.budget.perMinute : this.othersCap(now)
    if (!this.budget.allows(cost, cap) && !this.fairlyAllowed(loop, cost, cap, now)) {
      // Over budget: wait for the window to free the slots, plus a little spread.
      this.schedule(loop, this.budget.freeAt(cost, cap) - now + this.random() * 500)
      return
    }
    if (loop.kind === 'calls') {
      this.callsStarts.push(now)
      this.trimCallsStarts(now)
    }
    void this.runLoop(loop, server.factor, cost)
  }

  /** A kind below its even part of the others' share, within what calls must keep. */
  private fairlyAllowed(loop: Loop, cost: number, cap: number, now: number): boolean {
    if (loop.kind === 'calls') return false
    const others = [...this.loops.values()].filter((other) => other.kind !== 'calls')
    if (!fairTurn(loop, cost, now, cap, others)) return false
    return this.budget.allows(cost, this.budget.perMinute - this.callsSpare())
  }

  /**
   * The kinds a live event socket announces now (jade's admin socket: calls). A
   * ringing phone reaches us as an event and polls at once (notice), so the calls
   * reserve is sized for their idle pace, not their fastest: what that frees goes
   * to the kinds only polling can refresh (jade reads each phone's state alone).
   */
  setPushed(kinds: readonly string[]): void {
    this.pushed = new Set(kinds)
  }

  /** The calls interval the reserve is sized for. */
  private callsReserveBase(kind: PollKind): number {
    const interval = this.options.intervals[kind]
    return kind === 'calls' && this.pushed.has('calls') ? interval.idle : interval.active
  }

  /** Ten seconds of calls polls at their fastest, plus a burst of notices. */
  private callsSpare(): number {
    const calls = this.loops.get('calls')
    if (!calls) return 0
    const fastest = this.paced('calls', (k) => this.callsReserveBase(k))
    return Math.ceil((10_000 / fastest + NOTICE_BURST) * typicalCost(calls))
  }

  /**
   * How full the last minute may be for a kind other than calls to start. The
   * other kinds keep out of what calls need of a minute at their fastest (active,
   * stretched, jittered, plus a burst of notices), and in any case leave calls
   * ten seconds' worth of polls beyond what calls already used: so the calls poll,
   * the one a ringing phone waits for, always finds a slot, even after a burst.
   */
  private othersCap(now: number): number {
    const calls = this.loops.get('calls')
    if (!calls) return this.budget.perMinute
    this.trimCallsStarts(now)
    const fastest = this.paced('calls', (k) => this.callsReserveBase(k))
    const perRun = typicalCost(calls)
    const perMinute = (60_000 / fastest) * (1 + this.options.jitter) + NOTICE_BURST
    const reserve = Math.ceil(perMinute * perRun)
    const spare = this.callsSpare()
    const used = this.callsStarts.length * perRun
    return this.budget.perMinute - Math.max(reserve - used, spare)
  }

  private trimCallsStarts(now: number): void {
    while (this.callsStarts.length && (this.callsStarts[0] ?? 0) <= now - 60_000)
      this.callsStarts.shift()
  }

  private async runLoop(loop: Loop, serverFactor: number, cost: number): Promise<void> {
    const generation = loop.generation
    loop.running = true
    loop.again = false
    loop.startedAt = this.clock.now()
    loop.overlapped = false
    loop.company = 0
    for (const other of this.loops.values()) {
      if (other === loop || !other.running) continue
      other.overlapped = loop.overlapped = true
      other.company += 1
      loop.company += 1
    }
    const release = this.budget.hold(cost)
    const sentBefore = this.hooks.sent?.()
    let delay: number
    try {
      await this.hooks.run(loop.kind)
      loop.failures = 0
      this.relax()
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
        recordCost(loop, sentAfter - sentBefore, this.clock.now())
      }
    }
    if (this.stopped || this.loops.get(loop.kind) !== loop || loop.generation !== generation) return
    if (loop.timer !== undefined) return
    if (loop.noticeAt !== undefined) delay = Math.min(delay, loop.noticeAt - this.clock.now())
    loop.noticeAt = undefined
    this.schedule(loop, loop.again ? 0 : delay)
  }

  private failureDelay(loop: Loop, error: unknown): number {
    const now = this.clock.now()
    if (error instanceof AppError && error.kind === 'rate_limited') {
      this.penalty = Math.min(PENALTY_MAX, this.penalty * 2)
      this.penaltyDecayAt = now + PENALTY_DECAY_MS
      if (error.retryAfterMs !== undefined) {
        this.pausedUntil = Math.max(this.pausedUntil, now + error.retryAfterMs)
        return this.afterPause(loop.kind) - now
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
