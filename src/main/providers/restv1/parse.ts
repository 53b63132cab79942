/**
 * Parsers for REST API ver1.0 answers (seed 002, docs/dialects/restv1.md).
 * Strict about structure (zod), tolerant about detail: ids as numbers or strings,
 * `null` or missing optional fields, extra fields. They return a value or throw
 * an AppError, never anything else. Untrusted text is cleaned later, where it
 * becomes the app's model (normalise.ts).
 */
import { z } from 'zod'
import { excerpt } from '../../../shared/redact'
import { AppError } from '../../../shared/result'
import {
  flagField,
  idField,
  isRecord,
  lowerKeys,
  readRows,
  textField,
  withLowerKeys,
  type Rec,
} from './row-readers'

const LABEL = 'The PBX API'
const MAX_ITEMS = 100_000

/** Any scalar as text; `null` and missing as ''. */
const text = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined ? '' : String(v)))
const id = z.union([z.string().min(1).max(200), z.number().int()]).transform(String)
const count = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v) => {
    const n = Number(v ?? 0)
    return Number.isFinite(n) && n >= 0 ? Math.floor(n) : 0
  })
const flag = z
  .union([z.boolean(), z.number(), z.string(), z.null()])
  .optional()
  .transform((v) => v === true || v === 1 || v === 'true' || v === '1')

function badResponse(what: string, body?: string): AppError {
  const tail = body === undefined ? '' : `: "${excerpt(body)}"`
  return new AppError('bad_response', `${LABEL} sent ${what}${tail}`)
}

/** JSON of an answer; a web page or broken JSON is `bad_response`. */
export function parseJson(body: string): unknown {
  const textBody = body.replace(/^\uFEFF/, '').trim()
  if (/^<(!doctype|html|\?xml)/i.test(textBody)) throw badResponse('a web page instead of data')
  try {
    return JSON.parse(textBody) as unknown
  } catch {
    throw badResponse('JSON that cannot be read', textBody)
  }
}

function checked<T>(schema: z.ZodType<T>, data: unknown, body: string, what: string): T {
  if (Array.isArray(data) && data.length > MAX_ITEMS) throw badResponse('too many items')
  const result = schema.safeParse(data)
  if (!result.success) throw badResponse(`${what} in an unexpected shape`, body)
  return result.data
}

/** Keys in any case (`Call_Flow`, `EXTENSION_ID`) are read as the seed spells them. */
function shaped<T>(schema: z.ZodType<T>, body: string, what: string): T {
  return checked(schema, withLowerKeys(parseJson(body)), body, what)
}

export { errorOf, parseToken, tokenErrorOf } from './errors'

const userSchema = z.object({
  id: text,
  login: text,
  name: text,
  client_id: text,
  extension_id: text,
  status: text,
})
export type UserRow = z.output<typeof userSchema>
export const parseUser = (body: string): UserRow => shaped(userSchema, body, 'the user')

const extensionSchema = z.object({
  id,
  name: text,
  label: text,
  type: text,
  status: text,
  caller_id_name: text,
})
export type ExtensionRow = z.output<typeof extensionSchema>
export const parseExtensions = (body: string): ExtensionRow[] =>
  shaped(z.array(extensionSchema), body, 'the extension list')

/*
 * Registrations and current calls are polled for the whole office: their rows are
 * read by row-readers.ts (the same checks as their schemas, without zod's per-field
 * work), and an answer the readers refuse goes through the schema, which decides.
 */

const registrationSchema = z.object({ extension_id: id, registered: flag })
export type RegistrationRow = z.output<typeof registrationSchema>
const registrationList = z.array(registrationSchema)
const readRegistration = (raw: Rec): RegistrationRow => {
  const row = lowerKeys(raw)
  return { extension_id: idField(row.extension_id), registered: flagField(row.registered) }
}
export const parseRegistrations = (body: string): RegistrationRow[] => {
  const data = parseJson(body)
  return (
    (Array.isArray(data) && readRows(data, readRegistration, MAX_ITEMS)) ||
    checked(registrationList, withLowerKeys(data), body, 'the registrations')
  )
}

/**
 * A `call_mdl` row exactly as seed 002 documents it (PLATFORM-FACTS R4). There is
 * no state field: ringing vs talking comes from `answer_time_gmt`, direction
 * from `call_flow`, hold only from what the agent did here (normalise.ts).
 * `real_call` defaults to true, as the seed says.
 */
const callSchema = z.object({
  call_api_id: id,
  extension_id: text,
  call_flow: text,
  caller_id_number: text,
  caller_id_name: text,
  called_number: text,
  called_did: text,
  init_time_gmt: text,
  answer_time_gmt: text,
  record_uuid: text,
  real_call: z
    .union([z.boolean(), z.number(), z.string(), z.null()])
    .optional()
    .transform(
      (v) =>
        v === undefined ||
        v === null ||
        v === '' ||
        v === true ||
        v === 1 ||
        v === 'true' ||
        v === '1',
    ),
  callback_id: text,
})
export type CallRow = z.output<typeof callSchema>
const callList = z.union([
  z.object({ call_list: z.array(callSchema).max(MAX_ITEMS) }).transform((d) => d.call_list),
  z.array(callSchema).max(MAX_ITEMS),
])
const readCall = (raw: Rec): CallRow => {
  const row = lowerKeys(raw)
  const real = row.real_call
  return {
    call_api_id: idField(row.call_api_id),
    extension_id: textField(row.extension_id),
    call_flow: textField(row.call_flow),
    caller_id_number: textField(row.caller_id_number),
    caller_id_name: textField(row.caller_id_name),
    called_number: textField(row.called_number),
    called_did: textField(row.called_did),
    init_time_gmt: textField(row.init_time_gmt),
    answer_time_gmt: textField(row.answer_time_gmt),
    record_uuid: textField(row.record_uuid),
    real_call: real === undefined || real === null || real === '' || flagField(real),
    callback_id: textField(row.callback_id),
  }
}
/** `{"call_list": [...]}` as the seed writes it, or a bare array. */
export const parseCallList = (body: string): CallRow[] => {
  const raw = parseJson(body)
  const data = isRecord(raw) ? lowerKeys(raw) : raw
  const list = isRecord(data) ? data.call_list : data
  return (
    (Array.isArray(list) && readRows(list, readCall, MAX_ITEMS)) ||
    checked(callList, withLowerKeys(data), body, 'the call list')
  )
}

/** Each hot row's schema and reader, which must agree (tests/unit/restv1-parse.test.ts). */
export const rowReaders = {
  registration: { schema: registrationSchema, read: readRegistration },
  call: { schema: callSchema, read: readCall },
}

export const parseCallback = (body: string): { callApiId: string } => {
  const data = shaped(z.object({ call_api_id: id }), body, 'the callback answer')
  return { callApiId: data.call_api_id }
}

const slotSchema = z.object({
  slot: id,
  call_api_id: text,
  caller_id_number: text,
  caller_id_name: text,
  parked_time_gmt: text,
  parked_by_extension_id: text,
})
export type SlotRow = z.output<typeof slotSchema>
export const parseSlots = (body: string): SlotRow[] =>
  shaped(z.array(slotSchema), body, 'the park slots')

const agentSchema = z.object({ id, status: text, name: text })
export type AgentRow = z.output<typeof agentSchema>
export const parseAgents = (body: string): AgentRow[] =>
  shaped(z.array(agentSchema), body, 'the agent list')
export const parseAgent = (body: string): AgentRow => shaped(agentSchema, body, 'the agent')

const queueAgentSchema = z.object({ agent_id: id })
export const parseQueueAgents = (body: string): string[] =>
  shaped(z.array(queueAgentSchema), body, 'the queue agents').map((row) => row.agent_id)

const queueStatusSchema = z.object({
  answered_members: count,
  waiting_members: count,
  trying_members: count,
})
export const parseQueueStatus = (body: string): { waiting: number } => {
  const data = shaped(queueStatusSchema, body, 'the queue status')
  return { waiting: data.waiting_members + data.trying_members }
}

const queueMemberSchema = z.object({ state: text, wait_time: count })
/**
 * The longest wait in seconds of the callers not yet answered (`waiting`, or
 * `trying` while agents ring), from `queue/status/members/`; undefined when none.
 */
export const parseLongestWait = (body: string): number | undefined => {
  const rows = shaped(z.array(queueMemberSchema).max(MAX_ITEMS), body, 'the queue members')
  const waits = rows
    .filter((row) => ['waiting', 'trying'].includes(row.state.toLowerCase()))
    .map((row) => row.wait_time)
  return waits.length ? Math.max(...waits) : undefined
}

const recordSchema = z.object({
  call_uuid: text,
  record_uuid: text,
  init_time_gmt: z.string().min(1),
  start_time_gmt: text,
  hangup_time_gmt: text,
  duration: count,
  flow: text,
  source_number: text,
  from_username: text,
  from_screen_name: text,
  dest_number: text,
  to_username: text,
  result: text,
  extension_id: text,
})
export type RecordRow = z.output<typeof recordSchema>
export const parseRecords = (body: string): RecordRow[] =>
  shaped(z.array(recordSchema), body, 'the call records')

const voicemailSchema = z.object({
  record_uuid: id,
  caller_id_number: text,
  caller_id_name: text,
  init_time_gmt: text,
  duration: count,
  read: flag,
})
export type VoicemailRow = z.output<typeof voicemailSchema>
export const parseVoicemails = (body: string): VoicemailRow[] =>
  shaped(z.array(voicemailSchema), body, 'the voicemail list')

export { formatGmt, parseGmt, parseRateLimit, totalCount } from './headers'
