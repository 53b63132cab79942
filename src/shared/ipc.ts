/**
 * THE contract between main and renderer. Every request channel has one argument
 * schema (validated in main at run time) and one result type; every pushed event
 * has one payload type. Preload, bridge and handlers are all typed from here.
 */
import type { Notice } from './notice'
import { z } from 'zod'
import { accountConfigSchema, accountIdSchema, type AccountConfig } from './account-config'
import { preferencesPatchSchema, type Preferences } from './preferences'
import type {
  AccountStatus,
  AccountSummary,
  AppInfo,
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
} from './model'
import type { Result } from './result'
import type { LiveCallEvent, MissedCallEvent } from './call-events'
import { eventNames } from './ipc-channels'

const noArgument = z.undefined()
const id = z.string().min(1).max(200)
const callRef = z.object({ accountId: accountIdSchema, callId: id })
/** Raw user input; main parses it with shared/dialable.ts before anything is dialled. */
const numberInput = z.string().min(1).max(256)

/** One schema per request channel: the argument main accepts, checked before any handler runs. */
export const requestSchemas = {
  'app:info': noArgument,
  'accounts:list': noArgument,
  'state:snapshot': noArgument,
  'call:dial': z.object({ accountId: accountIdSchema, number: numberInput }),
  /**
   * Call a colleague the board, the palette or Contacts shows: by the presence
   * entry's extension as main listed it (a jade login may be a name), checked in
   * main against the account's own presence list, never parsed as a typed number.
   */
  'call:colleague': z.object({ accountId: accountIdSchema, extension: z.string().min(1).max(64) }),
  /** Call a Contacts search result that has no number, by the id main handed out in that search. */
  'call:contact': z.object({ accountId: accountIdSchema, contactId: id }),
  'call:hangup': callRef,
  'call:transfer': callRef.extend({ destination: numberInput, attended: z.boolean() }),
  'call:hold': callRef.extend({ hold: z.boolean() }),
  /** `callId`: the consultation call of an attended transfer. */
  'call:cancelTransfer': callRef,
  'call:park': callRef,
  'call:pickup': callRef,
  /** `callId`: a call's id on the parked list. */
  'call:hangupParked': callRef,
  'call:pickupAt': z.object({
    accountId: accountIdSchema,
    extension: z.string().regex(/^[0-9*#+]{1,32}$/),
  }),
  'queue:pause': z.object({
    accountId: accountIdSchema,
    queueId: id,
    reason: z.string().trim().max(80).optional(),
  }),
  'queue:resume': z.object({ accountId: accountIdSchema, queueId: id }),
  'voicemail:delete': z.object({ accountId: accountIdSchema, voicemailId: id }),
  'voicemail:markHeard': z.object({ accountId: accountIdSchema, voicemailId: id }),
  'history:list': z.object({ accountId: accountIdSchema }),
  'contacts:search': z.object({ accountId: accountIdSchema, query: z.string().max(64) }),
  'contacts:add': z.object({
    accountId: accountIdSchema,
    name: z.string().trim().min(1).max(80),
    number: numberInput,
    company: z.string().trim().max(80).optional(),
    email: z.string().trim().email().max(120).optional(),
  }),
  /** The account's day/night flows, read when a window asks (not part of the snapshot). */
  'flows:list': z.object({ accountId: accountIdSchema }),
  'flow:set': z.object({ accountId: accountIdSchema, flowId: id, active: z.boolean() }),
  'chat:rooms': z.object({ accountId: accountIdSchema }),
  'chat:messages': z.object({
    accountId: accountIdSchema,
    roomId: id,
    before: z.number().int().nonnegative().optional(),
    count: z.number().int().min(1).max(100).optional(),
  }),
  'chat:send': z.object({
    accountId: accountIdSchema,
    roomId: id,
    text: z.string().trim().min(1).max(4000),
  }),
  'accounts:configs': noArgument,
  'accounts:test': z.object({
    config: accountConfigSchema,
    secret: z.string().min(1).max(1000),
    adminSecret: z.string().min(1).max(1000).optional(),
  }),
  /** A missing secret keeps the stored one (editing an account). */
  'accounts:save': z.object({
    config: accountConfigSchema,
    secret: z.string().min(1).max(1000).optional(),
    adminSecret: z.string().min(1).max(1000).optional(),
  }),
  'accounts:remove': z.object({ accountId: accountIdSchema }),
  /** "Sign in again": the account's session signs in at once (after a refusal, an outage). */
  'accounts:reconnect': z.object({ accountId: accountIdSchema }),
  'crm:open': callRef,
  /** Ask the user, in a native dialog showing the site, to allow the CRM address's origin. */
  'crm:confirm': noArgument,
  /** "Open contact" from the popup window: the main window comes forward on the caller. */
  'contact:show': callRef,
  'settings:get': noArgument,
  'settings:set': preferencesPatchSchema,
  /** A line from the renderer (an uncaught error, a failed load) for main's log file. */
  'log:write': z.object({
    level: z.enum(['debug', 'info', 'warn', 'error']),
    message: z.string().min(1).max(2000),
  }),
  /** Version, OS, account dialects and states, last log lines: redacted, for the helpdesk. */
  'diagnostics:copy': noArgument,
  /** The update downloaded and waiting, if any (a window opened later asks). */
  'update:status': noArgument,
  /** "Restart to update": now, or once no call is up. */
  'update:restart': noArgument,
} as const satisfies Record<string, z.ZodType>

export type RequestChannel = keyof typeof requestSchemas
export type RequestArg<C extends RequestChannel> = z.input<(typeof requestSchemas)[C]>
export type ParsedArg<C extends RequestChannel> = z.output<(typeof requestSchemas)[C]>

/** The whole picture a (re)loading window starts from; deltas follow as events. */
export interface StateSnapshot {
  accounts: AccountSummary[]
  statuses: AccountStatus[]
  capabilities: Record<string, Capability[]>
  presence: Presence[]
  calls: Call[]
  parked: ParkedCall[]
  queues: QueueMembership[]
  voicemail: Voicemail[]
  /**
   * Calls missed since Switchboard started, newest first per account, for accounts
   * whose PBX keeps no call history (jade): all the History screen can show for them.
   */
  missed: CallRecord[]
}

/** The CRM page built for a call; `opened: false` in the browser shell (the page opens it). */
export interface ScreenPopResult {
  url: string
  opened: boolean
}

export interface RequestResults {
  'app:info': AppInfo
  'accounts:list': AccountSummary[]
  'state:snapshot': StateSnapshot
  'call:dial': { number: string; callId?: string }
  'call:colleague': { name: string; callId?: string }
  'call:contact': { callId?: string }
  'call:hangup': null
  'call:transfer': null
  'call:hold': null
  'call:cancelTransfer': null
  'call:park': null
  'call:pickup': null
  'call:hangupParked': null
  'call:pickupAt': null
  'queue:pause': null
  'queue:resume': null
  'voicemail:delete': null
  'voicemail:markHeard': null
  'history:list': CallRecord[]
  'contacts:search': Contact[]
  'contacts:add': Contact
  'flows:list': Flow[]
  'flow:set': null
  'chat:rooms': ChatRoom[]
  'chat:messages': ChatMessage[]
  'chat:send': ChatMessage
  'accounts:configs': AccountConfig[]
  'accounts:test': ConnectionTest
  'accounts:save': AccountSummary[]
  'accounts:remove': AccountSummary[]
  'accounts:reconnect': null
  'crm:open': ScreenPopResult
  'crm:confirm': Preferences
  'contact:show': null
  'settings:get': Preferences
  'settings:set': Preferences
  'log:write': null
  /** `copied: false` where main has no clipboard (the browser bridge): the page copies `text`. */
  'diagnostics:copy': { text: string; copied: boolean }
  'update:status': { version: string | null }
  'update:restart': { answer: RestartAnswer }
}

/** `after-call`: a call is up; the app restarts by itself once no call is left. */
export type RestartAnswer = 'restarting' | 'after-call' | 'nothing-to-install'

export type RequestResult<C extends RequestChannel> = RequestResults[C]

/** Events main pushes to every window. */
export interface EventPayloads {
  'accounts:changed': AccountSummary[]
  'status:changed': AccountStatus
  /** Only the entries that changed, and the extensions that disappeared. */
  'presence:changed': { accountId: string; changed: Presence[]; removed: string[] }
  /** The account's whole list of live calls (it is short). */
  'calls:changed': { accountId: string; calls: Call[] }
  /** The session's own event, as it is (never `late`: a live call is seen as it happens). */
  'call:event': LiveCallEvent
  /** `late`: found afterwards in the history. */
  'call:missed': MissedCallEvent
  /**
   * The account's missed calls main keeps because its PBX keeps no call history,
   * newest first (the snapshot's `missed` carries the same). The window shows them
   * as sent: main alone de-duplicates and caps them.
   */
  'missed:changed': { accountId: string; missed: CallRecord[] }
  'parked:changed': { accountId: string; parked: ParkedCall[] }
  'queues:changed': { accountId: string; queues: QueueMembership[] }
  'voicemail:changed': { accountId: string; voicemail: Voicemail[] }
  /**
   * A message arrived after the account's first sign-in (also while the app was
   * closed); once per message, across restarts. The list comes with voicemail:changed.
   */
  'voicemail:new': { accountId: string; voicemail: Voicemail }
  'flows:changed': { accountId: string; flows: Flow[] }
  /** A probe found this PBX does not offer `notOffered` (a capability name); what is left. */
  'capabilities:changed': { accountId: string; capabilities: Capability[]; notOffered: string }
  'settings:changed': Preferences
  'chat:message': ChatMessage
  /**
   * A number arrived from outside the window (a tel: link, the dial shortcut, the
   * tray) and waits for the agent to confirm it; already parsed and validated.
   */
  'dial:request': DialRequest
  /** Show the phone book on this number (the caller's, taken from main's own call record). */
  'contact:show': { accountId: string; number: string }
  /** Something the user should read (start-up problems, refused links, …). */
  notice: Notice
  /** An update was downloaded: the window offers "Restart to update". */
  'update:ready': { version: string }
}

/** What "Test connection" learned: who the credentials belong to. */
export interface ConnectionTest {
  ownExtension: string
  displayName?: string
  details: Record<string, string>
  /** PBXCloud: the tenant's phone books (PLATFORM-FACTS P9), to pick one from. */
  phonebooks?: string[]
}

export interface DialRequest {
  number: string
  display: string
  source: 'link' | 'shortcut' | 'tray' | 'clipboard'
  /**
   * The number holds `*` or `#`: a PBX feature code (forwarding, pickup…). Always
   * asked about, whatever `confirmDial` says; the window should say what it is.
   */
  featureCode?: true
}

export type EventName = keyof EventPayloads

/** Invoke arguments: channels without an argument take none. */
export type InvokeArgs<C extends RequestChannel> =
  undefined extends RequestArg<C> ? [arg?: RequestArg<C>] : [arg: RequestArg<C>]

/** `window.switchboard`: exactly this, in Electron (preload) and in the browser bridge (shim). */
export interface SwitchboardApi {
  invoke<C extends RequestChannel>(
    channel: C,
    ...args: InvokeArgs<C>
  ): Promise<Result<RequestResult<C>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}

export { IPC_EVENT, IPC_INVOKE, eventNames } from './ipc-channels'

// Compile-time guard: every channel has a result type and every result type a channel.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const contractIsComplete: Exact<keyof RequestResults, RequestChannel> = true
const eventsAreListed: Exact<(typeof eventNames)[number], EventName> = true
void contractIsComplete
void eventsAreListed
