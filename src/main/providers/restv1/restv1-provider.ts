/**
 * The REST API ver1.0 dialect (seeds 002/003, docs/dialects/restv1.md). Live
 * calls and presence are in restv1-live.ts, what stays after a call in
 * restv1-records.ts, transport and tokens in restv1-client.ts. Features no
 * document names are probed once (offers.ts) and switched off when absent.
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
import { BaseProvider, type DialOptions, type Identity, type MediaFile } from '../provider'
import { Offers, type CapabilityListener } from '../offers'
import { parseUser } from './parse'
import { dialable, RestV1CallControl } from './restv1-call-control'
import { RestV1Client } from './restv1-client'
import { RestV1Directory } from './restv1-directory'
import { RestV1Live } from './restv1-live'
import { RestV1Queues } from './restv1-queues'
import { RestV1Records } from './restv1-records'
import type { Own } from './normalise'
import { pathId } from './validate'

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

export class RestV1Provider extends BaseProvider {
  readonly dialect = 'restv1' as const
  private readonly offers = new Offers([
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
  ] satisfies Capability[])

  private readonly client: RestV1Client
  private readonly now: () => number
  private readonly queueWork: RestV1Queues
  private readonly records: RestV1Records
  private readonly control: RestV1CallControl
  private readonly live: RestV1Live
  private own: Own | undefined
  private identifying: Promise<Own> | undefined
  private readonly directory: RestV1Directory

  /** What this PBX offers; shrinks when a probe finds a feature missing. */
  get capabilities(): ReadonlySet<Capability> {
    return this.offers.capabilities
  }

  onCapabilitiesChanged(listener: CapabilityListener): () => void {
    return this.offers.onChange(listener)
  }

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
    this.records = new RestV1Records(this.client, this.offers, this.now)
    this.live = new RestV1Live(this.client, accountId, this.now)
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
    // A configured id is checked before any request; one the PBX gives, once it has.
    if (extensionId) pathId(extensionId, 'extension id')
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
    pathId(extensionId, 'extension id')
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
    const configured = this.settings.extensionId?.trim()
    if (configured) pathId(configured, 'extension id')
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

  override async presence(): Promise<Presence[]> {
    return this.live.presence(await this.directory.get())
  }

  override async calls(): Promise<Call[]> {
    const own = await this.ownOrIdentify()
    return this.live.calls(own, await this.directory.get())
  }

  /** Actions change the office: presence must not reuse the call list from before. */
  private async acting(run: (own: Own) => Promise<void>): Promise<void> {
    await run(await this.ownOrIdentify())
    this.live.stale()
  }

  override async dial(number: string, options: DialOptions = {}): Promise<{ callId?: string }> {
    dialable(number)
    const own = await this.ownOrIdentify()
    const result = await this.control.dial(own, number, options)
    this.live.memory.placed(result.callId)
    this.live.stale()
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
    // The caller waits on hold while the consultation rings (the list cannot say so).
    this.live.memory.hold(call.id)
  }

  override async hold(call: Call): Promise<void> {
    await this.acting((own) => this.control.act(own, call, 'hold'))
    this.live.memory.hold(call.id)
  }

  override async resume(call: Call): Promise<void> {
    await this.acting((own) => this.control.act(own, call, 'offhold'))
    this.live.memory.release(call.id)
  }

  /** Taking the held caller off hold while a consultation is open abandons it. */
  override async cancelAttendedTransfer(_consultation: Call, original: Call): Promise<void> {
    await this.acting((own) => this.control.act(own, original, 'offhold'))
    this.live.memory.release(original.id)
  }

  override async park(call: Call): Promise<void> {
    await this.acting((own) => this.control.act(own, call, 'park'))
    this.live.memory.park(call.id)
  }

  override async parkedCalls(): Promise<ParkedCall[]> {
    const own = await this.ownOrIdentify()
    return this.records.parked(own, await this.directory.get(), this.accountId)
  }

  /** A parked call is bridged from its slot; a call ringing elsewhere is answered here. */
  override async pickup(target: Call | ParkedCall): Promise<void> {
    await this.acting((own) =>
      'slot' in target ? this.control.bridge(own, target) : this.control.act(own, target, 'pickup'),
    )
    this.live.memory.release(target.id)
  }

  /** The call ringing at a colleague's phone (no answer time yet), answered here. */
  override async pickupAt(extension: string): Promise<void> {
    const ringing = await this.live.ringingAt(extension, await this.directory.get())
    await this.acting((own) => this.control.pickupFor(own, ringing.extensionId, ringing.callApiId))
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
    return this.records.recording(await this.ownOrIdentify(), recordingId)
  }

  override async history(since: number, until: number): Promise<CallRecord[]> {
    const own = await this.ownOrIdentify()
    return this.records.history(own, await this.directory.get(), this.live.ownCallIds, since, until)
  }

  override async close(): Promise<void> {
    this.client.close()
  }
}
