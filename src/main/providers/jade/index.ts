/**
 * The jade dialect (seed 004, docs/dialects/jade.md): an Asterisk REST server
 * signed into with HTTP Basic for an authtoken. A user account sees its own
 * device's calls, colleagues (buddies), device states and chat; an optional admin
 * account adds every channel (hang-up), parked calls and queues. Live events come
 * over a WebSocket and trigger an immediate poll (`subscribe`).
 */
import type {
  Call,
  Capability,
  ChatMessage,
  ChatRoom,
  Contact,
  ParkedCall,
  Presence,
  QueueMembership,
} from '../../../shared/model'
import { defaultEventUrl } from '../../../shared/event-url'
import { AppError } from '../../../shared/result'
import { HttpClient } from '../http'
import { deriveCapabilities } from '../facets'
import {
  BaseProvider,
  type Identity,
  type PushEvents,
  type PushKind,
  type PushListener,
} from '../provider'
import { JadeClient, type JadeRequest, type Role } from './client'
import { partnersOf } from './normalise'
import { JadeAdmin } from './admin'
import { listOf, type Rec } from './parse'
import { JadeOffice } from './office'
import { contactsOf } from './directory'
import { callsElsewhere, callsOf, groupByCall } from './calls'
import { JadeChat } from './chat'
import { callUser } from './user-calls'
import { JadeEvents } from './events'
import type { PushSocket } from './push'
import { VerifyingAgent, normaliseFingerprint, type TlsPolicy } from './tls'

export interface JadeSettings {
  /** `https://pbx.example.com:8081` (with or without `/v1`). */
  baseUrl: string
  username: string
  /** Set with `adminPassword` to see every channel, parked calls and queues. */
  adminUsername?: string
  /** SHA-256 of a certificate the user chose to trust, `AA:BB:…`. */
  pinnedFingerprint?: string
  /** Default `wss://<host of baseUrl>:8083/`. */
  wsUrl?: string
  /** Overrides the extension learnt from the user's device (`me/contacts`). */
  ownExtension?: string
}

export interface JadeSecrets {
  password: string
  adminPassword?: string
}

export interface JadeOptions {
  timeoutMs?: number
  now?: () => number
  /** WebSocket reconnect back-off and heartbeat (tests shorten them). */
  push?: { backoffBaseMs?: number; backoffCapMs?: number; heartbeatMs?: number }
  /** Device states read per presence poll (jade answers one device per request). Default 24. */
  statesPerPoll?: number
}

export class JadeProvider extends BaseProvider {
  readonly dialect = 'jade' as const
  /** Derived from the facets this account has (facets.ts): the admin ones need an admin sign-in. */
  readonly capabilities: ReadonlySet<Capability>
  readonly hangup?: (call: Call) => Promise<void>
  /** Hang up a parked call (the UI's "drop" on the parked list). */
  readonly hangupParked?: (parked: ParkedCall) => Promise<void>
  readonly parkedCalls?: () => Promise<ParkedCall[]>
  readonly queues?: () => Promise<QueueMembership[]>
  private readonly adminView?: JadeAdmin
  readonly client: JadeClient
  private readonly http: HttpClient
  private readonly agents: VerifyingAgent[]
  private readonly now: () => number
  private readonly admin: boolean
  private readonly office: JadeOffice
  /**
   * jade lists no phone states: presence reads each phone alone (office.ts), and
   * jade's own server (a self-hosted Asterisk) documents no request limit, so its
   * polling may use two and a half times the user's per-minute budget.
   */
  readonly budgetScale = 2.5
  /** The extensions the last channel list showed in a call (see `calls`). */
  private inCalls = ''
  /** Who hears the provider's own change notices (the session's subscription). */
  private readonly noticeListeners = new Set<PushListener>()
  private lastChannels: Rec[] = []
  private readonly queueOf = new Map<string, string>()
  /** Calls that were on this device (as last seen here), to tell where they went. */
  private readonly wasHere = new Map<string, Call>()
  private readonly events: JadeEvents
  private readonly chat: JadeChat

  constructor(
    accountId: string,
    private readonly settings: JadeSettings,
    secrets: JadeSecrets,
    private readonly options: JadeOptions = {},
  ) {
    super(accountId)
    this.now = options.now ?? Date.now
    const pin = settings.pinnedFingerprint ? normaliseFingerprint(settings.pinnedFingerprint) : null
    if (settings.pinnedFingerprint && !pin)
      throw new AppError('invalid_argument', 'The trusted certificate fingerprint is not SHA-256.')
    const policy: TlsPolicy = {
      label: 'the jade server',
      ...(pin ? { pinnedFingerprint: pin } : {}),
    }
    this.agents = [new VerifyingAgent(policy), new VerifyingAgent(policy, false)]
    this.http = new HttpClient({
      label: 'the jade server',
      httpsAgent: this.agents[0],
      certificatePolicy: policy,
      onRequest: () => {
        this.stats.requests++
      },
    })
    this.admin = Boolean(settings.adminUsername && secrets.adminPassword)
    const adminCredentials =
      this.admin && settings.adminUsername && secrets.adminPassword
        ? { username: settings.adminUsername, password: secrets.adminPassword }
        : undefined
    this.client = new JadeClient(
      settings.baseUrl,
      this.http,
      {
        user: { username: settings.username, password: secrets.password },
        admin: adminCredentials,
      },
      options.timeoutMs,
    )
    this.office = new JadeOffice(
      this.client,
      settings.username,
      settings.ownExtension,
      this.now,
      options.statesPerPoll,
    )
    this.chat = new JadeChat(this.client, accountId, this.now, async () => {
      const me = await this.office.self()
      const colleagues = await this.office.colleaguesNow()
      const names = new Map(colleagues.map((b) => [b.userId, b.name]))
      return { userId: me.userId, name: me.name, names: names.set(me.userId, me.name) }
    })
    this.events = new JadeEvents({
      url: settings.wsUrl ?? defaultEventUrl(settings.baseUrl),
      agent: this.agents[1] ?? this.agents[0]!,
      client: this.client,
      admin: this.admin,
      ...(options.push ? { push: options.push } : {}),
    })
    if (this.admin) {
      const admin = new JadeAdmin(this.client, this.office, accountId, this.now)
      this.adminView = admin
      this.hangup = (call) => admin.hangup(call)
      this.hangupParked = (parked) => admin.hangupParked(parked)
      this.parkedCalls = () => admin.parkedCalls()
      this.queues = () => admin.queues()
    }
    this.capabilities = deriveCapabilities(this)
  }

  private get(
    role: Role,
    path: string,
    what: string,
    query?: Record<string, string>,
  ): Promise<unknown> {
    const req: JadeRequest = query ? { what, query } : { what }
    return this.client.call(role, path, req)
  }

  private async list(
    role: Role,
    path: string,
    what: string,
    query?: Record<string, string>,
  ): Promise<Rec[]> {
    return listOf(await this.get(role, path, what, query), what)
  }

  override async signIn(): Promise<Identity> {
    this.office.forget()
    const me = await this.office.self()
    await this.office.colleaguesNow(true)
    if (this.admin) await this.client.token('admin')
    const identity: Identity = {
      ownExtension: me.extension,
      details: { user: this.settings.username, admin: this.admin ? 'yes' : 'no' },
    }
    if (me.name) identity.displayName = me.name
    return identity
  }

  async presence(): Promise<Presence[]> {
    return this.office.presence(partnersOf(this.lastChannels), this.accountId)
  }

  async calls(): Promise<Call[]> {
    const me = await this.office.self()
    const channels = this.adminView
      ? await this.adminView.channels()
      : await this.list('user', '/me/calls', 'your calls')
    if (this.adminView) {
      this.lastChannels = channels
      // jade publishes no device-state change (ami_event_devicestatechange only
      // writes its table), but its channels show who rings and talks: when that set
      // changes, the lamps are read again now instead of at the next presence poll.
      const inCalls = [...partnersOf(channels).keys()].sort().join(',')
      if (inCalls !== this.inCalls) {
        this.inCalls = inCalls
        this.notice('presence')
      }
    }
    const groups = groupByCall(channels)
    const { names } = await this.office.office()
    const ctx = { accountId: this.accountId, ownExtension: me.extension, now: this.now() }
    const calls = callsOf(groups, me.extension, {
      ...ctx,
      directory: { names },
      queueOf: this.queueOf,
    })
    for (const id of this.queueOf.keys()) if (!groups.has(id)) this.queueOf.delete(id)
    // Only the admin's view shows where a call that was here went.
    calls.push(...callsElsewhere(this.wasHere, groups, calls, me.extension, names))
    return calls
  }

  /**
   * jade calls users, not numbers (user-calls.ts): a colleague's extension is
   * dialled as that user's uuid.
   */
  async dial(number: string): Promise<{ callId?: string }> {
    return callUser(this.client, await this.office.byExtension(number.trim()))
  }

  /** A board tile's colleague, by the extension presence listed (a login may be a name). */
  async dialColleague(extension: string): Promise<{ callId?: string }> {
    return callUser(this.client, await this.office.byExtension(extension))
  }

  /** A contact `searchContacts` returned (its id is the user's uuid), with or without a device. */
  async dialContact(contactId: string): Promise<{ callId?: string }> {
    return callUser(this.client, await this.office.byUserId(contactId), 'contact')
  }

  /**
   * The colleagues matching the query; on a user-only account also the user
   * whose login is the query word (jade's one search, `/v1/me/search`), who is
   * in no list a user token can read.
   */
  async searchContacts(query: string): Promise<Contact[]> {
    const words = query.trim().slice(0, 64)
    const listed = contactsOf(await this.office.colleaguesNow(), words, this.accountId)
    if (this.admin || !/^[^\s/]+$/.test(words)) return listed
    const found = await this.office.byLogin(words)
    if (!found || listed.some((c) => c.id === found.userId)) return listed
    return [...listed, ...contactsOf([found], '', this.accountId)]
  }

  async chatRooms(): Promise<ChatRoom[]> {
    return this.chat.rooms()
  }

  async chatMessages(roomId: string, before?: number, count?: number): Promise<ChatMessage[]> {
    return this.chat.history(roomId, before, count)
  }

  async sendChat(roomId: string, message: string): Promise<ChatMessage> {
    return this.chat.send(roomId, message)
  }

  private notice(kind: PushKind): void {
    for (const listener of this.noticeListeners) listener(kind, false)
  }

  /** Live change notices over jade's WebSocket; the returned function unsubscribes. */
  subscribe(onChange: PushListener, onEvents?: (events: PushEvents) => void): () => void {
    this.noticeListeners.add(onChange)
    const off = this.events.subscribe(onChange, onEvents)
    return () => {
      this.noticeListeners.delete(onChange)
      off()
    }
  }

  /**
   * Whether live events arrive; when not, why, in words for the account's status
   * ("events unavailable, polling"). `limits` says what this account's events
   * can never tell (a user token gets no call events).
   */
  pushStatus(): PushEvents & { limits?: string } {
    return this.events.status()
  }

  /** For Test connection: whether the event socket answers, in words. */
  async checkEvents(): Promise<string> {
    return this.events.probe()
  }

  /** The sockets, for tests that watch reconnects. */
  get pushSockets(): readonly PushSocket[] {
    return this.events.sockets
  }

  override async close(): Promise<void> {
    this.events.stop()
    await this.client.signOut()
    this.http.close()
    for (const agent of this.agents) agent.destroy()
  }
}
