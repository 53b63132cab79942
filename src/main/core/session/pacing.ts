/**
 * How fast each kind polls now, and how full the minute may be for it to start:
 * intervals stretched so the requests they plan fit the budget (poll-plan.ts),
 * slowed by 429s (rate-limit-penalty.ts), and the part calls keep from the other
 * kinds and from reads (calls-reserve.ts), shared fairly among the others
 * (request-cost.ts). The scheduler asks; this decides nothing about timers.
 */
import type { Clock } from '../clock'
import type { CallsPace, CallsReserve } from './calls-reserve'
import { budgetStretch, serverStretch, type PollKind, type ScheduleOptions } from './poll-plan'
import type { RateLimitPenalty } from './rate-limit-penalty'
import type { RequestBudget } from './request-budget'
import { fairTurn } from './request-cost'
import type { SchedulerHooks } from './scheduler-hooks'
import type { Loop } from './scheduler-loop'

export class Pacing {
  constructor(
    private readonly loops: ReadonlyMap<PollKind, Loop>,
    private readonly options: ScheduleOptions,
    private readonly clock: Clock,
    private readonly budget: RequestBudget,
    private readonly parts: { penalty: RateLimitPenalty; reserve: CallsReserve },
    private readonly hooks: Pick<SchedulerHooks, 'active' | 'rateLimit'>,
  ) {}

  /** The kind's interval now, stretched by budget and penalty, before jitter. */
  interval(kind: PollKind): number {
    return this.paced(kind, (k) => {
      const interval = this.options.intervals[k]
      return this.hooks.active(k) ? interval.active : interval.idle
    })
  }

  /** The kind's interval were it active: how often live notices may poll it. */
  activeInterval(kind: PollKind): number {
    return this.paced(kind, (k) => this.options.intervals[k].active)
  }

  /** What the server's rate-limit headers allow now (a stretch, or a pause). */
  server(now: number): { factor: number; pauseUntil?: number } {
    return serverStretch(this.hooks.rateLimit(), this.plannedPerMinute(), now)
  }

  /** Planned requests per minute with the current intervals, after stretching. */
  plannedPerMinute(): number {
    let total = 0
    for (const [kind, loop] of this.loops) {
      total += (60_000 / this.interval(kind)) * loop.cost.estimate()
    }
    return total
  }

  /** How full the last minute may be for `kind` to start (a read counts as another kind). */
  capFor(kind: PollKind | 'read', now: number): number {
    const pace = kind === 'calls' ? undefined : this.callsPace()
    if (!pace) return this.budget.perMinute
    return this.parts.reserve.othersCap(this.budget.perMinute, pace, this.options.jitter, now)
  }

  /** Whether a poll of `loop`, likely to send `cost`, may start now. */
  admits(loop: Loop, cost: number, now: number): boolean {
    const cap = this.capFor(loop.kind, now)
    if (this.budget.allows(cost, cap)) return true
    if (loop.kind === 'calls') return false
    // Its fair turn in the others' part, within what calls must keep all the same.
    const others = [...this.loops.values()].flatMap((o) => (o.kind === 'calls' ? [] : [o.cost]))
    if (!fairTurn(loop.cost, cost, now, cap, others)) return false
    const pace = this.callsPace()
    const spare = pace ? this.parts.reserve.spare(pace) : 0
    return this.budget.allows(cost, this.budget.perMinute - spare)
  }

  /**
   * `kind`'s interval from `base`, stretched with every kind's so that the requests
   * they plan (polls × what one poll costs) fit the budget; with the 429 slow-down.
   */
  private paced(kind: PollKind, base: (kind: PollKind) => number): number {
    const plan = new Map<PollKind, number>()
    for (const [k, loop] of this.loops) plan.set(k, base(k) / loop.cost.estimate())
    const stretch = budgetStretch(plan, this.options.budgetPerMinute, this.options.budgetHeadroom)
    const own = base(kind) * (kind === 'calls' ? stretch.calls : stretch.others)
    return own * this.parts.penalty.slowdown(kind, this.loops.size <= 1)
  }

  /** Calls' fastest pace and cost, for the reserve; none when calls are not polled. */
  private callsPace(): CallsPace | undefined {
    const calls = this.loops.get('calls')
    if (!calls) return undefined
    const { intervals } = this.options
    const reserve = this.parts.reserve
    const fastest = this.paced('calls', (k) =>
      k === 'calls' ? reserve.reserveBase(intervals.calls) : intervals[k].active,
    )
    return { fastest, perRun: calls.cost.estimate() }
  }
}
