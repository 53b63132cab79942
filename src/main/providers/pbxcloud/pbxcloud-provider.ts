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
import { messageId, numericId, PbxCloudClient } from './client'
import { formatDateTime, intOf, parseCallerId, type Row } from './parse'
import { Phonebook } from './phonebook'
import { field, isOwnAgent, readAgents, readExtensions, readVoicemails } from './readers'

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
const DIALABLE = /^[0-9+*#]{1,32}$/

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
  /**
   * AGENT takes a `pausereason` (seed 000, example in seed 001), but no documented
   * answer gives it back: the reason this app set is remembered while the pause lasts.
   */
  private readonly pauseReasons = new Map<string, string>()
  /** PBXCloud has no "mark heard" call; heard messages are remembered here. */
  private readonly heard = new Set<string>()

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
    this.client = new PbxCloudClient(
      settings.baseUrl,
      settings.tenant,
      apiKey,
      options.timeoutMs,
      () => {
        this.stats.requests++
      },
    )
    this.book = new Phonebook(this.client, accountId, settings.phonebook)
  }

  private rows(
    reqtype: string,
    params: Record<string, string>,
    required: string[],
  ): Promise<Row[]> {
    return this.client.rows(reqtype, params, required)
  }

  private action(reqtype: string, params: Record<string, string>): Promise<string[]> {
    return this.client.action(reqtype, params)
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
      const [config] = await this.rows('INFO', { info: 'config' }, [])
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
    const rows = await this.rows('BLFS', {}, [])
    const partners = partnersByExtension(this.lastGroups, extensionOfPeer)
    const now = this.now()
    this.lamps = presenceFromBlfs(rows, this.directory, partners, this.accountId, now, this.lamps)
    return this.lamps
  }

  override async calls(): Promise<Call[]> {
    const rows = await this.rows('CHANNELS', {}, [])
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

  private static dialable(number: string): string {
    const clean = number.trim()
    if (!DIALABLE.test(clean))
      throw new AppError('invalid_argument', 'That is not a number the PBX can dial.')
    return clean
  }

  override async dial(number: string, options: DialOptions = {}): Promise<{ callId?: string }> {
    const params: Record<string, string> = {
      source: this.own.number,
      dest: PbxCloudProvider.dialable(number),
      account: this.own.account,
    }
    if (options.callerId) params.destclid = PbxCloudProvider.dialable(options.callerId)
    const [, id] = await this.action('DIAL', params)
    return id ? { callId: id } : {}
  }

  override async hangup(call: Call): Promise<void> {
    await this.action('HANGUP', { channel: handleOf(call, 'channel') })
  }

  override async transfer(call: Call, destination: string): Promise<void> {
    // A blind transfer redirects the other party's channel to the destination.
    await this.action('TRANSFER', {
      channel: handleOf(call, 'remoteChannel'),
      dest: PbxCloudProvider.dialable(destination),
    })
  }

  override async attendedTransfer(call: Call, destination: string): Promise<void> {
    // An attended transfer is started from the agent's own channel.
    await this.action('ATXTRANSFER', {
      channel: handleOf(call, 'channel'),
      dest: PbxCloudProvider.dialable(destination),
    })
  }

  /** Hanging up the colleague's side ends the consultation; the PBX resumes the caller. */
  override async cancelAttendedTransfer(consultation: Call, _original: Call): Promise<void> {
    await this.action('HANGUP', { channel: handleOf(consultation, 'remoteChannel') })
  }

  override async queues(): Promise<QueueMembership[]> {
    // INFO queues' columns are undocumented (P10): the id and name are read by name,
    // with or without a table prefix, and a row without an id is skipped.
    const queues = (await this.rows('INFO', { info: 'queues' }, []))
      .map((row) => ({
        id: (field(row, 'id', 'queue', 'queueid', 'number') ?? '').trim(),
        name: safeName(field(row, 'name', 'description')),
        waiting: intOf(field(row, 'waiting', 'calls')),
      }))
      .filter((queue) => /^\d{1,20}$/.test(queue.id))
    const memberships: QueueMembership[] = []
    for (const queue of queues) {
      // Asked per queue (seed 000: `queue` selects it), since which position of a
      // json agent row holds the queue is not documented (P5).
      const agents = readAgents(await this.client.text('INFO', { info: 'agents', queue: queue.id }))
      const mine = agents.find((entry) => isOwnAgent(entry, this.own.number, this.own.account))
      if (!mine) continue
      const membership: QueueMembership = {
        accountId: this.accountId,
        queueId: queue.id,
        queueName: queue.name || queue.id,
        paused: mine.paused,
        waiting: queue.waiting,
        callsTaken: 0,
      }
      const reason = this.pauseReasons.get(queue.id)
      if (mine.paused && reason) membership.reason = reason
      if (!mine.paused) this.pauseReasons.delete(queue.id)
      memberships.push(membership)
    }
    return memberships
  }

  override async pauseQueue(queueId: string, reason?: string): Promise<void> {
    const params: Record<string, string> = {
      action: 'pause',
      queue: numericId(queueId, 'queue'),
      extension: this.own.account,
    }
    if (reason) params.pausereason = reason.slice(0, 80)
    await this.action('AGENT', params)
    if (reason) this.pauseReasons.set(params.queue ?? queueId, safeName(reason.slice(0, 80)))
    else this.pauseReasons.delete(params.queue ?? queueId)
  }

  override async resumeQueue(queueId: string): Promise<void> {
    const queue = numericId(queueId, 'queue')
    await this.action('AGENT', { action: 'unpause', queue, extension: this.own.account })
    this.pauseReasons.delete(queue)
  }

  override async voicemails(): Promise<Voicemail[]> {
    const text = await this.client.text('VOICEMAIL', {
      action: 'messages',
      mailbox: this.own.number,
    })
    // P6: `Msgid, CallerID, Duration, DateTime, Dir`; the folder is the end of Dir.
    return readVoicemails(text).map((entry) => ({
      id: entry.msgid,
      accountId: this.accountId,
      mailbox: this.own.number,
      caller: parseCallerId(safeName(entry.callerId, 200)),
      receivedAt: entry.receivedAt,
      durationSec: entry.durationSec,
      heard: entry.folder !== 'INBOX' || this.heard.has(entry.msgid),
    }))
  }

  override async voicemailAudio(voicemail: Voicemail): Promise<MediaFile> {
    return this.client.binary(
      'VOICEMAIL',
      { action: 'message', mailbox: voicemail.mailbox, msgid: messageId(voicemail.id) },
      'audio for this message',
    )
  }

  override async deleteVoicemail(voicemail: Voicemail): Promise<void> {
    await this.action('VOICEMAIL', {
      action: 'delete',
      mailbox: voicemail.mailbox,
      msgid: messageId(voicemail.id),
    })
    this.heard.delete(voicemail.id)
  }

  override async markVoicemailHeard(voicemail: Voicemail): Promise<void> {
    this.heard.add(voicemail.id)
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
    const rows = await this.rows(
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
    // FLOWS' columns are undocumented (P10); SETFLOW's states are (seed 000).
    const rows = await this.rows('FLOWS', {}, [])
    return rows
      .map((row) => ({ row, number: (field(row, 'number', 'id', 'exten') ?? '').trim() }))
      .filter(({ number }) => number !== '')
      .map(({ row, number }) => ({
        id: number,
        accountId: this.accountId,
        name: safeName(field(row, 'name', 'description') || number),
        active: (field(row, 'state', 'status') ?? '').trim().toUpperCase() === 'INUSE',
      }))
  }

  override async setFlow(flowId: string, active: boolean): Promise<void> {
    await this.action('SETFLOW', {
      number: PbxCloudProvider.dialable(flowId),
      state: active ? 'INUSE' : 'NOT_INUSE',
    })
  }

  override async close(): Promise<void> {
    this.client.close()
  }
}

function handleOf(call: Call, name: string): string {
  const value = call.handle[name]
  if (!value)
    throw new AppError(
      'invalid_argument',
      'This call can no longer be controlled (it has changed or ended).',
    )
  return value
}
