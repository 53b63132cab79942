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
import { HttpClient, headerValue, type HttpResponse } from '../http'
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
import { formatDateTime, intOf, parseCallerId, parseRows, parseSuccess, type Row } from './parse'

export interface PbxCloudSettings {
  baseUrl: string
  tenant: string
  /** `402-DEMO` or just `402`. */
  ownExtension: string
  /** Phone book searched for contacts; default `default`. */
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

  private readonly http: HttpClient
  private readonly own: Own
  private readonly now: () => number
  private directory = new Map<string, string>()
  private directoryAt = -Infinity
  private lastGroups = new Map<string, Row[]>()
  /** The lamps of the last presence poll, made again only where they changed. */
  private lamps: Presence[] = []
  /** Calls that were on this agent's phone (as last seen there), to tell where they went. */
  private wasHere = new Map<string, Call>()
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
    this.http = new HttpClient({
      label: 'the PBXCloud portal',
      onRequest: () => {
        this.stats.requests++
      },
    })
  }

  private async request(
    reqtype: string,
    params: Record<string, string> = {},
    json = true,
  ): Promise<HttpResponse> {
    const url = new URL(this.settings.baseUrl)
    url.searchParams.set('reqtype', reqtype)
    url.searchParams.set('key', this.apiKey)
    url.searchParams.set('tenant', this.settings.tenant)
    // JSON for lists: a caller name containing "|" would break a plain table.
    if (json) url.searchParams.set('format', 'json')
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
    const timeoutMs = this.options.timeoutMs
    return this.http.send(
      timeoutMs === undefined ? { url: url.href } : { url: url.href, timeoutMs },
    )
  }

  private async rows(
    reqtype: string,
    params: Record<string, string>,
    required: string[],
  ): Promise<Row[]> {
    return parseRows((await this.request(reqtype, params)).text(), required)
  }

  private async action(reqtype: string, params: Record<string, string>): Promise<string[]> {
    return parseSuccess((await this.request(reqtype, params, false)).text())
  }

  private async binary(
    reqtype: string,
    params: Record<string, string>,
    what: string,
  ): Promise<MediaFile> {
    const response = await this.request(reqtype, params, false)
    const type = headerValue(response.headers, 'content-type') ?? ''
    if (response.body.length === 0) throw new AppError('not_found', `The PBX has no ${what}.`)
    if (!/^audio\//i.test(type)) parseSuccess(response.text()) // throws the error the text carries
    return { contentType: type.split(';')[0] ?? 'audio/wav', data: response.body }
  }

  private isExtension = (number: string): boolean => this.directory.has(number)

  private async refreshDirectory(force = false): Promise<void> {
    if (!force && this.now() - this.directoryAt < DIRECTORY_TTL_MS) return
    const rows = await this.rows('INFO', { info: 'extensions' }, ['number', 'name'])
    // The Password column is a SIP secret: it is dropped here and never kept.
    this.directory = new Map(rows.map((row) => [row.number ?? '', safeName(row.name)]))
    this.directoryAt = this.now()
  }

  override async signIn(): Promise<Identity> {
    const [config] = await this.rows('INFO', { info: 'config' }, ['code'])
    await this.refreshDirectory(true)
    const identity: Identity = { ownExtension: this.own.number }
    const name = this.directory.get(this.own.number)
    if (name) identity.displayName = name
    identity.details = { tenant: config?.name || config?.code || this.settings.tenant }
    return identity
  }

  override async presence(): Promise<Presence[]> {
    await this.refreshDirectory()
    const rows = await this.rows('BLFS', {}, ['type', 'number', 'state'])
    const partners = partnersByExtension(this.lastGroups, extensionOfPeer)
    const now = this.now()
    this.lamps = presenceFromBlfs(rows, this.directory, partners, this.accountId, now, this.lamps)
    return this.lamps
  }

  override async calls(): Promise<Call[]> {
    const rows = await this.rows('CHANNELS', {}, ['channel', 'state'])
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
    const [agents, queues] = await Promise.all([
      this.rows('INFO', { info: 'agents' }, ['queue', 'extension', 'paused']),
      this.rows('INFO', { info: 'queues' }, ['id', 'name']),
    ])
    const waiting = new Map(queues.map((q) => [q.id ?? '', intOf(q.waiting)]))
    const names = new Map(queues.map((q) => [q.id ?? '', q.name ?? '']))
    return agents
      .filter((row) => {
        const ext = (row.extension ?? '').toLowerCase()
        return ext === this.own.account.toLowerCase() || ext === this.own.number
      })
      .map((row) => {
        const queueId = row.queue ?? ''
        const membership: QueueMembership = {
          accountId: this.accountId,
          queueId,
          queueName: row.queuename || names.get(queueId) || queueId,
          paused: /^(yes|1|true)$/i.test(row.paused ?? ''),
          waiting: waiting.get(queueId) ?? 0,
          callsTaken: intOf(row.callstaken),
        }
        if (membership.paused && row.pausereason) membership.reason = row.pausereason
        return membership
      })
  }

  override async pauseQueue(queueId: string, reason?: string): Promise<void> {
    const params: Record<string, string> = {
      action: 'pause',
      queue: queueId,
      extension: this.own.account,
    }
    if (reason) params.pausereason = reason.slice(0, 80)
    await this.action('AGENT', params)
  }

  override async resumeQueue(queueId: string): Promise<void> {
    await this.action('AGENT', { action: 'unpause', queue: queueId, extension: this.own.account })
  }

  override async voicemails(): Promise<Voicemail[]> {
    const rows = await this.rows('VOICEMAIL', { action: 'messages', mailbox: this.own.number }, [
      'msgid',
      'callerid',
      'origdate',
    ])
    return rows.map((row) => {
      const id = row.msgid ?? ''
      return {
        id,
        accountId: this.accountId,
        mailbox: this.own.number,
        caller: parseCallerId(safeName(row.callerid, 200)),
        receivedAt: intOf(row.origdate) * 1000,
        durationSec: intOf(row.duration),
        heard: (row.folder ?? '').toUpperCase() !== 'INBOX' || this.heard.has(id),
      }
    })
  }

  override async voicemailAudio(voicemail: Voicemail): Promise<MediaFile> {
    return this.binary(
      'VOICEMAIL',
      { action: 'message', mailbox: voicemail.mailbox, msgid: voicemail.id },
      'audio for this message',
    )
  }

  override async deleteVoicemail(voicemail: Voicemail): Promise<void> {
    await this.action('VOICEMAIL', {
      action: 'delete',
      mailbox: voicemail.mailbox,
      msgid: voicemail.id,
    })
    this.heard.delete(voicemail.id)
  }

  override async markVoicemailHeard(voicemail: Voicemail): Promise<void> {
    this.heard.add(voicemail.id)
  }

  override async recording(recordingId: string): Promise<MediaFile> {
    if (!recordingId) throw new AppError('not_found', 'This call was not recorded.')
    return this.binary('INFO', { info: 'recording', id: recordingId }, 'recording of this call')
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
    const text = query.trim().slice(0, 64)
    if (!text) return []
    const byNumber = /^[0-9+*# ]+$/.test(text)
    const value = `%${text.replace(/[%_]/g, '').replace(/\s+/g, byNumber ? '' : ' ')}%`
    const rows = await this.rows(
      'PHONEBOOK',
      {
        phonebook: this.phonebook,
        subreqtype: 'query',
        field: byNumber ? 'number' : 'name',
        value,
      },
      ['peid', 'name', 'number'],
    )
    return rows.map((row) => {
      const contact: Contact = {
        id: row.peid ?? '',
        accountId: this.accountId,
        name: safeName(row.name),
        numbers: row.number ? [{ label: 'phone', number: safeName(row.number, 40) }] : [],
      }
      if (row.company) contact.company = safeName(row.company)
      if (row.email) contact.email = safeName(row.email)
      return contact
    })
  }

  override async addContact(contact: Omit<Contact, 'id' | 'accountId'>): Promise<Contact> {
    const values: Record<string, string> = {
      name: contact.name,
      number: contact.numbers[0]?.number ?? '',
    }
    if (contact.company) values.company = contact.company
    if (contact.email) values.email = contact.email
    const [, peid] = await this.action('PHONEBOOK', {
      phonebook: this.phonebook,
      subreqtype: 'add',
      values: JSON.stringify(values),
    })
    return { ...contact, id: peid ?? '', accountId: this.accountId }
  }

  private get phonebook(): string {
    return this.settings.phonebook ?? 'default'
  }

  override async flows(): Promise<Flow[]> {
    const rows = await this.rows('FLOWS', {}, ['number', 'state'])
    return rows.map((row) => ({
      id: row.number ?? '',
      accountId: this.accountId,
      name: safeName(row.name || row.number),
      active: (row.state ?? '').toUpperCase() === 'INUSE',
    }))
  }

  override async setFlow(flowId: string, active: boolean): Promise<void> {
    await this.action('SETFLOW', { number: flowId, state: active ? 'INUSE' : 'NOT_INUSE' })
  }

  override async close(): Promise<void> {
    this.http.close()
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
