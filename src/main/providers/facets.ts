/**
 * What a provider can do is the set of FACETS it implements: groups of optional
 * methods on the provider. Its capabilities are derived from those methods
 * (`deriveCapabilities`), never listed by hand, so a capability can never be
 * declared without a method behind it, nor a method exist that the session does
 * not know about. The core reaches a facet's method through `need()`, which
 * answers a missing one with the typed `not_offered` error.
 */
import type {
  Call,
  CallRecord,
  Capability,
  ChatMessage,
  ChatRoom,
  Contact,
  Flow,
  ParkedCall,
  Presence,
  QueueMembership,
  Voicemail,
} from '../../shared/model'
import { notOffered, type CapabilityListener } from './offers'

export interface MediaFile {
  contentType: string
  data: Buffer
}

export interface DialOptions {
  /** Caller id to present, where the dialect allows. */
  callerId?: string
}

/** What a live change notice says changed: the session polls that kind at once. */
export type PushKind = 'calls' | 'presence' | 'chat' | 'parked' | 'queues'

/** `resync`: not a change but the catch-up after a (re)connect (events may have been missed). */
export type PushListener = (kind: PushKind, resync: boolean) => void

/** Whether pushed events arrive; when not, why, in words (no secret). */
export interface PushEvents {
  live: boolean
  reason?: string
  /** The kinds whose changes arrive as events now (from the sockets that are open). */
  covers?: readonly PushKind[]
}

export interface PresenceFacet {
  presence(): Promise<Presence[]>
}

export interface CallsFacet {
  /**
   * The agent's calls. A call that was on the agent's phone and now rings or talks
   * only at a colleague's is listed too, as `callElsewhere` makes it, so the session
   * can tell a colleague's answer or a transfer from a hang-up.
   */
  calls(): Promise<Call[]>
}

/** Call control: each action is its own option, since dialects offer different subsets. */
export interface CallControlFacet {
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
  /** Pick up a ringing call (or a parked one). */
  pickup(target: Call | ParkedCall): Promise<void>
  /** Pick up the call ringing at a colleague's extension (from the presence board). */
  pickupAt(extension: string): Promise<void>
  /**
   * Call a colleague this provider listed in presence, by that entry's extension
   * as listed (jade: a login may be a name; it calls the user behind it). A dialect
   * without it dials the extension as a number.
   */
  dialColleague(extension: string): Promise<{ callId?: string }>
  /** Call a contact its own search returned without a number, by that contact's id. */
  dialContact(contactId: string): Promise<{ callId?: string }>
}

export interface ParkingFacet {
  park(call: Call): Promise<void>
  parkedCalls(): Promise<ParkedCall[]>
  /** End a call waiting in a park slot (the caller is hung up). */
  hangupParked(parked: ParkedCall): Promise<void>
}

export interface QueuesFacet {
  queues(): Promise<QueueMembership[]>
  /** A dialect that keeps no reason ignores `reason` (see `pauseQueueWithReason`). */
  pauseQueue(queueId: string, reason?: string): Promise<void>
  resumeQueue(queueId: string): Promise<void>
  /** Option `queue_pause_reason`: a pause whose free-text reason the PBX keeps. */
  pauseQueueWithReason(queueId: string, reason: string): Promise<void>
}

export interface VoicemailFacet {
  voicemails(): Promise<Voicemail[]>
  voicemailAudio(voicemail: Voicemail): Promise<MediaFile>
  deleteVoicemail(voicemail: Voicemail): Promise<void>
  markVoicemailHeard(voicemail: Voicemail): Promise<void>
}

export interface HistoryFacet {
  /** Calls between `since` and `until` (epoch ms), oldest first. */
  history(since: number, until: number): Promise<CallRecord[]>
  /** The audio of a recording, by the `recordingId` a CallRecord carries. */
  recording(recordingId: string): Promise<MediaFile>
}

export interface ContactsFacet {
  searchContacts(query: string): Promise<Contact[]>
  addContact(contact: Omit<Contact, 'id' | 'accountId'>): Promise<Contact>
}

export interface ChatFacet {
  chatRooms(): Promise<ChatRoom[]>
  /** Messages before `before` (epoch ms; newest when absent), newest last. */
  chatMessages(roomId: string, before?: number, count?: number): Promise<ChatMessage[]>
  sendChat(roomId: string, text: string): Promise<ChatMessage>
}

export interface FlowsFacet {
  flows(): Promise<Flow[]>
  setFlow(flowId: string, active: boolean): Promise<void>
}

export interface PushFacet {
  /**
   * Live change notices from the PBX. Each notice names a kind to poll now; after
   * a reconnect every kind is named once with `resync` set, so nothing missed
   * while away stays missed. Returns the unsubscribe function.
   */
  subscribe(onChange: PushListener, onEvents?: (events: PushEvents) => void): () => void
  /** For Test connection, whether the event socket answers, in words. */
  checkEvents(): Promise<string>
}

/** Every facet method; a provider implements any subset (all optional). */
export type FacetMethods = PresenceFacet &
  CallsFacet &
  CallControlFacet &
  ParkingFacet &
  QueuesFacet &
  VoicemailFacet &
  HistoryFacet &
  ContactsFacet &
  ChatFacet &
  FlowsFacet &
  PushFacet

export type FacetMethod = keyof FacetMethods

export type Facets = Partial<FacetMethods>

/**
 * Each capability and the methods that must all be present for it. A capability
 * that refines another (an option, e.g. `voicemail_delete`) lists its base's
 * methods too, so an option never outlives the facet it belongs to.
 */
export const capabilityMethods: Readonly<Record<Capability, readonly FacetMethod[]>> = {
  presence: ['presence'],
  calls: ['calls'],
  dial: ['dial'],
  hangup: ['hangup'],
  transfer: ['transfer'],
  attended_transfer: ['attendedTransfer', 'cancelAttendedTransfer'],
  hold: ['hold', 'resume'],
  park: ['park'],
  pickup: ['pickup', 'pickupAt'],
  parked_calls: ['parkedCalls'],
  parked_hangup: ['parkedCalls', 'hangupParked'],
  queues: ['queues'],
  queue_pause: ['queues', 'pauseQueue', 'resumeQueue'],
  queue_pause_reason: ['queues', 'pauseQueue', 'resumeQueue', 'pauseQueueWithReason'],
  voicemail: ['voicemails', 'voicemailAudio'],
  voicemail_delete: ['voicemails', 'voicemailAudio', 'deleteVoicemail'],
  voicemail_mark_heard: ['voicemails', 'voicemailAudio', 'markVoicemailHeard'],
  recordings: ['recording'],
  history: ['history'],
  contacts: ['searchContacts'],
  contacts_add: ['searchContacts', 'addContact'],
  chat: ['chatRooms', 'chatMessages', 'sendChat'],
  flows: ['flows', 'setFlow'],
  push_events: ['subscribe'],
}

const allCapabilities = Object.keys(capabilityMethods) as Capability[]

function has(provider: Facets, method: FacetMethod): boolean {
  return typeof provider[method] === 'function'
}

/** The capabilities a provider's methods back: the one source of `capabilities`. */
export function deriveCapabilities(provider: Facets): Set<Capability> {
  return new Set(allCapabilities.filter((c) => capabilityMethods[c].every((m) => has(provider, m))))
}

/** The capability a method serves (the first that lists it), for the `not_offered` words. */
export function capabilityFor(method: FacetMethod): Capability | undefined {
  return allCapabilities.find((c) => capabilityMethods[c].includes(method))
}

/**
 * A facet method bound to its provider, or the typed `not_offered` error when the
 * provider has no such facet. (A facet the PBX turned out not to offer answers
 * `not_offered` itself, through its probe in offers.ts.)
 */
export function need<M extends FacetMethod>(provider: Facets, method: M): FacetMethods[M] {
  const fn = provider[method]
  if (typeof fn !== 'function') throw notOffered(capabilityFor(method) ?? method)
  return fn.bind(provider) as FacetMethods[M]
}

export type { CapabilityListener }
