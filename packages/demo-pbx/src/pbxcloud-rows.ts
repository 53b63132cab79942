/**
 * The three PBXCloud answers whose real shape is known and is not a plain named
 * table (PLATFORM-FACTS): INFO extensions as `ex_` database rows with their
 * secrets (P4), INFO agents as `id:State` or positional json (P5), and VOICEMAIL
 * messages with `Msgid, CallerID, Duration, DateTime, Dir` (P6).
 */
import { callerIdText } from './call-legs'
import type { FaceResponse } from './http-face'
import { dateTime, empty, error, table, type Row } from './pbxcloud-format'
import { extensions, type PbxcloudContext } from './pbxcloud-reads'
import type { VoicemailMessage } from './pbx-types'

const jsonType = { 'Content-Type': 'application/json; charset=utf-8' }
const plainType = { 'Content-Type': 'text/plain; charset=utf-8' }

/**
 * The extension table's columns as a real server's `SELECT *` gives them: about 43,
 * nearly all `ex_`-prefixed. Only `ex_number`, `ex_name`, `ex_state` and the three
 * secrets are known names (P4); the rest stand for the columns a client must ignore.
 */
const extensionColumns = [
  'ex_id',
  'ex_te_id',
  'ex_number',
  'ex_name',
  'ex_tech',
  'ex_state',
  'password',
  'ex_webpassword',
  'ex_vmpassword',
  ...Array.from({ length: 34 }, (_, i) => `ex_field${String(i + 1).padStart(2, '0')}`),
] as const

export function extensionsAnswer(ctx: PbxcloudContext): FaceResponse {
  const list = extensions(ctx)
  if (list.length === 0) return empty()
  if (ctx.format === 'plain') {
    // P3: this header has no trailing pipe.
    const rows = list.map((e) => ({
      Number: e.number,
      Name: e.name,
      Tech: 'SIP',
      State: ctx.pbx.calls.deviceState(ctx.tenant, e.number),
      Username: e.username,
      Password: e.sipPassword,
    }))
    const columns = ['Number', 'Name', 'Tech', 'State', 'Username', 'Password']
    return table({ columns, rows, trailingPipe: false }, 'plain')
  }
  const rows = list.map((e, index) => {
    const row: Record<string, string> = {}
    for (const column of extensionColumns) row[column] = ''
    row.ex_id = String(1000 + index)
    row.ex_te_id = '7'
    row.ex_number = e.number
    row.ex_name = e.name
    row.ex_tech = 'SIP'
    row.ex_state = ctx.pbx.calls.deviceState(ctx.tenant, e.number)
    // Secrets a real answer carries (P4): the client must drop them, never show them.
    row.password = e.sipPassword
    row.ex_webpassword = `web-${e.sipPassword}`
    row.ex_vmpassword = String(1000 + ((index * 7919) % 9000))
    return row
  })
  return { headers: jsonType, body: JSON.stringify(rows) }
}

/** The agent's state in words, as the plain agents line shows it. */
function agentState(ctx: PbxcloudContext, extension: string, paused: boolean): string {
  if (paused) return 'Paused'
  switch (ctx.pbx.calls.deviceState(ctx.tenant, extension)) {
    case 'INUSE':
    case 'BUSY':
      return 'In use'
    case 'RINGING':
    case 'RINGINUSE':
      return 'Ringing'
    case 'UNAVAILABLE':
      return 'Unavailable'
    default:
      return 'Idle'
  }
}

/** Which values a json agent row carries; their positions are this run's (P5: undocumented). */
const agentValues = ['queue', 'user', 'state', 'name', 'calls', 'lastcall'] as const

export function agentsAnswer(ctx: PbxcloudContext): FaceResponse {
  const wanted = ctx.params.queue
  const queues = ctx.pbx.queues.list(ctx.tenant).filter((q) => !wanted || q.id === wanted)
  if (wanted && queues.length === 0) return error('Queue not found')
  const plain: string[] = []
  const json: Record<string, Record<string, string | number>> = {}
  const order = ctx.vary.order('AGENTS', agentValues)
  for (const q of queues) {
    for (const a of q.agents) {
      const ext = ctx.pbx.extension(ctx.tenant, a.extension)
      if (!ext) continue
      const state = agentState(ctx, ext.number, a.paused)
      plain.push(`${ext.number}:${state}|`)
      const values: Record<(typeof agentValues)[number], string | number> = {
        queue: q.id,
        user: ext.username,
        state,
        name: ext.name,
        calls: a.callsTaken,
        lastcall: a.lastCall !== undefined ? Math.floor(a.lastCall / 1000) : 0,
      }
      const row: Record<string, string | number> = {}
      order.forEach((what, position) => {
        const value = values[what as (typeof agentValues)[number]]
        row[String(position)] = ctx.vary.stringValues ? String(value) : value
      })
      json[ext.number] = row
    }
  }
  if (plain.length === 0) return empty()
  if (ctx.format === 'json') return { headers: jsonType, body: JSON.stringify(json) }
  return { headers: plainType, body: plain.join('') }
}

export function voicemailMessagesAnswer(
  ctx: PbxcloudContext,
  mailbox: string,
  messages: readonly VoicemailMessage[],
): FaceResponse {
  const rows: Row[] = [...messages]
    .sort((a, b) => a.origdate - b.origdate)
    .map((m) => ({
      Msgid: m.msgid,
      CallerID: callerIdText(m.caller),
      Duration: String(m.durationSec),
      DateTime:
        ctx.vary.voicemailTime === 'epoch' ? String(m.origdate) : dateTime(m.origdate * 1000),
      Dir: `/var/spool/asterisk/voicemail/${ctx.tenant}/${mailbox}/${m.folder}`,
    }))
  const columns = ['Msgid', 'CallerID', 'Duration', 'DateTime', 'Dir']
  return table(
    { columns, rows, trailingPipe: ctx.vary.trailingPipe('VOICEMAIL_MESSAGES') },
    ctx.format,
  )
}
