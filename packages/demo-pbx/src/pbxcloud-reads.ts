/** PBXCloud read requests: everything a read-only key may ask. */
import { bridgedTo, connectedOf, legsOf } from './call-legs'
import { maxRecordingSec } from './call-engine'
import type { FaceResponse } from './http-face'
import {
  csv,
  dateTime,
  empty,
  error,
  parseDateTime,
  table,
  wav,
  type Format,
  type Row,
} from './pbxcloud-format'
import { agentsAnswer, extensionsAnswer, voicemailMessagesAnswer } from './pbxcloud-rows'
import type { Variation } from './pbxcloud-vary'
import type { PbxState } from './pbx-state'
import type { Extension } from './pbx-types'
import { messageWav } from './wav'

export interface PbxcloudContext {
  pbx: PbxState
  tenant: string
  params: Readonly<Record<string, string>>
  format: Format
  /** The rows one CHANNELS answer shows (the face decides; see PbxcloudFace.channelRows). */
  channelRows: (rows: Row[]) => Row[]
  /** This run's choices for what the documents leave open (P10). */
  vary: Variation
}

const byNumber = (a: { number: string }, b: { number: string }): number =>
  a.number.localeCompare(b.number, 'en', { numeric: true })

export function extensions(ctx: PbxcloudContext): Extension[] {
  return [...ctx.pbx.mustTenant(ctx.tenant).extensions.values()].sort(byNumber)
}

export function blfs(ctx: PbxcloudContext): FaceResponse {
  const rows: Row[] = extensions(ctx).map((e) => ({
    Type: 'PEER',
    Number: e.number,
    Name: e.username,
    State: ctx.pbx.calls.deviceState(ctx.tenant, e.number),
  }))
  for (const f of [...ctx.pbx.mustTenant(ctx.tenant).flows.values()].sort(byNumber)) {
    rows.push({ Type: 'FLOW', Number: f.number, Name: f.name, State: f.state })
  }
  const varied = { name: 'BLFS', by: ctx.vary }
  return table({ columns: ['Type', 'Number', 'Name', 'State'], rows, varied }, ctx.format)
}

export function flows(ctx: PbxcloudContext): FaceResponse {
  const rows = [...ctx.pbx.mustTenant(ctx.tenant).flows.values()]
    .sort(byNumber)
    .map((f) => ({ Number: f.number, Name: f.name, State: f.state }))
  const varied = { name: 'FLOWS', by: ctx.vary }
  return table({ columns: ['Number', 'Name', 'State'], rows, varied }, ctx.format)
}

export function peers(ctx: PbxcloudContext): FaceResponse {
  const rows = extensions(ctx).map((e) => ({
    Peer: e.username,
    Host: e.registered ? e.host : '(Unspecified)',
    Port: e.registered ? 5060 : 0,
    Status: e.registered ? `OK (${e.latencyMs} ms)` : 'UNREACHABLE',
    Useragent: e.registered ? e.useragent : '',
  }))
  const columns = ['Peer', 'Host', 'Port', 'Status', 'Useragent']
  return table({ columns, rows, varied: { name: 'PEERS', by: ctx.vary } }, ctx.format)
}

const channelColumns = [
  'Channel',
  'CallerIDNum',
  'CallerIDName',
  'ConnectedNum',
  'ConnectedName',
  'Exten',
  'State',
  'Application',
  'Duration',
  'BridgedTo',
  'UniqueID',
  'LinkedID',
  'Queue',
  'OnHold',
] as const

export function channels(ctx: PbxcloudContext): FaceResponse {
  const now = ctx.pbx.clock.now()
  const rows: Row[] = []
  for (const call of ctx.pbx.calls.active(ctx.tenant)) {
    for (const leg of legsOf(call)) {
      const connected = connectedOf(call, leg)
      rows.push({
        Channel: leg.channel,
        CallerIDNum: leg.party.number,
        CallerIDName: leg.party.name ?? '',
        ConnectedNum: connected.number,
        ConnectedName: connected.name ?? '',
        Exten: leg.exten,
        State: leg.state,
        Application: leg.app,
        Duration: Math.max(0, Math.floor((now - leg.createdAt) / 1000)),
        BridgedTo: bridgedTo(call, leg)?.channel ?? '',
        UniqueID: leg.uniqueId,
        LinkedID: call.id,
        Queue: call.queueId ?? '',
        OnHold: call.phase === 'held' ? 'yes' : 'no',
      })
    }
  }
  const varied = { name: 'CHANNELS', by: ctx.vary }
  return table({ columns: channelColumns, rows: ctx.channelRows(rows), varied }, ctx.format)
}

export function info(ctx: PbxcloudContext): FaceResponse {
  const what = (ctx.params.info ?? '').toLowerCase()
  const data = ctx.pbx.mustTenant(ctx.tenant)
  switch (what) {
    case 'config': {
      const t = data.tenant
      const row = { Code: t.code, Name: t.name, Country: t.country, Timezone: t.timezone }
      const columns = ['Code', 'Name', 'Country', 'Timezone']
      const varied = { name: 'CONFIG', by: ctx.vary }
      return table({ columns, rows: [row], single: true, varied }, ctx.format)
    }
    case 'extensions':
      return extensionsAnswer(ctx)
    case 'queues': {
      const rows = ctx.pbx.queues.list(ctx.tenant).map((q) => ({
        Id: q.id,
        Name: q.name,
        Strategy: q.strategy,
        Waiting: ctx.pbx.queues.waiting(ctx.tenant, q.id),
      }))
      const varied = { name: 'QUEUES', by: ctx.vary }
      return table({ columns: ['Id', 'Name', 'Strategy', 'Waiting'], rows, varied }, ctx.format)
    }
    case 'agents':
      return agentsAnswer(ctx)
    case 'cdrs':
      return cdrs(ctx)
    case 'recording':
      return recording(ctx)
    default:
      return error('Invalid info type')
  }
}

const cdrColumns = [
  'calldate',
  'clid',
  'src',
  'dst',
  'dcontext',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
  'uniqueid',
  'linkedid',
  'userfield',
] as const

function cdrs(ctx: PbxcloudContext): FaceResponse {
  const start = ctx.params.start ? parseDateTime(ctx.params.start, false) : Number.NEGATIVE_INFINITY
  const end = ctx.params.end ? parseDateTime(ctx.params.end, true) : Number.POSITIVE_INFINITY
  if (start === undefined || end === undefined) return error('Invalid date')
  const rows: Row[] = ctx.pbx
    .mustTenant(ctx.tenant)
    .cdrs.filter((c) => c.calldate >= start && c.calldate <= end + 999)
    .map((c) => ({
      ...c,
      calldate: dateTime(c.calldate),
      amaflags: 'DOCUMENTATION',
      userfield: c.recordingSec ? 'recorded' : '',
    }))
  if ((ctx.params.format ?? '').toLowerCase() === 'json') {
    return table({ columns: cdrColumns, rows, varied: { name: 'CDRS', by: ctx.vary } }, 'json')
  }
  return csv(cdrColumns, rows)
}

function recording(ctx: PbxcloudContext): FaceResponse {
  const id = ctx.params.id ?? ''
  if (!id) return error('Missing parameter: id')
  const cdr = ctx.pbx
    .mustTenant(ctx.tenant)
    .cdrs.find((c) => c.uniqueid === id || c.originateId === id)
  if (!cdr?.recordingSec) return empty()
  const seed = [...cdr.uniqueid].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7)
  return wav(messageWav(Math.min(cdr.recordingSec, maxRecordingSec), seed))
}

export function voicemailRead(ctx: PbxcloudContext, action: string): FaceResponse {
  if (action === 'list') {
    const rows = ctx.pbx.voicemail.list(ctx.tenant).map((m) => ({
      Mailbox: m.mailbox,
      Fullname: m.fullname,
      Email: m.email,
      Attach: m.attach ? 'yes' : 'no',
    }))
    const columns = ['Mailbox', 'Fullname', 'Email', 'Attach']
    return table({ columns, rows, trailingPipe: true }, ctx.format)
  }
  const mailbox = ctx.params.mailbox ?? ''
  if (!mailbox) return error('Missing parameter: mailbox')
  const box = ctx.pbx.voicemail.mailbox(ctx.tenant, mailbox)
  if (!box) return error('Mailbox not found')
  if (action === 'messages') return voicemailMessagesAnswer(ctx, mailbox, box.messages)
  const msgid = ctx.params.msgid ?? ''
  if (!msgid) return error('Missing parameter: msgid')
  return wav(ctx.pbx.voicemail.audio(ctx.tenant, mailbox, msgid))
}

export function phonebookQuery(ctx: PbxcloudContext, book: string): FaceResponse {
  const field = (ctx.params.field ?? 'name').toLowerCase()
  if (field !== 'name' && field !== 'number') return error('Invalid field')
  if (!ctx.pbx.phonebook.entries(ctx.tenant, book)) return error('Phonebook not found')
  const rows = ctx.pbx.phonebook.query(ctx.tenant, book, field, ctx.params.value ?? '%')
  const columns = ['peid', 'name', 'number', 'company', 'email']
  const varied = { name: 'PHONEBOOK', by: ctx.vary }
  return table({ columns, rows: rows.map((r) => ({ ...r })), varied }, ctx.format)
}

/** PHONEBOOKS (manual: "List available phonebooks"; its columns are undocumented). */
export function phonebooks(ctx: PbxcloudContext): FaceResponse {
  const rows = [...ctx.pbx.mustTenant(ctx.tenant).phonebooks.keys()].map((name, index) => ({
    Id: index + 1,
    Name: name,
  }))
  const varied = { name: 'PHONEBOOKS', by: ctx.vary }
  return table({ columns: ['Id', 'Name'], rows, varied }, ctx.format)
}
