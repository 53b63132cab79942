/**
 * The call tracker's vocabulary and memory: its options, the serialisable state a
 * restarted app resumes from, and the stable ids its events carry.
 */
import type { Call, CallRecord } from '../../../shared/model'
import type { CallEndReason, CallEvent } from '../session/events'

export interface CallTrackerOptions {
  accountId: string
  /** The agent's extension; without it every listed call is taken as the agent's. */
  ownExtension?: string
  /** Consecutive snapshots a call must be missing from before it ends. Default 2. */
  missingSnapshots?: number
  /** And for at least this long (ms). Default 1500. */
  graceMs?: number
  /**
   * Leave the missed/not-missed verdict of a queue call that simply vanished to
   * call history (a colleague may have taken it). Only with a history capability.
   */
  deferQueueMissed?: boolean
  /** A deferred verdict not settled by history within this time is "missed". Default 120 s. */
  pendingMissedMaxMs?: number
  /** A call last seen longer ago than this before it was missed is reported `late`. Default 30 s. */
  lateGapMs?: number
}

type Counted = 'held' | 'resumed' | 'transferred'

export interface TrackedCall {
  id: string
  /** A call that leaves the agent and comes back (transferred back) starts a new round. */
  round: number
  /** `live`: on the agent's phone. `watch`: moved elsewhere unanswered; missed if it dies so. */
  phase: 'live' | 'watch'
  call: Call
  answered: boolean
  answeredElsewhere: boolean
  lastSeenAt: number
  missing: number
  missingSince?: number
  counts: Record<Counted, number>
}

/** A call that ended, kept a while to recognise it in history and if it reappears. */
export interface EndedCall {
  id: string
  round: number
  number: string
  startedAt: number
  endedAt: number
  reason: CallEndReason
  answered: boolean
  counts: Record<Counted, number>
}

export interface PendingMissed {
  id: string
  round: number
  call: Call
  since: number
}

export interface CallTrackerState {
  tracked: TrackedCall[]
  recent: EndedCall[]
  pending: PendingMissed[]
}

/** Ended calls remembered, to recognise them in history or when they reappear. */
export const RECENT_MAX = 300
export const RECENT_MAX_AGE_MS = 24 * 60 * 60 * 1000

export function callEventId(
  accountId: string,
  callId: string,
  round: number,
  kind: string,
  seq?: number,
): string {
  const r = round > 1 ? `:r${round}` : ''
  return `${accountId}:${callId}${r}:${kind}${seq ? `:${seq}` : ''}`
}

/** A missed call seen live, with a call record made from it (the UI lists records). */
export function liveMissedEvent(
  accountId: string,
  entry: { id: string; round: number; call: Call },
  at: number,
  late: boolean,
): CallEvent {
  const { call } = entry
  const record: CallRecord = {
    id: call.id,
    accountId: call.accountId,
    direction: call.direction,
    result: 'missed',
    from: call.remote,
    to: call.local,
    startedAt: call.startedAt,
    durationSec: 0,
    callId: call.id,
  }
  return {
    type: 'call.missed',
    accountId: accountId,
    id: callEventId(accountId, entry.id, entry.round, 'missed'),
    at,
    late,
    record,
    call,
    ...(call.queue !== undefined ? { queue: call.queue } : {}),
  }
}
