/**
 * Turns successive call snapshots into call events. Pure: no clock, no I/O; the
 * caller passes the time of each snapshot. Its whole memory is `exportState()`, so
 * a restarted app carries on where it stopped instead of announcing calls again.
 *
 * Real APIs drop a call from one answer and show it again in the next, so a call
 * only ends after it is missing from `missingSnapshots` snapshots in a row AND for
 * `graceMs`. A colleague answering is positive evidence and ends it at once.
 */
import { placedBy } from '../../../shared/call-origin'
import type { Call, CallRecord, Party } from '../../../shared/model'
import {
  liveMissedEvent,
  RECENT_MAX,
  RECENT_MAX_AGE_MS,
  type CallTrackerOptions,
  type CallTrackerState,
  type PendingMissed,
  type EndedCall,
  type TrackedCall,
} from './tracker-state'
import { reconcileHistory } from './history'
import { endedEvent, stateEvent, transferredEvent } from './tracker-events'
import { sameExtension, sameNumber, viewCalls, type CallView } from './view'
import type { CallEndReason, CallEvent } from '../session/events'

export type { CallTrackerOptions, CallTrackerState } from './tracker-state'

export class CallTracker {
  readonly options: Required<Omit<CallTrackerOptions, 'ownExtension'>> & { ownExtension?: string }
  private readonly tracked = new Map<string, TrackedCall>()
  private readonly recent = new Map<string, EndedCall>()
  private pending: PendingMissed[] = []

  constructor(options: CallTrackerOptions, state?: CallTrackerState) {
    this.options = {
      missingSnapshots: 2,
      graceMs: 1500,
      deferQueueMissed: false,
      pendingMissedMaxMs: 120_000,
      lateGapMs: 30_000,
      ...options,
    }
    for (const t of state?.tracked ?? []) this.tracked.set(t.id, t)
    for (const r of state?.recent ?? []) this.recent.set(r.id, r)
    this.pending = [...(state?.pending ?? [])]
  }

  setOwnExtension(extension: string | undefined): void {
    this.options.ownExtension = extension
  }

  isMine = (call: Call): boolean =>
    this.options.ownExtension === undefined ||
    sameExtension(call.local.number, this.options.ownExtension)

  isOwnRecord = (record: CallRecord): boolean =>
    this.options.ownExtension === undefined ||
    sameExtension(record.to.number, this.options.ownExtension)

  /** The agent's calls as last seen (a call in its grace period still shows). */
  calls(): Call[] {
    return [...this.tracked.values()].filter((t) => t.phase === 'live').map((t) => t.call)
  }

  /** A call rings or is up on the agent's phone: poll calls fast. */
  busy(): boolean {
    return this.calls().length > 0
  }

  /** Verdicts waiting for call history. */
  pendingCount(): number {
    return this.pending.length
  }

  exportState(): CallTrackerState {
    return {
      tracked: [...this.tracked.values()].map((t) => structuredClone(t)),
      recent: [...this.recent.values()],
      pending: [...this.pending],
    }
  }

  update(calls: readonly Call[], at: number): CallEvent[] {
    const views = viewCalls(calls, this.isMine)
    const events: CallEvent[] = []
    for (const t of [...this.tracked.values()]) {
      const view = views.get(t.id)
      if (t.phase === 'live') this.followLive(t, view, at, events)
      else this.followWatch(t, view, at, events)
    }
    for (const view of views.values()) {
      if (view.mine && !this.tracked.has(view.id)) this.begin(view.mine, at, events)
    }
    this.expire(at, events)
    return events
  }

  /** Settles what snapshots could not see, from call history (oldest first). */
  reconcile(
    records: readonly CallRecord[],
    at: number,
    seen: (key: string) => boolean,
  ): CallEvent[] {
    const events = reconcileHistory(this, records, at, seen)
    this.expire(at, events)
    return events
  }

  /** @internal for call-history.ts */
  knows(callId: string): boolean {
    return this.tracked.has(callId) || this.recent.has(callId)
  }

  /** @internal for call-history.ts: a record without a call id that matches a known call. */
  knowsByNumber(party: Party, startedAt: number): boolean {
    const near = (t: number): boolean => Math.abs(t - startedAt) <= 15_000
    for (const r of this.recent.values()) {
      if (near(r.startedAt) && sameNumber({ number: r.number }, party)) return true
    }
    for (const t of this.tracked.values()) {
      if (near(t.call.startedAt) && sameNumber(t.call.remote, party)) return true
    }
    return false
  }

  /** @internal for call-history.ts */
  takePending(callId: string): PendingMissed | undefined {
    const found = this.pending.find((p) => p.id === callId)
    if (found) this.pending = this.pending.filter((p) => p !== found)
    return found
  }

  /** @internal for call-history.ts */
  missedEvent(
    entry: { id: string; round: number; call: Call },
    at: number,
    late: boolean,
  ): CallEvent {
    return liveMissedEvent(this.options.accountId, entry, at, late)
  }

  private followLive(
    t: TrackedCall,
    view: CallView | undefined,
    at: number,
    out: CallEvent[],
  ): void {
    if (view?.mine) {
      t.missing = 0
      t.missingSince = undefined
      if (view.answeredElsewhere) t.answeredElsewhere = true
      this.diff(t, view.mine, at, out)
      return
    }
    if (view?.answeredElsewhere && !t.answered) {
      // A colleague took it: close the popup now, no grace needed.
      t.answeredElsewhere = true
      this.finish(t, at, 'answered_elsewhere', out)
      return
    }
    if (!this.confirmedMissing(t, at)) return
    if (view?.other && t.answered) {
      out.push(transferredEvent(this.options.accountId, t, at, t.call.remote, view.other.local))
      this.finish(t, at, 'transferred', out)
    } else if (view?.other) {
      this.finish(t, at, 'moved', out)
      // It still rings elsewhere: watch it; if nobody ever answers, the agent missed it.
      this.tracked.set(t.id, { ...t, phase: 'watch', missing: 0, missingSince: undefined })
    } else {
      this.finish(t, at, 'hangup', out)
      if (this.missable(t)) this.missed(t, at, out)
    }
  }

  private followWatch(
    t: TrackedCall,
    view: CallView | undefined,
    at: number,
    out: CallEvent[],
  ): void {
    if (view?.mine) {
      this.tracked.delete(t.id)
      this.begin(view.mine, at, out, t.round + 1)
    } else if (view?.answeredElsewhere) {
      this.tracked.delete(t.id)
    } else if (view?.other) {
      t.missing = 0
      t.missingSince = undefined
      t.lastSeenAt = at
    } else if (this.confirmedMissing(t, at)) {
      this.tracked.delete(t.id)
      if (this.missable(t)) this.missed(t, at, out)
    }
  }

  private confirmedMissing(t: TrackedCall, at: number): boolean {
    t.missing += 1
    t.missingSince ??= at
    return t.missing >= this.options.missingSnapshots && at - t.missingSince >= this.options.graceMs
  }

  /**
   * Whoever rang the agent and got no answer is a missed call, a colleague too
   * (they wanted the agent and may want a call back); the agent's own unanswered
   * calls never are.
   */
  private missable(t: TrackedCall): boolean {
    return placedBy(t.call) !== 'agent' && !t.answered && !t.answeredElsewhere
  }

  private missed(t: TrackedCall, at: number, out: CallEvent[]): void {
    if (this.options.deferQueueMissed && t.call.queue !== undefined) {
      this.pending.push({ id: t.id, round: t.round, call: t.call, since: at })
      return
    }
    out.push(this.missedEvent(t, at, at - t.lastSeenAt > this.options.lateGapMs))
  }

  private begin(call: Call, at: number, out: CallEvent[], nextRound?: number): void {
    const before = this.recent.get(call.id)
    this.recent.delete(call.id)
    // Back after a long flicker: the same round, so nothing is announced twice.
    const resumed = nextRound === undefined && before?.reason === 'hangup'
    const t: TrackedCall = {
      id: call.id,
      round: nextRound ?? (before ? before.round + (resumed ? 0 : 1) : 1),
      phase: 'live',
      call,
      answered: resumed ? before.answered : false,
      answeredElsewhere: false,
      lastSeenAt: at,
      missing: 0,
      counts: resumed ? { ...before.counts } : { held: 0, resumed: 0, transferred: 0 },
    }
    this.tracked.set(call.id, t)
    if (call.state === 'ringing') out.push(stateEvent(this.options.accountId, t, 'ringing', at))
    this.diff(t, call, at, out)
  }

  private diff(t: TrackedCall, now: Call, at: number, out: CallEvent[]): void {
    const before = t.call
    t.call = now
    t.lastSeenAt = at
    if (!t.answered && (now.state === 'up' || now.state === 'held')) {
      t.answered = true
      out.push(stateEvent(this.options.accountId, t, 'answered', at))
    }
    if (before !== now && before.remote.number && !sameNumber(before.remote, now.remote)) {
      out.push(transferredEvent(this.options.accountId, t, at, before.remote, now.remote))
    }
    const wasHeld = before !== now && before.state === 'held'
    if (now.state === 'held' && (before === now || before.state !== 'held')) {
      out.push(stateEvent(this.options.accountId, t, 'held', at))
    } else if (wasHeld && now.state === 'up') {
      out.push(stateEvent(this.options.accountId, t, 'resumed', at))
    }
  }

  private finish(t: TrackedCall, at: number, reason: CallEndReason, out: CallEvent[]): void {
    this.tracked.delete(t.id)
    out.push(endedEvent(this.options.accountId, t, at, reason))
    this.recent.set(t.id, {
      id: t.id,
      round: t.round,
      number: t.call.remote.number,
      startedAt: t.call.startedAt,
      endedAt: at,
      reason,
      answered: t.answered,
      counts: t.counts,
    })
  }

  private expire(at: number, out: CallEvent[]): void {
    for (const p of this.pending) {
      if (at - p.since >= this.options.pendingMissedMaxMs) out.push(this.missedEvent(p, at, true))
    }
    this.pending = this.pending.filter((p) => at - p.since < this.options.pendingMissedMaxMs)
    for (const r of this.recent.values()) {
      if (at - r.endedAt > RECENT_MAX_AGE_MS) this.recent.delete(r.id)
    }
    // Map iteration is insertion order: the oldest go first.
    for (const id of this.recent.keys()) {
      if (this.recent.size <= RECENT_MAX) break
      this.recent.delete(id)
    }
  }
}
