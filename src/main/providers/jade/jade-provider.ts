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
import { BaseProvider, type Identity, type PushEvents, type PushListener } from '../provider'
import { JadeClient, type JadeRequest, type Role } from './client'
import { membershipsOf, parkedOf, partnersOf } from './normalise'
import { listOf, segment, type Rec } from './parse'
import { JadeOffice } from './office'
import { contactsOf } from './people'
import { callsElsewhere, callsOf, groupByCall } from './calls'
import { JadeChat } from './chat'
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
  readonly capabilities: ReadonlySet<Capability>
  readonly client: JadeClient
  private readonly http: HttpClient
  private readonly agents: VerifyingAgent[]
  private readonly now: () => number
  private readonly admin: boolean
  private readonly office: JadeOffice
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
    const caps: Capability[] = ['presence', 'calls', 'dial', 'contacts', 'chat', 'push_events']
    if (this.admin) caps.push('hangup', 'parked_calls', 'parked_hangup', 'queues')
    this.capabilities = new Set(caps)
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

  override async presence(): Promise<Presence[]> {
    return this.office.presence(partnersOf(this.lastChannels), this.accountId)
  }

  override async calls(): Promise<Call[]> {
    const me = await this.office.self()
    const channels = this.admin
      ? await this.list('admin', '/admin/core/channels', 'channels')
      : await this.list('user', '/me/calls', 'your calls')
    if (this.admin) this.lastChannels = channels
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
   * jade calls users, not numbers (`destination_type` "user" is the only one its
   * code accepts): a colleague's extension is dialled as that user's uuid.
   */
  override async dial(number: string): Promise<{ callId?: string }> {
    const wanted = number.trim()
    const colleague = (await this.office.colleaguesNow()).find(
      (b) => b.extension !== '' && b.extension === wanted,
    )
    if (!colleague)
      throw new AppError(
        'unsupported',
        'This PBX (jade) can only call colleagues whose phone it lists; it cannot dial other numbers.',
        undefined,
        { code: 'not_offered', params: { feature: 'dial_number' } },
      )
    await this.client.call('user', '/me/calls', {
      method: 'POST',
      body: { destination_type: 'user', destination: colleague.userId },
      what: 'the call',
    })
    return {}
  }

  override async hangup(call: Call): Promise<void> {
    this.requireAdmin('hang up calls')
    const parkee = call.handle.parkee
    const channel = call.handle.channel
    if (!parkee && !channel)
      throw new AppError(
        'invalid_argument',
        'This call can no longer be controlled (it has changed or ended).',
      )
    const path = parkee
      ? `/admin/park/parkedcalls/${segment(parkee, 'the parked call')}`
      : `/admin/core/channels/${segment(channel ?? '', 'the call')}`
    await this.client.call('admin', path, {
      method: 'DELETE',
      what: 'that call (it may have ended)',
    })
  }

  /** Hang up a parked call (the UI's "drop" on the parked list). */
  override async hangupParked(parked: ParkedCall): Promise<void> {
    await this.hangup({
      id: parked.id,
      accountId: parked.accountId,
      direction: 'inbound',
      state: 'parked',
      local: { number: '' },
      remote: parked.caller,
      startedAt: parked.parkedAt,
      handle: parked.handle,
    })
  }

  override async parkedCalls(): Promise<ParkedCall[]> {
    this.requireAdmin('list parked calls')
    return parkedOf(
      await this.list('admin', '/admin/park/parkedcalls', 'parked calls'),
      this.accountId,
      this.now(),
    )
  }

  override async queues(): Promise<QueueMembership[]> {
    this.requireAdmin('show queues')
    const me = await this.office.self()
    const [members, queues, entries] = await Promise.all([
      this.list('admin', '/admin/queue/members', 'queue members'),
      this.list('admin', '/admin/queue/queues', 'queues'),
      this.list('admin', '/admin/queue/entries', 'queue entries'),
    ])
    return membershipsOf(members, queues, me.extension, this.accountId, {
      list: entries,
      at: this.now(),
    })
  }

  override async searchContacts(query: string): Promise<Contact[]> {
    return contactsOf(await this.office.colleaguesNow(), query.slice(0, 64), this.accountId)
  }

  override async chatRooms(): Promise<ChatRoom[]> {
    return this.chat.rooms()
  }

  override async chatMessages(
    roomId: string,
    before?: number,
    count?: number,
  ): Promise<ChatMessage[]> {
    return this.chat.history(roomId, before, count)
  }

  override async sendChat(roomId: string, message: string): Promise<ChatMessage> {
    return this.chat.send(roomId, message)
  }

  /** Live change notices over jade's WebSocket; the returned function unsubscribes. */
  subscribe(onChange: PushListener, onEvents?: (events: PushEvents) => void): () => void {
    return this.events.subscribe(onChange, onEvents)
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

  private requireAdmin(what: string): void {
    if (!this.admin)
      throw new AppError(
        'unsupported',
        `This jade account cannot ${what}: that needs an admin sign-in.`,
      )
  }

  override async close(): Promise<void> {
    this.events.stop()
    await this.client.signOut()
    this.http.close()
    for (const agent of this.agents) agent.destroy()
  }
}
