/**
 * The session's connection status and delivery rules, as pure functions: what a
 * failure means for the status line, and which events must go out only once.
 */
import { isAppError } from '../../../shared/result'
import { historyKey } from '../calls/history'
import type { PushEvents } from '../../providers/provider'
import type { ConnectionStatus, SessionEvent, SessionState, StatusDetail } from './events'

export type StatusExtra = Pick<ConnectionStatus, 'until' | 'retryAt' | 'message' | 'lastUpdatedAt'>

export interface StatusChange {
  state: SessionState
  detail: StatusDetail
  extra: StatusExtra
}

export function buildStatus(
  accountId: string,
  previous: ConnectionStatus | undefined,
  change: StatusChange,
  now: number,
  events?: PushEvents,
): ConnectionStatus {
  const { state, detail, extra } = change
  const since = previous?.state === state ? previous.since : now
  const status: ConnectionStatus = { accountId, state, since, detail }
  if (extra.until !== undefined) status.until = extra.until
  if (extra.retryAt !== undefined) status.retryAt = extra.retryAt
  if (extra.message !== undefined) status.message = extra.message
  if (extra.lastUpdatedAt !== undefined) status.lastUpdatedAt = extra.lastUpdatedAt
  // A push account whose event socket is down still works, by polling: it says so.
  if (events && state !== 'stopped') {
    status.events = events.live ? 'live' : 'polling'
    if (!events.live && events.reason) status.eventsReason = events.reason
  }
  return status
}

const networkKinds = new Set(['network', 'timeout'])

/** Counts toward "offline": the PBX could not be reached (not: it answered badly). */
export function isNetworkFailure(error: unknown): boolean {
  return !isAppError(error) || networkKinds.has(error.kind)
}

/**
 * What a failed request means for the status line. `failures`: network failures
 * in a row, this one included.
 */
export function failureStatus(
  error: unknown,
  context: {
    state: SessionState
    offline: boolean
    failures: number
    offlineAfter: number
    retryAt: number
    pauseEndsAt: number
  },
): StatusChange {
  const message = isAppError(error) ? error.message : 'Unexpected error while talking to the PBX.'
  if (certificateChanged(error)) {
    // Retrying cannot help until the agent reviews the certificate: say so, no countdown.
    return { state: 'offline', detail: 'certificate_changed', extra: { message } }
  }
  if (unreadable(error)) {
    const state = context.offline
      ? 'offline'
      : context.state === 'connecting'
        ? 'connecting'
        : 'degraded'
    return { state, detail: 'unreadable', extra: { message } }
  }
  if (isAppError(error) && error.kind === 'rate_limited') {
    const until = Math.max(context.pauseEndsAt, context.retryAt)
    const state = context.offline ? 'offline' : 'degraded'
    return { state, detail: 'rate_limited', extra: { until, message } }
  }
  if (context.offline || context.failures >= context.offlineAfter) {
    return { state: 'offline', detail: 'offline', extra: { retryAt: context.retryAt, message } }
  }
  if (context.state === 'connecting') {
    return { state: 'connecting', detail: 'connecting', extra: { message } }
  }
  return { state: 'degraded', detail: 'slow', extra: { message } }
}

/** A pinned certificate that no longer matches (`tls.pin_mismatch`; jade's CertificateError). */
export function certificateChanged(error: unknown): boolean {
  if (!isAppError(error)) return false
  if (error.detail?.code === 'tls.pin_mismatch') return true
  return 'problem' in error && error.problem === 'changed'
}

/**
 * The PBX answered, but with something no reader understands. Providers say so
 * with `bad_response.unreadable`; an uncoded `bad_response` that is not an HTTP
 * status (those name theirs) is a parse failure too.
 */
export function unreadable(error: unknown): boolean {
  if (!isAppError(error) || error.kind !== 'bad_response') return false
  const code = error.detail?.code
  if (code !== undefined) return code.startsWith('bad_response.unreadable')
  return !/HTTP \d{3}/.test(error.message)
}

/** What a delivered event is remembered under, for the events that must go out once. */
export function dedupEntry(event: SessionEvent): string | undefined {
  switch (event.type) {
    case 'call.missed':
      return `call:${event.call?.id ?? historyKey(event.record)}`
    case 'call.ringing':
    case 'call.answered':
    case 'call.held':
    case 'call.resumed':
    case 'call.transferred':
    case 'call.ended':
      return `call:${event.call.id}`
    case 'voicemail.new':
      return `vm:${event.voicemail.id}`
    case 'chat.message':
      return `chat:${event.message.id}`
    default:
      return undefined
  }
}
