/**
 * The simulated PBX's own vocabulary (Asterisk-flavoured). Independent of the
 * app's model on purpose: the faces translate this into each dialect's wire
 * format, and the providers translate the wire format back.
 */

export interface Party {
  number: string
  name?: string
}

export interface Tenant {
  code: string
  name: string
  country: string
  timezone: string
  /** Read/write key. */
  apiKey: string
  readOnlyKey: string
}

export interface Extension {
  number: string
  name: string
  /** SIP username, `201-DEMO`. */
  username: string
  sipPassword: string
  registered: boolean
  dnd: boolean
  email: string
  host: string
  useragent: string
  latencyMs: number
}

export type ChannelState = 'Ring' | 'Ringing' | 'Up'
export type ChannelApp = 'Dial' | 'Queue' | 'AppDial' | 'Park' | 'MusicOnHold'

/** One Asterisk channel: a leg of a call. */
export interface Leg {
  channel: string
  uniqueId: string
  /** The party at this end of the leg. */
  party: Party
  /** Set when the leg is one of the tenant's devices. */
  extension?: string
  state: ChannelState
  app: ChannelApp
  /** The number this leg dialled or was reached through. */
  exten: string
  createdAt: number
}

export type CallPhase = 'ringing' | 'up' | 'held' | 'parked' | 'ended'
export type Direction = 'inbound' | 'outbound' | 'internal'
export type Disposition = 'ANSWERED' | 'NO ANSWER' | 'BUSY' | 'FAILED'

export interface SimCall {
  /** The linked id: stable for the call's life, across transfers too. */
  id: string
  tenant: string
  direction: Direction
  from: Party
  /** The number first dialled (extension, queue, flow or external number). */
  to: string
  queueId?: string
  phase: CallPhase
  /** The calling side (for an API originate: the source extension). */
  a: Leg
  /** Devices ringing now. */
  ringing: Leg[]
  /** The answering side, once bridged. */
  b?: Leg
  /** The extension that put the call on hold or parked it. */
  heldBy?: string
  parkedSlot?: string
  parkedAt?: number
  startedAt: number
  answeredAt?: number
  endedAt?: number
  disposition?: Disposition
  /** Extensions that refused this call (not rung again by a queue). */
  declined: Set<string>
  recorded: boolean
  originateId?: string
  /** Set on a consultation call: the call that will be handed over. */
  consultFor?: string
  /** While an originate still rings its source: the number to dial next. */
  pendingDest?: Party
  /** The first caller-side channel, which the CDR names. */
  sourceChannel: string
  /** The last device or trunk channel rung or answered, for the CDR. */
  dstChannel?: string
  /** The far leg's application before hold, restored on resume. */
  heldApp?: ChannelApp
}

export interface QueueAgent {
  extension: string
  paused: boolean
  pauseReason: string
  pausedSince?: number
  callsTaken: number
  lastCall?: number
}

export interface Queue {
  id: string
  name: string
  strategy: 'ringall'
  agents: QueueAgent[]
}

export interface VoicemailMessage {
  msgid: string
  caller: Party
  origdate: number
  durationSec: number
  folder: 'INBOX' | 'Old'
  /** Seeds the generated audio. */
  audioSeed: number
}

export interface Mailbox {
  mailbox: string
  fullname: string
  email: string
  attach: boolean
  messages: VoicemailMessage[]
}

export interface PhonebookEntry {
  peid: string
  name: string
  number: string
  company: string
  email: string
}

export interface Flow {
  number: string
  name: string
  state: 'INUSE' | 'NOT_INUSE' | 'UNAVAILABLE' | 'RINGING'
}

export interface ChatRoom {
  id: string
  name: string
  members: string[]
}

export interface ChatMessage {
  id: string
  roomId: string
  from: string
  text: string
  sentAt: number
}

/** A finished call, as Asterisk's CDR would store it. */
export interface Cdr {
  calldate: number
  clid: string
  src: string
  dst: string
  dcontext: string
  channel: string
  dstchannel: string
  lastapp: string
  lastdata: string
  duration: number
  billsec: number
  disposition: Disposition
  uniqueid: string
  linkedid: string
  /** Seconds of audio when recorded. */
  recordingSec?: number
  originateId?: string
}

export type Outcome = 'active' | 'answered' | 'missed' | 'voicemail' | 'busy' | 'failed'

/** What really happened, for tests to compare with what the app reported. */
export interface TruthEntry {
  id: string
  tenant: string
  direction: Direction
  from: Party
  to: string
  queue?: string
  originateId?: string
  outcome: Outcome
  answeredBy?: string
  startedAt: number
  answeredAt?: number
  endedAt?: number
  transfers: { kind: 'blind' | 'attended'; to: string; at: number }[]
  phases: { phase: CallPhase; at: number }[]
  recorded: boolean
}

export type PbxEvent = { tenant: string } & (
  | { type: 'call'; call: SimCall }
  | { type: 'call-ended'; call: SimCall }
  | { type: 'originate'; call: SimCall; viaApi: boolean }
  | {
      type: 'transfer'
      call: SimCall
      kind: 'blind' | 'attended'
      consult?: SimCall
      viaApi: boolean
    }
  | { type: 'extension'; extension: Extension }
  | { type: 'queue'; queue: Queue }
  | { type: 'voicemail'; mailbox: string; message: VoicemailMessage }
  | { type: 'flow'; flow: Flow }
  | { type: 'chat'; message: ChatMessage }
  | { type: 'phonebook'; phonebook: string; entry: PhonebookEntry }
)
