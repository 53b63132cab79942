/**
 * The PBXCloud `proxyapi.php` dialect (seeds 000/001, docs/dialects/pbxcloud.md).
 * One BLFS request gives the whole tenant's lamps; one CHANNELS request gives
 * every live call. The API key travels in the query string, so it is registered
 * for redaction and no URL is ever put into a message.
 */
import type {
  Call,
  CallRecord,
  Capability,
  Contact,
  Flow,
  Presence,
  QueueMembership,
  Voicemail,
} from '../../../shared/model'
import { registerSecret } from '../../../shared/redact'
import { safeName } from '../../../shared/untrusted-text'
import { AppError } from '../../../shared/result'
import { BaseProvider, type DialOptions, type Identity, type MediaFile } from '../provider'
import { callsThatLeft } from '../call-elsewhere'
import { DirectoryCache } from '../directory-cache'
import { deriveCapabilities } from '../facets'
import {
  callsFromChannels,
  extensionOfPeer,
  groupChannels,
  partnersByExtension,
  peerOfChannel,
  presenceFromBlfs,
  type Own,
} from './normalise'
import { PbxCloudClient } from './client'
import type { Row } from './parse'
import { CallActions } from './call-control'
import { listFlows, switchFlow } from './flows'
import { readHistory, readRecording } from './history'
import { Phonebook } from './contacts'
import { QueueWork } from './queues'
import { Mailbox } from './voicemail'
import { field, readExtensions } from './readers'

export interface PbxCloudSettings {
  baseUrl: string
  tenant: string
  /** `402-DEMO` or just `402`. */
  ownExtension: string
  /** Phone book searched for contacts (P9); unset: the tenant's only one. */
  phonebook?: string
}

export interface PbxCloudOptions {
  timeoutMs?: number
  now?: () => number
}

export class PbxCloudProvider extends BaseProvider {
  readonly dialect = 'pbxcloud' as const
  /** Derived from the facet methods below (facets.ts), never listed by hand. */
  readonly capabilities: ReadonlySet<Capability> = deriveCapabilities(this)

  private readonly client: PbxCloudClient
  private readonly book: Phonebook
  private readonly own: Own
  private readonly now: () => number
  /** extension → name: `ex_number`/`ex_name` rows (P4) or the plain table (P3); secrets dropped by the parser. */
  private readonly directory: DirectoryCache<Map<string, string>>
  private lastGroups = new Map<string, Row[]>()
  /** The lamps of the last presence poll, made again only where they changed. */
  private lamps: Presence[] = []
  /** Calls that were on this agent's phone (as last seen there), to tell where they went. */
  private wasHere = new Map<string, Call>()
  private readonly callActions: CallActions
  private readonly queueWork: QueueWork
  private readonly mailbox: Mailbox

  constructor(
    accountId: string,
    private readonly settings: PbxCloudSettings,
    private readonly apiKey: string,
    private readonly options: PbxCloudOptions = {},
  ) {
    super(accountId)
    registerSecret(apiKey)
    this.now = options.now ?? Date.now
    const [number, ...rest] = settings.ownExtension.trim().split('-')
    this.own = {
      accountId,
      number: number ?? settings.ownExtension,
      account: rest.length ? settings.ownExtension.trim() : `${number}-${settings.tenant}`,
    }
    const counted = (): void => {
      this.stats.requests++
    }
    this.client = new PbxCloudClient(
      settings.baseUrl,
      settings.tenant,
      apiKey,
      options.timeoutMs,
      counted,
    )
    this.book = new Phonebook(this.client, accountId, settings.phonebook)
    this.callActions = new CallActions(this.client, this.own)
    this.queueWork = new QueueWork(this.client, accountId, this.own)
    this.mailbox = new Mailbox(this.client, accountId, this.own.number)
    this.directory = new DirectoryCache(
      async () => {
        const entries = readExtensions(await this.client.text('INFO', { info: 'extensions' }))
        return new Map(entries.map((entry) => [entry.number, entry.name]))
      },
      new Map<string, string>(),
      this.now,
    )
  }

  private isExtension = (number: string): boolean => this.directory.current.has(number)

  private async refreshDirectory(force = false): Promise<void> {
    await this.directory.get(force)
  }

  override async signIn(): Promise<Identity> {
    // The extension list proves key and tenant (P1: a refusal is the "Too bad..." text).
    await this.refreshDirectory(true)
    const identity: Identity = { ownExtension: this.own.number }
    const name = this.directory.current.get(this.own.number)
    if (name) identity.displayName = name
    identity.details = { tenant: await this.tenantName() }
    const books = await this.book.list().catch((error: unknown) => {
      // PHONEBOOKS is on current servers only (P9): without it the list is just not offered.
      if (error instanceof AppError && error.kind === 'auth') throw error
      return undefined
    })
    if (books) identity.phonebooks = books
    return identity
  }

  /** INFO config's columns are undocumented (P10): its name is shown when one is there. */
  private async tenantName(): Promise<string> {
    try {
      const [config] = await this.client.rows('INFO', { info: 'config' }, [])
      const name = config ? field(config, 'name', 'description', 'code') : undefined
      return safeName(name) || this.settings.tenant
    } catch (error) {
      if (error instanceof AppError && error.kind === 'bad_response') return this.settings.tenant
      throw error
    }
  }

  /** The tenant's phone books, for the account form (PHONEBOOKS, manual). */
  async phonebooks(): Promise<string[]> {
    return this.book.list()
  }

  async presence(): Promise<Presence[]> {
    await this.refreshDirectory()
    const rows = await this.client.rows('BLFS', {}, [])
    const partners = partnersByExtension(this.lastGroups, extensionOfPeer)
    const now = this.now()
    this.lamps = presenceFromBlfs(
      rows,
      this.directory.current,
      partners,
      this.accountId,
      now,
      this.lamps,
    )
    return this.lamps
  }

  async calls(): Promise<Call[]> {
    const rows = await this.client.rows('CHANNELS', {}, [])
    const groups = groupChannels(rows)
    this.lastGroups = groups
    const now = this.now()
    const calls = callsFromChannels(groups, this.own, this.isExtension, now)
    // A call that was here and is now only on colleagues' phones: answered there, or
    // passed on (transferred) to one of them.
    const left = callsThatLeft(this.wasHere, calls, (id) => {
      const group = groups.get(id)
      if (!group) return 'gone'
      const colleagueIn = (state: string): string | undefined =>
        group
          .filter((row) => (row.state ?? '').toLowerCase() === state)
          .map((row) => (peerOfChannel(row.channel ?? '') ?? '').split('-')[0] ?? '')
          .find((extension) => this.directory.current.has(extension))
      const up = colleagueIn('up')
      const extension = up ?? colleagueIn('ringing')
      if (extension === undefined) return undefined
      const name = this.directory.current.get(extension)
      return { colleague: name ? { number: extension, name } : { number: extension }, up: !!up }
    })
    calls.push(...left)
    for (const call of calls) {
      // Colleagues are named from the directory when the channel does not say.
      const colleague = this.directory.current.get(call.remote.number)
      if (!call.remote.name && colleague) call.remote = { ...call.remote, name: colleague }
    }
    return calls
  }

  async dial(number: string, options: DialOptions = {}): Promise<{ callId?: string }> {
    return this.callActions.dial(number, options)
  }

  async hangup(call: Call): Promise<void> {
    return this.callActions.hangup(call)
  }

  async transfer(call: Call, destination: string): Promise<void> {
    return this.callActions.transfer(call, destination)
  }

  async attendedTransfer(call: Call, destination: string): Promise<void> {
    return this.callActions.attendedTransfer(call, destination)
  }

  async cancelAttendedTransfer(consultation: Call, original: Call): Promise<void> {
    return this.callActions.cancelAttendedTransfer(consultation, original)
  }

  async queues(): Promise<QueueMembership[]> {
    return this.queueWork.memberships()
  }

  async pauseQueue(queueId: string, reason?: string): Promise<void> {
    return this.queueWork.pause(queueId, reason)
  }

  /** AGENT's `pausereason` (seed 000), kept while the pause lasts (queues.ts). */
  async pauseQueueWithReason(queueId: string, reason: string): Promise<void> {
    return this.queueWork.pause(queueId, reason)
  }

  async resumeQueue(queueId: string): Promise<void> {
    return this.queueWork.resume(queueId)
  }

  async voicemails(): Promise<Voicemail[]> {
    return this.mailbox.list()
  }

  async voicemailAudio(voicemail: Voicemail): Promise<MediaFile> {
    return this.mailbox.audio(voicemail)
  }

  async deleteVoicemail(voicemail: Voicemail): Promise<void> {
    return this.mailbox.delete(voicemail)
  }

  async markVoicemailHeard(voicemail: Voicemail): Promise<void> {
    this.mailbox.markHeard(voicemail)
  }

  async recording(recordingId: string): Promise<MediaFile> {
    return readRecording(this.client, recordingId)
  }

  async history(since: number, until: number): Promise<CallRecord[]> {
    await this.refreshDirectory()
    return readHistory(this.client, this.own, this.isExtension, since, until)
  }

  async searchContacts(query: string): Promise<Contact[]> {
    return this.book.search(query)
  }

  async addContact(contact: Omit<Contact, 'id' | 'accountId'>): Promise<Contact> {
    return this.book.add(contact)
  }

  async flows(): Promise<Flow[]> {
    return listFlows(this.client, this.accountId)
  }

  async setFlow(flowId: string, active: boolean): Promise<void> {
    await switchFlow(this.client, flowId, active)
  }

  override async close(): Promise<void> {
    this.client.close()
  }
}
