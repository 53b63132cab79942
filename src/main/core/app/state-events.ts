/**
 * Session events → the IPC contract's pushed events. One place decides what a
 * window hears; nothing else shapes renderer payloads.
 */
import type { AccountStatus, CallRecord } from '../../../shared/model'
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
      return hub.emit('call:missed', event)
    case 'call.ringing':
    case 'call.answered':
    case 'call.held':
    case 'call.resumed':
    case 'call.transferred':
    case 'call.ended':
      return hub.emit('call:event', event)
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
export const MAX_MISSED_KEPT = 200

/**
 * Keeps the missed calls of accounts whose PBX has no call history, newest first,
 * once each and at most a day's worth per account, so a window that opens or
 * reloads can still list them (the snapshot's `missed`); each change goes to the
 * windows as `missed:changed`. The only keeper: windows show what it sends.
 */
export function keepMissedWithoutHistory(
  hub: EventHub,
  hasHistory: (accountId: string) => boolean,
): () => CallRecord[] {
  const kept = new Map<string, CallRecord[]>()
  hub.on((event) => {
    if (event.name !== 'call:missed') return
    const record = event.payload.record
    const accountId = record.accountId
    if (hasHistory(accountId)) return
    const earlier = (kept.get(accountId) ?? []).filter((r) => r.id !== record.id)
    const missed = [record, ...earlier].slice(0, MAX_MISSED_KEPT)
    kept.set(accountId, missed)
    hub.emit('missed:changed', { accountId, missed })
  })
  return () => [...kept.values()].flat()
}
