/**
 * The PbxProvider interface: one implementation per dialect, each declaring what
 * it can do in `capabilities`. Anything absent from the set throws a typed
 * `unsupported` error (BaseProvider does that by default), never a silent no-op.
 * No electron import, nothing from core/: providers know nothing of sessions.
 */
import type {
  Call,
  CallRecord,
  Capability,
  ChatMessage,
  ChatRoom,
  Contact,
  Dialect,
  Flow,
  ParkedCall,
  Party,
  Presence,
  QueueMembership,
  Voicemail,
} from '../../shared/model'
import { AppError } from '../../shared/result'
import type { CapabilityListener } from './offers'

/** Who the credentials belong to, as the PBX says at sign-in. */
export interface Identity {
  ownExtension: string
  displayName?: string
  /** Facts worth showing in "Test connection" (tenant name, user login, …). */
  details?: Record<string, string>
  /** PBXCloud: the tenant's phone books, for the account form's pick list. */
  phonebooks?: string[]
}

export interface MediaFile {
  contentType: string
  data: Buffer
}

export interface DialOptions {
  /** Caller id to present, where the dialect allows. */
  callerId?: string
}

/**
 * Request accounting the session's scheduler reads: how many HTTP requests this
 * provider made, and what the server said about its budget (rate-limit headers).
 */
export interface RequestStats {
  requests: number
  rateLimit?: { limit: number; remaining: number; resetAt: number }
}

/** What a live change notice says changed: the session polls that kind at once. */
export type PushKind = 'calls' | 'presence' | 'chat' | 'parked' | 'queues'

/** `resync`: not a change but the catch-up after a (re)connect (events may have been missed). */
export type PushListener = (kind: PushKind, resync: boolean) => void

/** Whether pushed events arrive; when not, why, in words (no secret). */
export interface PushEvents {
  live: boolean
  reason?: string
}

export interface PbxProvider {
  readonly dialect: Dialect
  readonly accountId: string
  readonly capabilities: ReadonlySet<Capability>
  readonly stats: RequestStats

  /** Prove the credentials; tell wrong credentials from no network. */
  signIn(): Promise<Identity>

  presence(): Promise<Presence[]>
  /**
   * The agent's calls. A call that was on the agent's phone and now rings or talks
   * only at a colleague's is listed too, as `callElsewhere` makes it, so the session
   * can tell a colleague's answer or a transfer from a hang-up.
   */
  calls(): Promise<Call[]>
  parkedCalls(): Promise<ParkedCall[]>
  queues(): Promise<QueueMembership[]>

  dial(number: string, options?: DialOptions): Promise<{ callId?: string }>
  hangup(call: Call): Promise<void>
  transfer(call: Call, destination: string): Promise<void>
  attendedTransfer(call: Call, destination: string): Promise<void>
  /**
   * Abandon an attended transfer: end the consultation and go back to the held
   * caller. (Completing it is hanging up the agent's leg of the consultation.)
   */
  cancelAttendedTransfer(consultation: Call, original: Call): Promise<void>
  hold(call: Call): Promise<void>
  resume(call: Call): Promise<void>
  park(call: Call): Promise<void>
  /** Pick up a ringing call (or a parked one). */
  pickup(target: Call | ParkedCall): Promise<void>
  /** End a call waiting in a park slot (the caller is hung up). */
  hangupParked(parked: ParkedCall): Promise<void>
  /** Pick up the call ringing at a colleague's extension (from the presence board). */
  pickupAt(extension: string): Promise<void>
  pauseQueue(queueId: string, reason?: string): Promise<void>
  resumeQueue(queueId: string): Promise<void>

  voicemails(): Promise<Voicemail[]>
  voicemailAudio(voicemail: Voicemail): Promise<MediaFile>
  deleteVoicemail(voicemail: Voicemail): Promise<void>
  markVoicemailHeard(voicemail: Voicemail): Promise<void>

  /** The audio of a recording, by the `recordingId` a CallRecord carries. */
  recording(recordingId: string): Promise<MediaFile>
  /** Calls between `since` and `until` (epoch ms), oldest first. */
  history(since: number, until: number): Promise<CallRecord[]>

  searchContacts(query: string): Promise<Contact[]>
  addContact(contact: Omit<Contact, 'id' | 'accountId'>): Promise<Contact>

  chatRooms(): Promise<ChatRoom[]>
  /** Messages before `before` (epoch ms; newest when absent), newest last. */
  chatMessages(roomId: string, before?: number, count?: number): Promise<ChatMessage[]>
  sendChat(roomId: string, text: string): Promise<ChatMessage>

  flows(): Promise<Flow[]>
  setFlow(flowId: string, active: boolean): Promise<void>

  /** Release sockets and timers. */
  close(): Promise<void>

  /**
   * Optional (capability `push_events`): live change notices from the PBX. Each
   * notice names a kind to poll now; after a reconnect every kind is named once
   * with `resync` set, so nothing missed while away stays missed. Returns the
   * unsubscribe function.
   */
  subscribe?(onChange: PushListener, onEvents?: (events: PushEvents) => void): () => void

  /** Optional (push accounts): for Test connection, whether the event socket answers, in words. */
  checkEvents?(): Promise<string>

  /**
   * Optional: told when the PBX turned out not to offer something that was
   * probed (offers.ts); `capabilities` already reflects it. Returns the
   * unsubscribe function.
   */
  onCapabilitiesChanged?(listener: CapabilityListener): () => void
}

const capabilityOf: Partial<Record<keyof PbxProvider, Capability>> = {
  presence: 'presence',
  calls: 'calls',
  parkedCalls: 'parked_calls',
  queues: 'queues',
  dial: 'dial',
  hangup: 'hangup',
  transfer: 'transfer',
  attendedTransfer: 'attended_transfer',
  cancelAttendedTransfer: 'attended_transfer',
  hold: 'hold',
  resume: 'hold',
  park: 'park',
  pickup: 'pickup',
  pickupAt: 'pickup',
  hangupParked: 'parked_hangup',
  pauseQueue: 'queue_pause',
  resumeQueue: 'queue_pause',
  voicemails: 'voicemail',
  voicemailAudio: 'voicemail',
  deleteVoicemail: 'voicemail_delete',
  markVoicemailHeard: 'voicemail_mark_heard',
  recording: 'recordings',
  history: 'history',
  searchContacts: 'contacts',
  addContact: 'contacts_add',
  chatRooms: 'chat',
  chatMessages: 'chat',
  sendChat: 'chat',
  flows: 'flows',
  setFlow: 'flows',
}

/** Which capability a provider method needs. */
export function capabilityFor(method: keyof PbxProvider): Capability | undefined {
  return Object.hasOwn(capabilityOf, method) ? capabilityOf[method] : undefined
}

/**
 * A call that was on the agent's phone and is now at `colleague`'s (`up`: talking
 * there, else ringing there). One the agent never answered and a colleague took is
 * the agent's call marked `answeredElsewhere` (the popup closes, it is not missed);
 * otherwise it is listed as the colleague's leg (`local` = the colleague): passed on
 * unanswered, or transferred after the agent answered.
 */
export function callElsewhere(earlier: Call, colleague: Party, up: boolean): Call {
  if (up && earlier.state === 'ringing') {
    return { ...earlier, state: 'up', answeredElsewhere: colleague }
  }
  return { ...earlier, local: colleague, state: up ? 'up' : 'ringing' }
}

function unsupported(dialect: Dialect, what: string): never {
  throw new AppError('unsupported', `This PBX (${dialect}) cannot ${what}.`)
}

/**
 * Every optional method throws `unsupported`; a dialect overrides what it can do
 * and lists it in `capabilities`. A test checks the two agree.
 */
export abstract class BaseProvider implements PbxProvider {
  abstract readonly dialect: Dialect
  abstract readonly capabilities: ReadonlySet<Capability>
  readonly stats: RequestStats = { requests: 0 }

  constructor(readonly accountId: string) {}

  abstract signIn(): Promise<Identity>

  async presence(): Promise<Presence[]> {
    return unsupported(this.dialect, 'show presence')
  }
  async calls(): Promise<Call[]> {
    return unsupported(this.dialect, 'list calls')
  }
  async parkedCalls(): Promise<ParkedCall[]> {
    return unsupported(this.dialect, 'list parked calls')
  }
  async queues(): Promise<QueueMembership[]> {
    return unsupported(this.dialect, 'show queues')
  }
  async dial(_number: string, _options?: DialOptions): Promise<{ callId?: string }> {
    return unsupported(this.dialect, 'dial')
  }
  async hangup(_call: Call): Promise<void> {
    return unsupported(this.dialect, 'hang up calls')
  }
  async transfer(_call: Call, _destination: string): Promise<void> {
    return unsupported(this.dialect, 'transfer calls')
  }
  async attendedTransfer(_call: Call, _destination: string): Promise<void> {
    return unsupported(this.dialect, 'make attended transfers')
  }
  async cancelAttendedTransfer(_consultation: Call, _original: Call): Promise<void> {
    return unsupported(this.dialect, 'make attended transfers')
  }
  async hold(_call: Call): Promise<void> {
    return unsupported(this.dialect, 'hold calls')
  }
  async resume(_call: Call): Promise<void> {
    return unsupported(this.dialect, 'resume held calls')
  }
  async park(_call: Call): Promise<void> {
    return unsupported(this.dialect, 'park calls')
  }
  async pickup(_target: Call | ParkedCall): Promise<void> {
    return unsupported(this.dialect, 'pick up calls')
  }
  async pickupAt(_extension: string): Promise<void> {
    return unsupported(this.dialect, 'pick up calls')
  }
  async hangupParked(_parked: ParkedCall): Promise<void> {
    return unsupported(this.dialect, 'end parked calls')
  }

  async pauseQueue(_queueId: string, _reason?: string): Promise<void> {
    return unsupported(this.dialect, 'pause queue work')
  }
  async resumeQueue(_queueId: string): Promise<void> {
    return unsupported(this.dialect, 'resume queue work')
  }
  async voicemails(): Promise<Voicemail[]> {
    return unsupported(this.dialect, 'list voicemail')
  }
  async voicemailAudio(_voicemail: Voicemail): Promise<MediaFile> {
    return unsupported(this.dialect, 'play voicemail')
  }
  async deleteVoicemail(_voicemail: Voicemail): Promise<void> {
    return unsupported(this.dialect, 'delete voicemail')
  }
  async markVoicemailHeard(_voicemail: Voicemail): Promise<void> {
    return unsupported(this.dialect, 'mark voicemail as heard')
  }
  async recording(_recordingId: string): Promise<MediaFile> {
    return unsupported(this.dialect, 'play recordings')
  }
  async history(_since: number, _until: number): Promise<CallRecord[]> {
    return unsupported(this.dialect, 'show call history')
  }
  async searchContacts(_query: string): Promise<Contact[]> {
    return unsupported(this.dialect, 'search contacts')
  }
  async addContact(_contact: Omit<Contact, 'id' | 'accountId'>): Promise<Contact> {
    return unsupported(this.dialect, 'add contacts')
  }
  async chatRooms(): Promise<ChatRoom[]> {
    return unsupported(this.dialect, 'chat')
  }
  async chatMessages(_roomId: string, _before?: number, _count?: number): Promise<ChatMessage[]> {
    return unsupported(this.dialect, 'chat')
  }
  async sendChat(_roomId: string, _text: string): Promise<ChatMessage> {
    return unsupported(this.dialect, 'chat')
  }
  async flows(): Promise<Flow[]> {
    return unsupported(this.dialect, 'switch day/night flows')
  }
  async setFlow(_flowId: string, _active: boolean): Promise<void> {
    return unsupported(this.dialect, 'switch day/night flows')
  }
  async close(): Promise<void> {}
}
