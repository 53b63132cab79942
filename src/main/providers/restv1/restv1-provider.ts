/**
 * The REST API ver1.0 dialect (seeds 002/003, docs/dialects/restv1.md). One
 * client-level `current_calls` request per tick gives every live call; one
 * `/extension/registration/` request gives every phone's registration; the
 * presence board reuses the latest call list, so a whole office costs two
 * requests per tick. Transport and tokens live in restv1-client.ts.
 */
import type {
  Call,
  CallRecord,
  Capability,
  ParkedCall,
  Presence,
  QueueMembership,
  Voicemail,
} from '../../../shared/model'
import { AppError } from '../../../shared/result'
import {
  BaseProvider,
  callElsewhere,
  type DialOptions,
  type Identity,
  type MediaFile,
} from '../provider'
import {
  answererOf,
  ownCalls,
  parkedFrom,
  presenceFrom,
  Registrations,
  ringingAt,
  type Own,
} from './normalise'
import { parseCallList, parseRegistrations, parseSlots, parseUser, type CallRow } from './parse'
import { dialable, RestV1CallControl } from './restv1-call-control'
import { RestV1Client } from './restv1-client'
import { RestV1Directory } from './restv1-directory'
import { RestV1Queues } from './restv1-queues'
import { RestV1Records } from './restv1-records'

export interface RestV1Settings {
  /** Default `https://apiproxy.telphin.ru`. */
  host?: string
  clientId: string
  /** The agent's extension id; found through `GET /user/` when not given. */
  extensionId?: string
  /** The agent's short number; read from the extension list when not given. */
  ownExtension?: string
}

export interface RestV1Options {
  timeoutMs?: number
  now?: () => number
}

export const DEFAULT_RESTV1_HOST = 'https://apiproxy.telphin.ru'
/** Presence reuses the call list polled this recently instead of asking again. */
const CALLS_FRESH_MS = 15_000
const MAX_OWN_CALL_IDS = 500

export class RestV1Provider extends BaseProvider {
  readonly dialect = 'restv1' as const
  readonly capabilities: ReadonlySet<Capability> = new Set<Capability>([
    'presence',
    'calls',
    'dial',
    'hangup',
    'transfer',
    'attended_transfer',
    'hold',
    'park',
    'parked_calls',
    'pickup',
    'queues',
    'queue_pause',
    'voicemail',
    'voicemail_delete',
    'voicemail_mark_heard',
    'recordings',
    'history',
  ])

  private readonly client: RestV1Client
  private readonly now: () => number
  private readonly queueWork: RestV1Queues
  private readonly records: RestV1Records
  private readonly control: RestV1CallControl
  private own: Own | undefined
  private identifying: Promise<Own> | undefined
  private readonly directory: RestV1Directory
  private lastCalls: { rows: CallRow[]; at: number } | undefined
  /** The lamps of the last presence poll, made again only where they changed. */
  private lamps: Presence[] = []
  /** Calls that were on this agent's phone (as last seen there), to tell where they went. */
  private readonly wasHere = new Map<string, Call>()
  /** Ids of calls that were this agent's, so history finds queue calls that name only the queue. */
  private readonly ownCallIds = new Set<string>()

  constructor(
    accountId: string,
    private readonly settings: RestV1Settings,
    clientSecret: string,
    options: RestV1Options = {},
  ) {
    super(accountId)
    this.now = options.now ?? Date.now
    const clientOptions = {
      host: settings.host || DEFAULT_RESTV1_HOST,
      clientId: settings.clientId,
      clientSecret,
      stats: this.stats,
      now: this.now,
    }
    this.client = new RestV1Client(
      options.timeoutMs === undefined
        ? clientOptions
        : { ...clientOptions, timeoutMs: options.timeoutMs },
    )
    this.queueWork = new RestV1Queues(this.client, accountId, this.now)
    this.records = new RestV1Records(this.client, this.now)
    this.control = new RestV1CallControl(this.client)
    this.directory = new RestV1Directory(this.client, this.now)
  }

  private async getText(
    path: string,
    query: readonly (readonly [string, string])[] = [],
  ): Promise<string> {
    return (await this.client.request({ path, query })).text()
  }

  /** Who the agent is: the configured extension id, or the user's own from `GET /user/`. */
  private async identify(): Promise<{ own: Own; login: string; client: string }> {
    let extensionId = this.settings.extensionId?.trim() ?? ''
    let login = ''
    let client = ''
    if (!extensionId) {
      const user = parseUser(await this.getText('/user/'))
      extensionId = user.extension_id
      login = user.login
      client = user.client_id
      if (!extensionId)
        throw new AppError(
          'invalid_argument',
          'This API user has no extension of its own; enter the extension id in the account settings.',
        )
    }
    const directory = await this.directory.get(true)
    const entry = directory.byId.get(extensionId)
    const number = this.settings.ownExtension?.trim() || entry?.number || extensionId
    return { own: { accountId: this.accountId, extensionId, number }, login, client }
  }

  /** The agent, identified once; polls that start together share the one `/user/` request. */
  private async ownOrIdentify(): Promise<Own> {
    if (this.own) return this.own
    this.identifying ??= this.identify()
      .then(({ own }) => (this.own = own))
      .finally(() => {
        this.identifying = undefined
      })
    return this.identifying
  }

  override async signIn(): Promise<Identity> {
    await this.client.signIn()
    const { own, login, client } = await this.identify()
    this.own = own
    const identity: Identity = { ownExtension: own.number }
    const entry = this.directory.current.byId.get(own.extensionId)
    if (entry && entry.name !== entry.number) identity.displayName = entry.name
    identity.details = { extensionId: own.extensionId }
    if (login) identity.details.login = login
    if (client) identity.details.client = client
    return identity
  }

  private async currentCalls(): Promise<CallRow[]> {
    const rows = parseCallList(await this.getText('/client/@me/current_calls/'))
    this.lastCalls = { rows, at: this.now() }
    return rows
  }

  override async presence(): Promise<Presence[]> {
    const directory = await this.directory.get()
    const phones = directory.phones.map((e) => e.id)
    const registrations = new Registrations(directory)
    // The API takes at most 100 ids per request.
    for (let i = 0; i < phones.length; i += 100) {
      const query = phones.slice(i, i + 100).map((id) => ['extension_id', id] as const)
      registrations.add(parseRegistrations(await this.getText('/extension/registration/', query)))
    }
    const fresh = this.lastCalls && this.now() - this.lastCalls.at <= CALLS_FRESH_MS
    const calls = fresh && this.lastCalls ? this.lastCalls.rows : await this.currentCalls()
    const now = this.now()
    this.lamps = presenceFrom(directory, registrations, calls, this.accountId, now, this.lamps)
    return this.lamps
  }

  override async calls(): Promise<Call[]> {
    const own = await this.ownOrIdentify()
    const directory = await this.directory.get()
    const rows = await this.currentCalls()
    const calls = ownCalls(rows, own, directory, this.now())
    const present = new Set(calls.map((call) => call.id))
    const listed = new Set(rows.map((row) => row.call_api_id))
    // A call that was here and is now only on colleagues' phones: answered there, or
    // passed on (transferred) to one of them.
    for (const [id, earlier] of this.wasHere) {
      if (present.has(id)) continue
      if (!listed.has(id)) {
        this.wasHere.delete(id)
        continue
      }
      const answerer = answererOf(rows, id, own, directory)
      const colleague = answerer ?? ringingAt(rows, id, own, directory)
      if (colleague) calls.push(callElsewhere(earlier, colleague, answerer !== undefined))
    }
    for (const call of calls) {
      if (!present.has(call.id)) continue
      this.wasHere.set(call.id, call)
      this.remember(call.id)
    }
    return calls
  }

  private remember(callId: string): void {
    this.ownCallIds.add(callId)
    if (this.ownCallIds.size > MAX_OWN_CALL_IDS) {
      const oldest = this.ownCallIds.values().next().value
      if (oldest !== undefined) this.ownCallIds.delete(oldest)
    }
  }

  /** Actions change the office: presence must not reuse the call list from before. */
  private async acting(run: (own: Own) => Promise<void>): Promise<void> {
    await run(await this.ownOrIdentify())
    this.lastCalls = undefined
  }

  override async dial(number: string, options: DialOptions = {}): Promise<{ callId?: string }> {
    dialable(number)
    const own = await this.ownOrIdentify()
    const result = await this.control.dial(own, number, options)
    this.lastCalls = undefined
    return result
  }

  override async hangup(call: Call): Promise<void> {
    await this.acting((own) => this.control.hangup(own, call))
  }

  override async transfer(call: Call, destination: string): Promise<void> {
    dialable(destination)
    await this.acting((own) => this.control.act(own, call, 'transfer', destination))
  }

  /** Starts the consultation; hanging up the consultation call completes the transfer. */
  override async attendedTransfer(call: Call, destination: string): Promise<void> {
    dialable(destination)
    await this.acting((own) => this.control.act(own, call, 'attended_transfer', destination))
  }

  override async hold(call: Call): Promise<void> {
    await this.acting((own) => this.control.act(own, call, 'hold'))
  }

  override async resume(call: Call): Promise<void> {
    await this.acting((own) => this.control.act(own, call, 'offhold'))
  }

  /** Taking the held caller off hold while a consultation is open abandons it. */
  override async cancelAttendedTransfer(_consultation: Call, original: Call): Promise<void> {
    await this.acting((own) => this.control.act(own, original, 'offhold'))
  }

  override async park(call: Call): Promise<void> {
    await this.acting((own) => this.control.act(own, call, 'park'))
  }

  override async parkedCalls(): Promise<ParkedCall[]> {
    const own = await this.ownOrIdentify()
    const directory = await this.directory.get()
    const slots = parseSlots(await this.getText(`/extension/${own.extensionId}/valet_park/`))
    return parkedFrom(slots, directory, this.accountId, this.now())
  }

  /** A parked call is bridged from its slot; a call ringing elsewhere is answered here. */
  override async pickup(target: Call | ParkedCall): Promise<void> {
    await this.acting((own) =>
      'slot' in target ? this.control.bridge(own, target) : this.control.act(own, target, 'pickup'),
    )
  }

  /** The call ringing at a colleague's phone, answered here. */
  override async pickupAt(extension: string): Promise<void> {
    const directory = await this.directory.get()
    const phone = directory.byNumber.get(extension)
    const rows = await this.currentCalls()
    const row = rows.find(
      (r) => phone && r.extension_id === phone.id && r.call_state.toLowerCase() === 'ringing',
    )
    if (!row) throw new AppError('not_found', `Nothing is ringing at ${extension} now.`)
    await this.acting((own) =>
      this.control.act(
        own,
        {
          id: row.call_api_id,
          accountId: this.accountId,
          direction: 'inbound',
          state: 'ringing',
          local: { number: extension },
          remote: { number: row.caller_id_number },
          startedAt: this.now(),
          handle: { callApiId: row.call_api_id },
        },
        'pickup',
      ),
    )
  }

  override async queues(): Promise<QueueMembership[]> {
    return this.queueWork.memberships(await this.ownOrIdentify(), await this.directory.get())
  }

  override async pauseQueue(queueId: string, reason?: string): Promise<void> {
    await this.queueWork.setStatus(await this.ownOrIdentify(), queueId, 'logged_out', reason)
  }

  override async resumeQueue(queueId: string): Promise<void> {
    await this.queueWork.setStatus(await this.ownOrIdentify(), queueId, 'available')
  }

  override async voicemails(): Promise<Voicemail[]> {
    return this.records.voicemails(await this.ownOrIdentify())
  }

  override async voicemailAudio(voicemail: Voicemail): Promise<MediaFile> {
    return this.records.voicemailAudio(await this.ownOrIdentify(), voicemail)
  }

  override async deleteVoicemail(voicemail: Voicemail): Promise<void> {
    await this.records.deleteVoicemail(await this.ownOrIdentify(), voicemail)
  }

  override async markVoicemailHeard(voicemail: Voicemail): Promise<void> {
    await this.records.markVoicemailHeard(await this.ownOrIdentify(), voicemail)
  }

  override async recording(recordingId: string): Promise<MediaFile> {
    return this.records.recording(recordingId)
  }

  override async history(since: number, until: number): Promise<CallRecord[]> {
    const own = await this.ownOrIdentify()
    return this.records.history(own, await this.directory.get(), this.ownCallIds, since, until)
  }

  /** Marks a chat read for this extension. Not `chat`: the seed can neither list nor send. */
  async markChatRead(chatId: string): Promise<void> {
    await this.records.markChatRead(await this.ownOrIdentify(), chatId)
  }

  /** Deletes a chat's messages for this extension. */
  async deleteChatMessages(chatId: string): Promise<void> {
    await this.records.deleteChatMessages(await this.ownOrIdentify(), chatId)
  }

  override async close(): Promise<void> {
    this.client.close()
  }
}
