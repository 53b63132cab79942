/**
 * The app's own vocabulary, independent of any PBX. Every dialect is normalised
 * into these shapes; the renderer sees nothing else. No type here carries a secret.
 */

export const dialects = ['pbxcloud', 'restv1', 'jade'] as const
export type Dialect = (typeof dialects)[number]

/** What the renderer may know about an account: never a credential. */
export interface AccountSummary {
  id: string
  dialect: Dialect
  displayName: string
  /** The agent's own extension or account on the PBX (e.g. `402-DEMO`). */
  ownExtension: string
  /** True for the embedded demo PBX account used when nothing is configured. */
  demo: boolean
}

export interface AppInfo {
  name: string
  version: string
  platform: string
  /** `electron` inside the desktop app, `browser` through the development bridge. */
  shell: 'electron' | 'browser'
}

/** A party on a call: a number and, when known, a name. Both are untrusted text. */
export interface Party {
  number: string
  name?: string
}

export const presenceStates = [
  'available',
  'ringing',
  'busy',
  'on_hold',
  'dnd',
  'offline',
  'unknown',
] as const
export type PresenceState = (typeof presenceStates)[number]

/** One extension's lamp. */
export interface Presence {
  accountId: string
  extension: string
  name: string
  state: PresenceState
  /** When this state began, as first observed (epoch ms). */
  since: number
  /** The other party while ringing or busy, when the PBX says. */
  partner?: Party
}

export type CallDirection = 'inbound' | 'outbound' | 'internal'
/**
 * Who placed the call: the agent (from the app or the desk phone), a colleague on
 * the same PBX, or an outside party. `direction` says whether the call stays inside
 * the PBX; this says who dialled, which `internal` alone cannot.
 */
export type CallOrigin = 'agent' | 'colleague' | 'outside'
export const callStates = ['ringing', 'up', 'held', 'parked'] as const
export type CallState = (typeof callStates)[number]

export interface Call {
  /** Stable for the call's life (the PBX's linked id / call id). */
  id: string
  accountId: string
  direction: CallDirection
  /** Who dialled. Providers always set it; absent only in old stored data and tests. */
  placedBy?: CallOrigin
  state: CallState
  /** The agent's side. */
  local: Party
  /** The other side. */
  remote: Party
  /** The queue the call came through, if any (name when known, else id). */
  queue?: string
  startedAt: number
  answeredAt?: number
  /**
   * Set when a call that rang for this agent (a queue or group call) was answered
   * by someone else: the popup closes and the call is not a missed call.
   */
  answeredElsewhere?: Party
  /**
   * This call is the agent's consultation for an attended transfer of the call with
   * this id: hanging it up completes the transfer; cancelling returns to the caller.
   */
  consultFor?: string
  /**
   * What the provider needs to act on this call (channel names, call API ids).
   * Opaque to everyone else; never a secret.
   */
  handle: Record<string, string>
}

export interface ParkedCall {
  id: string
  accountId: string
  slot: string
  caller: Party
  parkedBy?: string
  parkedAt: number
  handle: Record<string, string>
}

export interface QueueMembership {
  accountId: string
  queueId: string
  queueName: string
  paused: boolean
  reason?: string
  pausedSince?: number
  /** Callers waiting in the queue now, when the PBX says. */
  waiting?: number
  /**
   * When the caller who has waited longest entered the queue (epoch ms), where the
   * PBX says how long its callers wait (jade queue entries, REST queue members).
   */
  waitingSince?: number
  callsTaken?: number
}

export interface Voicemail {
  id: string
  accountId: string
  mailbox: string
  caller: Party
  receivedAt: number
  durationSec: number
  heard: boolean
}

export interface Contact {
  id: string
  accountId: string
  name: string
  numbers: { label: string; number: string }[]
  /**
   * Main can call this contact by its id although it has no number (a jade user,
   * called by uuid): the window offers Call and sends back only this id.
   */
  callable?: boolean
  company?: string
  email?: string
}

export type CallResult = 'answered' | 'missed' | 'busy' | 'failed'

export interface CallRecord {
  id: string
  accountId: string
  direction: CallDirection
  /** Who dialled, when the PBX's record says. */
  placedBy?: CallOrigin
  result: CallResult
  from: Party
  to: Party
  startedAt: number
  durationSec: number
  /** Set when a recording can be played. */
  recordingId?: string
  /** The call's stable id, matching `Call.id` where the dialect allows. */
  callId?: string
}

export interface ChatRoom {
  id: string
  accountId: string
  name: string
  unread: number
  lastMessageAt?: number
}

export interface ChatMessage {
  id: string
  accountId: string
  roomId: string
  from: { id: string; name: string }
  text: string
  sentAt: number
  own: boolean
}

/** A day/night or similar switch (PBXCloud flows). */
export interface Flow {
  id: string
  accountId: string
  name: string
  active: boolean
}

export const capabilities = [
  'presence',
  'calls',
  'dial',
  'hangup',
  'transfer',
  'attended_transfer',
  'hold',
  'park',
  'pickup',
  'parked_calls',
  /** A call waiting in a park slot can be ended from the parked list. */
  'parked_hangup',
  'queues',
  'queue_pause',
  /** The PBX keeps a reason given with a pause (free text). */
  'queue_pause_reason',
  'voicemail',
  'voicemail_delete',
  'voicemail_mark_heard',
  'recordings',
  'history',
  'contacts',
  'contacts_add',
  'chat',
  'flows',
  'push_events',
] as const
export type Capability = (typeof capabilities)[number]

/** How an account's connection is doing, in a form the status bar puts into words. */
export type ConnectionDetail =
  | 'connecting'
  | 'online'
  | 'slow'
  | 'rate_limited'
  | 'offline'
  | 'signed_out'
  | 'stopped'
  /** The PBX answered with something Switchboard cannot read (an HTML page, broken JSON). */
  | 'unreadable'
  /** The PBX's certificate is not the one the agent chose to trust. */
  | 'certificate_changed'

export interface AccountStatus {
  accountId: string
  detail: ConnectionDetail
  since: number
  /** rate_limited: until when (epoch ms). */
  until?: number
  /** offline: when the next try is (epoch ms). */
  retryAt?: number
  /** The last error, in words, when there is one. */
  message?: string
  /** While not online: when the shown data was last fetched (epoch ms). */
  lastUpdatedAt?: number
  /** Push accounts: 'polling' while the event socket cannot connect (the window says so in words). */
  events?: 'live' | 'polling'
  /** Why events are unavailable, in main's English words (detail only). */
  eventsReason?: string
  requestsLastMinute: number
  budgetPerMinute: number
}
