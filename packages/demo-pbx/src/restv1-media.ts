/**
 * What the REST face stores rather than moves: each extension's call records
 * (seed 002, window at most two calendar months, R7) and recordings, one
 * voicemail file by its uuid, and chat marks.
 */
import { RestError } from './restv1-auth'
import { jsonBody, noContent, ok, paged, param, type RestCtx, type Reply } from './restv1-context'
import { cdrExtensions, recordObject } from './restv1-format'
import { gmt, parseGmt } from './restv1-ids'
import type { Cdr, Mailbox, VoicemailMessage } from './pbx-types'
import { maxRecordingSec } from './call-engine'
import { messageWav } from './wav'

/** `ms` moved on by two calendar months (UTC): the widest extension-level window (R7). */
function twoMonthsAfter(ms: number): number {
  const d = new Date(ms)
  d.setUTCMonth(d.getUTCMonth() + 2)
  return d.getTime()
}

function windowed(ctx: RestCtx, cdrs: readonly Cdr[]): Cdr[] {
  const start = parseGmt(ctx.query.get('start_datetime'), 'start_datetime')
  const end = parseGmt(ctx.query.get('end_datetime'), 'end_datetime')
  if (end <= start) throw new RestError(400, 'end_datetime must be after start_datetime')
  if (end > twoMonthsAfter(start))
    throw new RestError(400, 'Period must not exceed two calendar months')
  const order = ctx.query.get('order') ?? 'desc'
  if (order !== 'asc' && order !== 'desc') throw new RestError(400, "Invalid order: 'asc', 'desc'")
  const hits = cdrs.filter((c) => c.calldate >= start && c.calldate < end)
  hits.sort((a, b) => (order === 'asc' ? a.calldate - b.calldate : b.calldate - a.calldate))
  return hits
}

/** R7: an extension's call records (answered, missed, recorded or not), two months at most. */
export function extensionRecords(ctx: RestCtx): Reply {
  const id = ctx.ids.mustTarget(param(ctx, 'ext')).id
  const cdrs = ctx.ids.data.cdrs.filter((c) => cdrExtensions(ctx.ids, c).includes(id))
  return paged(
    ctx,
    windowed(ctx, cdrs).map((c) => recordObject(ctx.ids, ctx.clientNumId, c)),
  )
}

function wav(bytes: Buffer): Reply {
  return { status: 200, raw: bytes, type: 'audio/wav' }
}

/** The recording's audio; at extension level only that extension's calls. */
export function recordAudio(ctx: RestCtx): Reply {
  const cdr = ctx.ids.cdrOfRecord(param(ctx, 'record'))
  const ext = ctx.params.ext
  if (!cdr?.recordingSec) throw new RestError(404, 'Record not found')
  if (ext !== undefined && !cdrExtensions(ctx.ids, cdr).includes(ctx.ids.mustTarget(ext).id)) {
    throw new RestError(404, 'Record not found')
  }
  // The same audio the PBXCloud face serves for this call.
  const seed = [...cdr.uniqueid].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7)
  return wav(messageWav(Math.min(cdr.recordingSec, maxRecordingSec), seed))
}

// --- voicemail ----------------------------------------------------------------------
// Seed 002 documents one message's file by its uuid and nothing else: no list, no
// PUT, no DELETE. A real server answers those 404/405, and so does this face.

function mailboxOf(ctx: RestCtx): Mailbox {
  const ext = ctx.ids.mustPhone(param(ctx, 'ext'))
  const box = ctx.pbx.voicemail.mailbox(ctx.tenant, ext.number)
  if (!box) throw new RestError(404, 'Voicemail box not found')
  return box
}

function mustMessage(ctx: RestCtx): { box: Mailbox; message: VoicemailMessage } {
  const box = mailboxOf(ctx)
  const uuid = param(ctx, 'record')
  const message = box.messages.find((m) => ctx.ids.voicemailUuid(box.mailbox, m) === uuid)
  if (!message) throw new RestError(404, 'Voicemail message not found')
  return { box, message }
}

export function voicemailAudio(ctx: RestCtx): Reply {
  const { box, message } = mustMessage(ctx)
  const audio = ctx.pbx.voicemail.audio(ctx.tenant, box.mailbox, message.msgid)
  if (!audio) throw new RestError(404, 'Voicemail message not found')
  return wav(audio)
}

// --- chat (per-extension marks over the shared rooms) ---------------------------------

/** Marks are message ids, not times: a message sent in the same millisecond stays unread. */
function lastMessageId(ctx: RestCtx, roomId: string): number {
  return Math.max(0, ...ctx.pbx.chat.messages(ctx.tenant, roomId).map((m) => Number(m.id)))
}

function chatOf(ctx: RestCtx): { key: string; roomId: string; number: string } {
  const ext = ctx.ids.mustPhone(param(ctx, 'ext'))
  const roomId = param(ctx, 'chat')
  const room = ctx.ids.data.chatRooms.get(roomId)
  if (!room || !room.members.includes(ext.number)) throw new RestError(404, 'Chat not found')
  return { key: `${ext.number}:${roomId}`, roomId, number: ext.number }
}

export function markChat(ctx: RestCtx): Reply {
  const { key, roomId } = chatOf(ctx)
  const read = jsonBody(ctx).read
  if (typeof read !== 'boolean') throw new RestError(400, 'Missing parameter: read')
  if (read) ctx.chat.readUpTo.set(key, lastMessageId(ctx, roomId))
  else ctx.chat.readUpTo.delete(key)
  return ok({ id: param(ctx, 'chat'), read })
}

export function deleteChat(ctx: RestCtx): Reply {
  const { key, roomId } = chatOf(ctx)
  ctx.chat.deletedUpTo.set(key, lastMessageId(ctx, roomId))
  return noContent()
}

/** Demo only (not in the seed): lets tests see what PUT/DELETE did. */
export function listChat(ctx: RestCtx): Reply {
  const { key, roomId, number } = chatOf(ctx)
  const deleted = ctx.chat.deletedUpTo.get(key) ?? 0
  const read = ctx.chat.readUpTo.get(key) ?? 0
  const messages = ctx.pbx.chat.messages(ctx.tenant, roomId).filter((m) => Number(m.id) > deleted)
  return ok(
    messages.map((m) => ({
      id: m.id,
      from_extension_id: ctx.ids.phoneId(m.from) || null,
      text: m.text,
      datetime_gmt: gmt(m.sentAt),
      read: m.from === number || Number(m.id) <= read,
    })),
  )
}
