/**
 * What a session tells the rest of the app: domain events with stable ids, the
 * connection status in a shape the UI can put into words, and the snapshot a new
 * window starts from.
 */
import type {
  Call,
  Capability,
  ChatMessage,
  ConnectionDetail,
  ParkedCall,
  Presence,
  QueueMembership,
  Voicemail,
} from '../../../shared/model'
import type { CallEvent, EventBase } from '../../../shared/call-events'

/** The call events live in shared/ (the shell and windows hear them as they are). */
export type { CallEndReason, CallEvent } from '../../../shared/call-events'

export const sessionStates = [
  'connecting',
  'online',
  'degraded',
  'offline',
  'auth_failed',
  'stopped',
] as const
export type SessionState = (typeof sessionStates)[number]

/**
 * Why the session is in its state, one word the UI turns into a sentence:
 * `slow` (errors or slow answers), `rate_limited` (the PBX asked us to wait, see
 * `until`), `offline` (next try at `retryAt`), `signed_out` (credentials refused).
 * The same words as the renderer's `ConnectionDetail`.
 */
export type StatusDetail = ConnectionDetail

export interface ConnectionStatus {
  accountId: string
  state: SessionState
  /** When this state began (epoch ms). */
  since: number
  detail: StatusDetail
  /** With `rate_limited`: when the PBX lets us ask again. */
  until?: number
  /** With `offline`: when the next attempt is due. */
  retryAt?: number
  /** The last error, in words, when there is one. Never carries a secret. */
  message?: string
  /** While not online: when the last poll succeeded, i.e. how old the shown data is. */
  lastUpdatedAt?: number
  /** Push accounts: whether live events arrive, and why not. */
  events?: 'live' | 'polling'
  eventsReason?: string
}

export type SessionEvent =
  | CallEvent
  | (EventBase & { type: 'calls.changed'; calls: Call[] })
  | (EventBase & { type: 'presence.changed'; presence: Presence[]; removed: string[] })
  | (EventBase & { type: 'status.changed'; status: ConnectionStatus })
  | (EventBase & { type: 'voicemail.new'; voicemail: Voicemail })
  | (EventBase & { type: 'voicemail.changed'; voicemail: Voicemail[] })
  | (EventBase & { type: 'chat.message'; message: ChatMessage })
  | (EventBase & { type: 'parked.changed'; parked: ParkedCall[] })
  | (EventBase & { type: 'queues.changed'; queues: QueueMembership[] })
  /** The PBX turned out not to offer `feature`: the account's capabilities shrank. */
  | (EventBase & { type: 'capabilities.changed'; capabilities: Capability[]; feature: string })

export type SessionListener = (event: SessionEvent) => void

/** Everything a new window needs to draw one account, before deltas arrive. */
export interface SessionSnapshot {
  accountId: string
  status: ConnectionStatus
  /** The agent's own calls, as last seen. */
  calls: Call[]
  presence: Presence[]
  parked: ParkedCall[]
  queues: QueueMembership[]
  voicemail: Voicemail[]
  requests: RequestCounter
}

/** Requests sent for one account, for the UI and the benchmarks. */
export interface RequestCounter {
  lastMinute: number
  total: number
  budgetPerMinute: number
}
