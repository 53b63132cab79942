/** PBXCloud write requests: refused to a read-only key before they get here. */
import type { FaceResponse } from './http-face'
import { error, success } from './pbxcloud-format'
import type { PbxcloudContext } from './pbxcloud-reads'
import type { Flow } from './pbx-types'

const numberPattern = /^[0-9+*#]{1,32}$/

export function dial(ctx: PbxcloudContext): FaceResponse {
  const p = ctx.params
  const account = p.account ?? ''
  const fromAccount =
    account && account.toUpperCase() !== 'SOURCE'
      ? ctx.pbx.extensionByUsername(ctx.tenant, account)
      : undefined
  if (account && account.toUpperCase() !== 'SOURCE' && !fromAccount) return error('Invalid account')
  let source = p.source ?? p.exten ?? ''
  if (source.toUpperCase() === 'ACCOUNT') source = fromAccount?.number ?? ''
  if (!source) return error('Missing parameter: source')
  if (!ctx.pbx.extension(ctx.tenant, source)) return error('Invalid source')
  const dest = (p.dest ?? p.phone ?? '').replace(/[\s\-()]/g, '')
  if (!dest) return error('Missing parameter: dest')
  if (!numberPattern.test(dest)) return error('Invalid destination')
  const dialTimeout = p.dialtimeout ? Number(p.dialtimeout) : undefined
  const timeout = p.timeout ? Number(p.timeout) : undefined
  if ([dialTimeout, timeout].some((n) => n !== undefined && !(Number.isFinite(n) && n > 0))) {
    return error('Invalid timeout')
  }
  const call = ctx.pbx.calls.originate({
    tenant: ctx.tenant,
    source,
    dest,
    ...(p.sourceclid ? { sourceClid: p.sourceclid } : {}),
    ...(dialTimeout ? { dialTimeoutSec: dialTimeout } : {}),
    ...(timeout ? { timeoutSec: timeout } : {}),
    recorded: (p.recording ?? '').toLowerCase().startsWith('yes'),
  })
  return success('Originate successfully queued', call.originateId)
}

function channelOf(ctx: PbxcloudContext): string | undefined {
  const channel = ctx.params.channel ?? ''
  return ctx.pbx.calls.byChannel(ctx.tenant, channel) ? channel : undefined
}

export function hangup(ctx: PbxcloudContext): FaceResponse {
  const channel = channelOf(ctx)
  if (!channel) return error('Channel not found')
  ctx.pbx.calls.hangupChannel(ctx.tenant, channel)
  return success('Hangup requested')
}

export function transfer(ctx: PbxcloudContext, attended: boolean): FaceResponse {
  const channel = channelOf(ctx)
  if (!channel) return error('Channel not found')
  const dest = ctx.params.dest ?? ''
  if (!numberPattern.test(dest)) return error('Invalid destination')
  if (attended) {
    ctx.pbx.calls.attendedTransfer(ctx.tenant, channel, dest)
    return success('Attended transfer requested')
  }
  ctx.pbx.calls.blindTransfer(ctx.tenant, channel, dest)
  return success('Transfer requested')
}

export function agent(ctx: PbxcloudContext): FaceResponse {
  const action = (ctx.params.action ?? '').toLowerCase()
  if (action !== 'pause' && action !== 'unpause') return error('Invalid action')
  const queue = ctx.pbx.queues.get(ctx.tenant, ctx.params.queue ?? '')
  if (!queue) return error('Queue not found')
  const ext = ctx.pbx.extensionByUsername(ctx.tenant, ctx.params.extension ?? '')
  if (!ext || !queue.agents.some((a) => a.extension === ext.number)) return error('Agent not found')
  if (action === 'pause') {
    ctx.pbx.queues.pause(ctx.tenant, queue.id, ext.number, ctx.params.pausereason ?? '')
    return success('Agent paused')
  }
  ctx.pbx.queues.unpause(ctx.tenant, queue.id, ext.number)
  return success('Agent unpaused')
}

export function voicemailDelete(ctx: PbxcloudContext): FaceResponse {
  const mailbox = ctx.params.mailbox ?? ''
  const msgid = ctx.params.msgid ?? ''
  if (!mailbox) return error('Missing parameter: mailbox')
  if (!msgid) return error('Missing parameter: msgid')
  if (!ctx.pbx.voicemail.mailbox(ctx.tenant, mailbox)) return error('Mailbox not found')
  if (!ctx.pbx.voicemail.message(ctx.tenant, mailbox, msgid)) return error('Message not found')
  ctx.pbx.voicemail.delete(ctx.tenant, mailbox, msgid)
  return success('Message deleted')
}

export function phonebookAdd(ctx: PbxcloudContext, book: string): FaceResponse {
  if (!ctx.pbx.phonebook.entries(ctx.tenant, book)) return error('Phonebook not found')
  let values: unknown
  try {
    values = JSON.parse(ctx.params.values ?? '')
  } catch {
    return error('Invalid values')
  }
  if (!values || typeof values !== 'object' || Array.isArray(values)) return error('Invalid values')
  const fields: Record<string, string> = {}
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string' || typeof v === 'number') fields[k.toLowerCase()] = String(v)
  }
  if (!fields.name && !fields.number) return error('Missing name or number')
  const entry = ctx.pbx.phonebook.add(ctx.tenant, book, {
    name: fields.name ?? '',
    number: fields.number ?? '',
    company: fields.company ?? '',
    email: fields.email ?? '',
  })
  // The new record's id alone: `Success|<peid>|` (issue 14 / PLATFORM-FACTS P9).
  return success(entry.peid)
}

export function phonebookDelete(ctx: PbxcloudContext, book: string): FaceResponse {
  const entries = ctx.pbx.phonebook.entries(ctx.tenant, book)
  if (!entries) return error('Phonebook not found')
  const peid = ctx.params.peid ?? ''
  if (!entries.some((e) => e.peid === peid)) return error('Record not found')
  ctx.pbx.phonebook.delete(ctx.tenant, book, peid)
  return success('Record deleted')
}

const flowStates: readonly Flow['state'][] = ['INUSE', 'NOT_INUSE', 'UNAVAILABLE', 'RINGING']

export function setFlow(ctx: PbxcloudContext): FaceResponse {
  const number = ctx.params.number ?? ''
  if (!ctx.pbx.tenant(ctx.tenant)?.flows.has(number)) return error('Flow not found')
  const state = (ctx.params.state ?? '').toUpperCase()
  if (!state) return error('Missing parameter: state')
  const valid = flowStates.find((s) => s === state)
  if (!valid) return error('Invalid state')
  ctx.pbx.setFlow(ctx.tenant, number, valid)
  return success('Flow updated')
}
