import type { Call, CallOrigin, CallRecord, Party } from './model'

/**
 * Who placed a call or a history record. Providers set `placedBy`; where an older
 * record lacks it, only `outbound` can be read as the agent's own call.
 */
export function placedBy(call: Pick<Call, 'direction' | 'placedBy'>): CallOrigin {
  return call.placedBy ?? (call.direction === 'outbound' ? 'agent' : 'outside')
}

/** The one rule for "this call rings the agent": ringing, and not dialled by the agent. */
export function ringsHere(call: Pick<Call, 'direction' | 'placedBy' | 'state'>): boolean {
  return call.state === 'ringing' && placedBy(call) !== 'agent'
}

/** The party on the far side of a history record: the callee when the agent dialled. */
export function otherPartyOf(
  record: Pick<CallRecord, 'direction' | 'placedBy' | 'from' | 'to'>,
): Party {
  return placedBy(record) === 'agent' ? record.to : record.from
}
