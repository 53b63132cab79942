/**
 * The REST API ver1.0 dialect (seeds 002/003, docs/dialects/restv1.md). Live
 * calls and presence are in calls.ts, one file per facet beside it (voicemail,
 * history, parking, queues, call-control), transport and tokens in client.ts.
 * Features no document names are probed once (offers.ts) and switched off when absent.
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
import { deriveCapabilities } from '../facets'
import { parseUser } from './parse'
import { dialable, RestV1CallControl } from './call-control'
import { RestV1Client } from './client'
import { RestV1Directory } from './directory'
import { RestV1Live } from './calls'
import { RestV1Queues } from './queues'
import { RestV1History } from './history'
import { RestV1Parking } from './parking'
import { RestV1Voicemail } from './voicemail'
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
  /** Derived from the facet methods below (facets.ts); shrinks when a probe finds one missing. */
  private readonly offers: Offers

  private readonly client: RestV1Client
  private readonly now: () => number
  private readonly queueWork: RestV1Queues
  private readonly mailbox: RestV1Voicemail
  private readonly records: RestV1History
  private readonly parking: RestV1Parking
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
    this.offers = new Offers(deriveCapabilities(this))
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
    this.mailbox = new RestV1Voicemail(this.client, this.offers, this.now)
    this.records = new RestV1History(this.client)
    this.parking = new RestV1Parking(this.client, this.offers, this.now)
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

  async presence(): Promise<Presence[]> {
    return this.live.presence(await this.directory.get())
  }

  async calls(): Promise<Call[]> {
    const own = await this.ownOrIdentify()
    return this.live.calls(own, await this.directory.get())
  }

  /** Actions change the office: presence must not reuse the call list from before. */
  private async acting(run: (own: Own) => Promise<void>): Promise<void> {
    await run(await this.ownOrIdentify())
    this.live.stale()
  }

  async dial(number: string, options: DialOptions = {}): Promise<{ callId?: string }> {
    dialable(number)
    const own = await this.ownOrIdentify()
    const result = await this.control.dial(own, number, options)
    this.live.memory.placed(result.callId)
    this.live.stale()
    return result
  }

  async hangup(call: Call): Promise<void> {
    await this.acting((own) => this.control.hangup(own, call))
  }

  async transfer(call: Call, destination: string): Promise<void> {
    dialable(destination)
    await this.acting((own) => this.control.act(own, call, 'transfer', destination))
  }

  /** Starts the consultation; hanging up the consultation call completes the transfer. */
  async attendedTransfer(call: Call, destination: string): Promise<void> {
    dialable(destination)
    await this.acting((own) => this.control.act(own, call, 'attended_transfer', destination))
    // The caller waits on hold while the consultation rings (the list cannot say so).
    this.live.memory.hold(call.id)
  }

  async hold(call: Call): Promise<void> {
    await this.acting((own) => this.control.act(own, call, 'hold'))
    this.live.memory.hold(call.id)
  }

  async resume(call: Call): Promise<void> {
    await this.acting((own) => this.control.act(own, call, 'offhold'))
    this.live.memory.release(call.id)
  }

  /** Taking the held caller off hold while a consultation is open abandons it. */
  async cancelAttendedTransfer(_consultation: Call, original: Call): Promise<void> {
    await this.acting((own) => this.control.act(own, original, 'offhold'))
    this.live.memory.release(original.id)
  }

  async park(call: Call): Promise<void> {
    await this.acting((own) => this.control.act(own, call, 'park'))
    this.live.memory.park(call.id)
  }

  async parkedCalls(): Promise<ParkedCall[]> {
    const own = await this.ownOrIdentify()
    return this.parking.parked(own, await this.directory.get(), this.accountId)
  }

  /** A parked call is bridged from its slot; a call ringing elsewhere is answered here. */
  async pickup(target: Call | ParkedCall): Promise<void> {
    await this.acting((own) => {
      if ('slot' in target) {
        this.live.memory.takingBack(target.id, target.caller.number)
        return this.control.bridge(own, target)
      }
      // A call that left for a colleague's phone is acted on through their row (R4).
      const at = target.handle.extensionId
      return at && at !== own.extensionId
        ? this.control.pickupFor(own, at, target.handle.callApiId ?? '')
        : this.control.act(own, target, 'pickup')
    })
    this.live.memory.release(target.id)
  }

  /** The call ringing at a colleague's phone (no answer time yet), answered here. */
  async pickupAt(extension: string): Promise<void> {
    const ringing = await this.live.ringingAt(extension, await this.directory.get())
    await this.acting((own) => this.control.pickupFor(own, ringing.extensionId, ringing.callApiId))
  }

  async queues(): Promise<QueueMembership[]> {
    return this.queueWork.memberships(await this.ownOrIdentify(), await this.directory.get())
  }

  async pauseQueue(queueId: string, reason?: string): Promise<void> {
    await this.queueWork.setStatus(await this.ownOrIdentify(), queueId, 'logged_out', reason)
  }

  async resumeQueue(queueId: string): Promise<void> {
    await this.queueWork.setStatus(await this.ownOrIdentify(), queueId, 'available')
  }

  async voicemails(): Promise<Voicemail[]> {
    return this.mailbox.voicemails(await this.ownOrIdentify())
  }

  async voicemailAudio(voicemail: Voicemail): Promise<MediaFile> {
    return this.mailbox.voicemailAudio(await this.ownOrIdentify(), voicemail)
  }

  async deleteVoicemail(voicemail: Voicemail): Promise<void> {
    await this.mailbox.deleteVoicemail(await this.ownOrIdentify(), voicemail)
  }

  async markVoicemailHeard(voicemail: Voicemail): Promise<void> {
    await this.mailbox.markVoicemailHeard(await this.ownOrIdentify(), voicemail)
  }

  async recording(recordingId: string): Promise<MediaFile> {
    return this.records.recording(await this.ownOrIdentify(), recordingId)
  }

  async history(since: number, until: number): Promise<CallRecord[]> {
    const own = await this.ownOrIdentify()
    return this.records.history(own, await this.directory.get(), this.live.seen, since, until)
  }

  override async close(): Promise<void> {
    this.client.close()
  }
}
