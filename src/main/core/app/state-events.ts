/**
 * Session events → the IPC contract's pushed events. One place decides what a
 * window hears; nothing else shapes renderer payloads.
 */
import type { AccountStatus, CallEventKind, CallRecord } from '../../../shared/model'
import type { EventHub } from '../events'
import type { ConnectionStatus, RequestCounter, SessionEvent } from '../session/events'

export function accountStatus(status: ConnectionStatus, requests: RequestCounter): AccountStatus {
  const out: AccountStatus = {
    accountId: status.accountId,
    detail: status.detail,
    since: status.since,
    requestsLastMinute: requests.lastMinute,
    budgetPerMinute: requests.budgetPerMinute,
  }
  if (status.until !== undefined) out.until = status.until
  if (status.retryAt !== undefined) out.retryAt = status.retryAt
  if (status.message) out.message = status.message
  if (status.lastUpdatedAt !== undefined) out.lastUpdatedAt = status.lastUpdatedAt
  if (status.events) out.events = status.events
  if (status.eventsReason) out.eventsReason = status.eventsReason
  return out
}

/** `call.held` → `held`: a kind added on either side without the other fails to compile. */
const callEventKinds: { readonly [K in CallEventKind as `call.${K}`]: K } = {
  'call.ringing': 'ringing',
  'call.answered': 'answered',
  'call.held': 'held',
  'call.resumed': 'resumed',
  'call.transferred': 'transferred',
  'call.ended': 'ended',
}

export function forwardSessionEvent(
  event: SessionEvent,
  hub: EventHub,
  requests: (accountId: string) => RequestCounter,
): void {
  const accountId = event.accountId
  switch (event.type) {
    case 'calls.changed':
      return hub.emit('calls:changed', { accountId, calls: event.calls })
    case 'presence.changed':
      return hub.emit('presence:changed', {
        accountId,
        changed: event.presence,
        removed: event.removed,
      })
    case 'status.changed':
      return hub.emit('status:changed', accountStatus(event.status, requests(accountId)))
    case 'parked.changed':
      return hub.emit('parked:changed', { accountId, parked: event.parked })
    case 'queues.changed':
      return hub.emit('queues:changed', { accountId, queues: event.queues })
    case 'voicemail.changed':
      return hub.emit('voicemail:changed', { accountId, voicemail: event.voicemail })
    case 'voicemail.new':
      return hub.emit('voicemail:new', { accountId, voicemail: event.voicemail })
    case 'call.missed':
      return hub.emit('call:missed', { record: event.record, late: event.late })
    case 'call.ringing':
    case 'call.answered':
    case 'call.held':
    case 'call.resumed':
    case 'call.transferred':
    case 'call.ended':
      return hub.emit('call:event', {
        kind: callEventKinds[event.type],
        call: event.call,
        late: false,
      })
    case 'capabilities.changed':
      return hub.emit('capabilities:changed', {
        accountId,
        capabilities: event.capabilities,
        notOffered: event.feature,
      })
    case 'chat.message':
      return hub.emit('chat:message', event.message)
    default:
      return
  }
}

/** A day's missed calls at a busy desk; older ones drop off. */
const MAX_MISSED_KEPT = 200

/**
 * Keeps the missed calls of accounts whose PBX has no call history, newest first,
 * so a window that opens or reloads can still list them (the snapshot's `missed`).
 */
export function keepMissedWithoutHistory(
  hub: EventHub,
  hasHistory: (accountId: string) => boolean,
): () => CallRecord[] {
  let kept: CallRecord[] = []
  hub.on((event) => {
    if (event.name !== 'call:missed') return
    const record = event.payload.record
    if (hasHistory(record.accountId)) return
    const others = kept.filter((r) => r.accountId !== record.accountId || r.id !== record.id)
    kept = [record, ...others].slice(0, MAX_MISSED_KEPT)
  })
  return () => [...kept]
}
