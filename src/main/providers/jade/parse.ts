/**
 * Readers for jade answers (seed 004, docs/dialects/jade.md). Every answer is the
 * envelope `{"api_ver", "result"?, "statuscode", "timestamp"}`; errors add
 * `"error": {"code", "message"}` and carry the status as the HTTP status too. The
 * server's messages are nearly always empty, so the words here are our own.
 * Strict about structure, tolerant about detail (a list may come as
 * `{"list": [...]}` or as a bare array; numbers may come as strings). They return
 * a value or throw an AppError, never anything else.
 */
import { excerpt } from '../../../shared/redact'
import { AppError } from '../../../shared/result'

export type Rec = Readonly<Record<string, unknown>>

const LABEL = 'The jade server'
const MAX_ITEMS = 100_000

/**
 * A request refused for a missing or expired authtoken (jade says 403, not 401).
 * The client signs in again and retries once; it never reaches the session as is.
 */
export class TokenRejected extends AppError {
  constructor() {
    super('auth', `${LABEL} ended the sign-in session.`)
    this.name = 'TokenRejected'
  }
}

/**
 * jade's answers carry passwords (`/me/contacts` and `/me/info`: the SIP password
 * of each device; `/admin/user/users`: every user's sign-in password), as strings
 * or numbers. They are cut out of the WHOLE text before an excerpt is taken, so
 * neither a cut through the middle of one nor an unquoted value can leak.
 */
const passwordField = /("(?:password|secret|passwd)"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\]\s]+)/gi

export function withoutPasswords(body: string): string {
  return body.replace(passwordField, '$1"[redacted]"')
}

function bad(what: string, body: string): AppError {
  return new AppError(
    'bad_response',
    `${LABEL} sent ${what}: "${excerpt(withoutPasswords(body))}"`,
    undefined,
    { code: 'bad_response.unreadable' },
  )
}

/**
 * One path segment from an id the server gave or the window sent: text of 1 to
 * 200 characters without controls, never `.` or `..` (which would climb out of
 * the path they are put in), percent-encoded.
 */
export function segment(id: string, what: string): string {
  if (
    id.length === 0 ||
    id.length > 200 ||
    id === '.' ||
    id === '..' ||
    /[\u0000-\u001f\u007f]/.test(id)
  )
    throw new AppError('invalid_argument', `That is not a valid id for ${what}.`, undefined, {
      code: 'invalid_argument.id',
    })
  return encodeURIComponent(id)
}

export function isRec(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function errorFor(status: number, what: string): AppError {
  if (status === 403) return new TokenRejected()
  if (status === 401) return new AppError('auth', `${LABEL} refused the sign-in.`)
  if (status === 404) return new AppError('not_found', `${LABEL} does not know ${what}.`)
  if (status === 400 || status === 405 || status === 409 || status === 422)
    return new AppError('invalid_argument', `${LABEL} refused the request for ${what}.`)
  return new AppError(
    'bad_response',
    `${LABEL} answered the request for ${what} with HTTP ${status}.`,
  )
}

/**
 * The `result` of one answer (undefined when an action's answer has none), or the
 * typed error the status says. `what` names the thing asked for, in words.
 */
export function parseAnswer(status: number, body: string, what: string): unknown {
  const text = body.replace(/^\uFEFF/, '').trim()
  let data: unknown
  try {
    data = text === '' ? {} : JSON.parse(text)
  } catch {
    if (status >= 400) throw errorFor(status, what)
    if (/^<(!doctype|html)/i.test(text)) throw bad('a web page instead of data', text)
    throw bad('JSON that cannot be read', text)
  }
  // The envelope repeats the status; trust whichever of the two is an error.
  const inner = isRec(data) && typeof data.statuscode === 'number' ? data.statuscode : 200
  const effective = status >= 400 ? status : inner >= 400 ? inner : status
  if (effective >= 400) throw errorFor(effective, what)
  if (Array.isArray(data)) return data
  if (!isRec(data)) throw bad('an answer that is not an object', text)
  return data.result
}

/** Items of a list in either shape: `{"list": [...]}` or a bare array. */
export function listOf(result: unknown, what: string): Rec[] {
  let items: unknown
  if (Array.isArray(result)) items = result
  else if (isRec(result) && Array.isArray(result.list)) items = result.list
  else if (result === undefined || result === null) return []
  else throw bad(`something other than a list of ${what}`, JSON.stringify(result) ?? '')
  const list = items as unknown[]
  if (list.length > MAX_ITEMS) throw bad(`too many ${what}`, '')
  const records: Rec[] = []
  for (const item of list) {
    if (!isRec(item))
      throw bad(`a list of ${what} with an item that is not a record`, JSON.stringify(item) ?? '')
    records.push(item)
  }
  return records
}

/** The record `result` must be. */
export function recordOf(result: unknown, what: string): Rec {
  if (!isRec(result)) throw bad(`no ${what}`, JSON.stringify(result ?? null))
  return result
}

/** A field as text: strings as they are, numbers and booleans printed, anything else ''. */
export function text(rec: Rec, key: string): string {
  const value = rec[key]
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return ''
}

/** A field as a number (numeric strings too), or undefined. */
export function num(rec: Rec, key: string): number | undefined {
  const value = rec[key]
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value)
  return undefined
}

/** A field as a record, or an empty one. */
export function sub(rec: Rec, key: string): Rec {
  const value = rec[key]
  return isRec(value) ? value : {}
}

/**
 * jade's `YYYY-MM-DDTHH:MM:SS.<ns>Z` → epoch ms; undefined when absent or
 * unreadable (a missing time is not worth failing a whole list for). jade prints
 * the nanoseconds with `%ld` (utils.c, utils_get_utc_timestamp): NOT zero-padded,
 * so `.56688782Z` is 56 688 782 ns = 56 ms, and 1 to 9 digits occur. Nine
 * digits read the same either way; other zones and forms are read as RFC 3339.
 */
export function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      value.trim(),
    )
  if (!match) return undefined
  const [, y, mo, d, h, mi, s, frac, zone] = match
  const ms = frac === undefined ? 0 : Math.floor(Number(frac) / 1_000_000)
  let at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms)
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    at -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000
  }
  return Number.isFinite(at) ? at : undefined
}

/** Epoch ms → the UTC form jade reads in `timestamp=` (nanosecond digits padded). */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')
}
