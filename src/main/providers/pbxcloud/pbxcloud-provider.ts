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
import {
  BaseProvider,
  callElsewhere,
  type DialOptions,
  type Identity,
  type MediaFile,
} from '../provider'
import {
  callsFromChannels,
  extensionOfPeer,
  groupChannels,
  historyFromCdrs,
  partnersByExtension,
  peerOfChannel,
  presenceFromBlfs,
  type Own,
} from './normalise'
import { PbxCloudClient } from './client'
import { formatDateTime, type Row } from './parse'
import { CallActions, dialable, readFlows } from './call-actions'
import { Phonebook } from './phonebook'
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

const DIRECTORY_TTL_MS = 10 * 60_000

export class PbxCloudProvider extends BaseProvider {
  readonly dialect = 'pbxcloud' as const
  readonly capabilities: ReadonlySet<Capability> = new Set<Capability>([
    'presence',
    'calls',
    'dial',
    'hangup',
    'transfer',
    'attended_transfer',
    'queues',
    'queue_pause',
    'queue_pause_reason',
    'voicemail',
    'voicemail_delete',
    'voicemail_mark_heard',
    'recordings',
    'history',
    'contacts',
    'contacts_add',
    'flows',
  ])

  private readonly client: PbxCloudClient
  private readonly book: Phonebook
  private readonly own: Own
  private readonly now: () => number
  private directory = new Map<string, string>()
  private directoryAt = -Infinity
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
  }

  private isExtension = (number: string): boolean => this.directory.has(number)

  private async refreshDirectory(force = false): Promise<void> {
    if (!force && this.now() - this.directoryAt < DIRECTORY_TTL_MS) return
    // `ex_number`/`ex_name` rows (P4) or the plain table (P3); secrets are dropped by the parser.
    const entries = readExtensions(await this.client.text('INFO', { info: 'extensions' }))
    this.directory = new Map(entries.map((entry) => [entry.number, entry.name]))
    this.directoryAt = this.now()
  }

  override async signIn(): Promise<Identity> {
    // The extension list proves key and tenant (P1: a refusal is the "Too bad..." text).
    await this.refreshDirectory(true)
    const identity: Identity = { ownExtension: this.own.number }
    const name = this.directory.get(this.own.number)
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

  override async presence(): Promise<Presence[]> {
    await this.refreshDirectory()
    const rows = await this.client.rows('BLFS', {}, [])
    const partners = partnersByExtension(this.lastGroups, extensionOfPeer)
    const now = this.now()
    this.lamps = presenceFromBlfs(rows, this.directory, partners, this.accountId, now, this.lamps)
    return this.lamps
  }

  override async calls(): Promise<Call[]> {
    const rows = await this.client.rows('CHANNELS', {}, [])
    const groups = groupChannels(rows)
    this.lastGroups = groups
    const now = this.now()
    const calls = callsFromChannels(groups, this.own, this.isExtension, now)
    const present = new Set(calls.map((call) => call.id))
    // A call that was here and is now only on colleagues' phones: answered there, or
    // passed on (transferred) to one of them.
    for (const [id, earlier] of this.wasHere) {
      if (present.has(id)) continue
      const group = groups.get(id)
      if (!group) {
        this.wasHere.delete(id)
        continue
      }
      const colleagueIn = (state: string): string | undefined =>
        group
          .filter((row) => (row.state ?? '').toLowerCase() === state)
          .map((row) => (peerOfChannel(row.channel ?? '') ?? '').split('-')[0] ?? '')
          .find((extension) => this.directory.has(extension))
      const up = colleagueIn('up')
      const extension = up ?? colleagueIn('ringing')
      if (extension === undefined) continue
      const name = this.directory.get(extension)
      const colleague = name ? { number: extension, name } : { number: extension }
      calls.push(callElsewhere(earlier, colleague, up !== undefined))
    }
    for (const call of calls) {
      // Colleagues are named from the directory when the channel does not say.
      const colleague = this.directory.get(call.remote.number)
      if (!call.remote.name && colleague) call.remote = { ...call.remote, name: colleague }
      if (present.has(call.id)) this.wasHere.set(call.id, call)
    }
    return calls
  }

  override async dial(number: string, options: DialOptions = {}): Promise<{ callId?: string }> {
    return this.callActions.dial(number, options)
  }

  override async hangup(call: Call): Promise<void> {
    return this.callActions.hangup(call)
  }

  override async transfer(call: Call, destination: string): Promise<void> {
    return this.callActions.transfer(call, destination)
  }

  override async attendedTransfer(call: Call, destination: string): Promise<void> {
    return this.callActions.attendedTransfer(call, destination)
  }

  override async cancelAttendedTransfer(consultation: Call, original: Call): Promise<void> {
    return this.callActions.cancelAttendedTransfer(consultation, original)
  }

  override async queues(): Promise<QueueMembership[]> {
    return this.queueWork.memberships()
  }

  override async pauseQueue(queueId: string, reason?: string): Promise<void> {
    return this.queueWork.pause(queueId, reason)
  }

  override async resumeQueue(queueId: string): Promise<void> {
    return this.queueWork.resume(queueId)
  }

  override async voicemails(): Promise<Voicemail[]> {
    return this.mailbox.list()
  }

  override async voicemailAudio(voicemail: Voicemail): Promise<MediaFile> {
    return this.mailbox.audio(voicemail)
  }

  override async deleteVoicemail(voicemail: Voicemail): Promise<void> {
    return this.mailbox.delete(voicemail)
  }

  override async markVoicemailHeard(voicemail: Voicemail): Promise<void> {
    this.mailbox.markHeard(voicemail)
  }

  override async recording(recordingId: string): Promise<MediaFile> {
    if (!recordingId) throw new AppError('not_found', 'This call was not recorded.')
    // A CDR uniqueid (`1700000000.42`) or an OriginateID (`15a4cfe6429054`, seed 001).
    if (!/^[0-9a-f.]{1,64}$/i.test(recordingId))
      throw new AppError('invalid_argument', 'That is not a valid recording id.', undefined, {
        code: 'invalid_argument.id',
        params: { what: 'recording' },
      })
    return this.client.binary(
      'INFO',
      { info: 'recording', id: recordingId },
      'recording of this call',
    )
  }

  override async history(since: number, until: number): Promise<CallRecord[]> {
    await this.refreshDirectory()
    const rows = await this.client.rows(
      'INFO',
      { info: 'cdrs', start: formatDateTime(since), end: formatDateTime(until) },
      ['calldate', 'src', 'dst', 'disposition'],
    )
    return historyFromCdrs(rows, this.own, this.isExtension).filter(
      (record) => record.startedAt >= since && record.startedAt <= until,
    )
  }

  override async searchContacts(query: string): Promise<Contact[]> {
    return this.book.search(query)
  }

  override async addContact(contact: Omit<Contact, 'id' | 'accountId'>): Promise<Contact> {
    return this.book.add(contact)
  }

  override async flows(): Promise<Flow[]> {
    return readFlows(await this.client.rows('FLOWS', {}, []), this.accountId)
  }

  override async setFlow(flowId: string, active: boolean): Promise<void> {
    await this.client.action('SETFLOW', {
      number: dialable(flowId),
      state: active ? 'INUSE' : 'NOT_INUSE',
    })
  }

  override async close(): Promise<void> {
    this.client.close()
  }
}
