/**
 * The call events the tracker builds for one tracked call: stable ids per call,
 * round, kind and occurrence (`acc:callid:held:2`), so the same event is never
 * delivered twice, across restarts too.
 */
import type { Party } from '../../../shared/model'
import type { CallEndReason, CallEvent } from '../session/events'
import { callEventId, type TrackedCall } from './tracker-state'

/** A call's state changed: ringing, answered, held or resumed (each hold counted). */
export function stateEvent(
  accountId: string,
  t: TrackedCall,
  kind: 'ringing' | 'answered' | 'held' | 'resumed',
  at: number,
): CallEvent {
  const seq = kind === 'held' || kind === 'resumed' ? ++t.counts[kind] : undefined
  const id = callEventId(accountId, t.id, t.round, kind, seq)
  return { accountId, at, call: t.call, id, type: `call.${kind}` as const }
}

/** The other party changed (a transfer), each one counted. */
export function transferredEvent(
  accountId: string,
  t: TrackedCall,
  at: number,
  from: Party,
  to: Party,
): CallEvent {
  const seq = ++t.counts.transferred
  const id = callEventId(accountId, t.id, t.round, 'transferred', seq)
  return { accountId, at, call: t.call, id, type: 'call.transferred', from, to }
}

/** The call left the agent, and why. */
export function endedEvent(
  accountId: string,
  t: TrackedCall,
  at: number,
  reason: CallEndReason,
): CallEvent {
  const id = callEventId(accountId, t.id, t.round, 'ended')
  return { type: 'call.ended', accountId, id, at, call: t.call, reason }
}
