/** Call events as the session delivers them, for tests of what listens to them. */
import type { LiveCallEvent, MissedCallEvent } from '../../src/shared/call-events'
import type { Call, CallRecord } from '../../src/shared/model'

type Simple = 'call.ringing' | 'call.answered' | 'call.held' | 'call.resumed'

export function liveEvent(type: Simple, call: Call, at = 0): LiveCallEvent {
  return { type, accountId: call.accountId, id: `${call.accountId}:${call.id}:${type}`, at, call }
}

export function missedEvent(record: CallRecord, late = false, at = 0): MissedCallEvent {
  return {
    type: 'call.missed',
    accountId: record.accountId,
    id: `${record.accountId}:${record.id}:missed`,
    at,
    late,
    record,
  }
}
