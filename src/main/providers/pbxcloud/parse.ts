/**
 * Parsers for PBXCloud answers (docs/dialects/pbxcloud.md). Strict about
 * structure, tolerant about detail: column order, extra columns, letter case of
 * column names, a trailing `|`, CRLF. They return a value or throw an AppError
 * (`bad_response`, `auth`, `not_found`, `invalid_argument`), never anything else.
 */
import { excerpt } from '../../../shared/redact'
import { AppError } from '../../../shared/result'

/** A row keyed by lower-cased column name; every value a string. */
export type Row = Record<string, string>

const WRONG_KEY = /^too bad\.\.\./i
const MAX_ROWS = 100_000

/**
 * Columns that hold secrets in real answers (P4: `password`, `ex_webpassword`,
 * `ex_vmpassword`, …): dropped while the rows are built, so no row ever holds one.
 */
const SECRET_COLUMN = /pass|secret|pin$/i

function badResponse(what: string, body: string): AppError {
  // A body that may carry a secret is never quoted, whatever went wrong with it.
  const quote = body !== '' && !SECRET_COLUMN.test(body) ? `: "${excerpt(body)}"` : ''
  return new AppError('bad_response', `The PBXCloud portal sent ${what}${quote}`, undefined, {
    code: 'bad_response.unreadable',
  })
}

/** Turn a plain-text error answer into a typed error; return null when the body is not one. */
export function errorOf(body: string): AppError | null {
  const text = body.trim()
  if (WRONG_KEY.test(text)) {
    // P1: HTTP 200 and this text, whatever format was asked.
    return new AppError(
      'auth',
      'The PBXCloud portal refused the API key. Check the key in the account settings.',
      undefined,
      { code: 'auth.bad_credentials' },
    )
  }
  if (/^<(!doctype|html)/i.test(text)) return badResponse('a web page instead of data', text)
  const match = /^error\|([^|\r\n]*)/i.exec(text)
  if (!match) return null
  const words = (match[1] ?? '').trim() || 'an unspecified error'
  if (/tenant/i.test(words)) {
    return new AppError(
      'auth',
      `The PBXCloud portal does not know this tenant (${excerpt(words, 60)}). Check the tenant code.`,
      undefined,
      { code: 'auth.bad_credentials' },
    )
  }
  if (/permission|read.?only/i.test(words)) {
    return new AppError('auth', 'This API key is read-only; the action needs a read/write key.')
  }
  if (/not found|no such|unknown/i.test(words))
    return new AppError('not_found', `PBXCloud: ${excerpt(words, 120)}`)
  return new AppError('invalid_argument', `PBXCloud refused the request: ${excerpt(words, 120)}`)
}

function cellValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/** Whether for-in over a parsed JSON object can meet keys it does not own (a polluted prototype). */
function inheritsEnumerableKeys(): boolean {
  for (const _key in Object.prototype) return true
  return false
}

function fromJson(body: string): Row[] {
  let data: unknown
  try {
    data = JSON.parse(body)
  } catch {
    throw badResponse('JSON that cannot be read', body)
  }
  const items: unknown[] = Array.isArray(data) ? data : [data]
  if (items.length > MAX_ROWS) throw badResponse('too many rows', '')
  // Keys repeat on every row, nearly always in the same order: the key seen at each
  // position last time gives its lower-case name without a lookup (JSON.parse keeps
  // one copy of each key, so the comparison is one step); other keys are lower-cased
  // once each. Parsed objects inherit from Object.prototype alone: unless it has
  // enumerable keys, every key for-in meets is the row's own.
  const mayInherit = inheritsEnumerableKeys()
  const lower = new Map<string, string>()
  const keyAt: string[] = []
  const nameAt: string[] = []
  const rows: Row[] = new Array<Row>(items.length)
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw badResponse('a JSON list whose items are not records', body)
    }
    const row: Row = {}
    let at = 0
    for (const key in item) {
      if (mayInherit && !Object.hasOwn(item, key)) continue
      let name = keyAt[at] === key ? nameAt[at] : undefined
      if (name === undefined) {
        name = lower.get(key)
        if (name === undefined) {
          name = key.toLowerCase()
          lower.set(key, name)
        }
        keyAt[at] = key
        nameAt[at] = name
      }
      at++
      if (SECRET_COLUMN.test(name)) continue
      const value = (item as Record<string, unknown>)[key]
      row[name] = typeof value === 'string' ? value : cellValue(value)
    }
    rows[i] = row
  }
  return rows
}

function splitCells(line: string): string[] {
  const cells = line.split('|')
  if (cells.length > 1 && cells[cells.length - 1]?.trim() === '') cells.pop()
  return cells.map((cell) => cell.trim())
}

function fromPlain(body: string, separator: '|' | ','): Row[] {
  const lines = body.split(/\r?\n/).filter((line) => line.trim() !== '')
  if (lines.length > MAX_ROWS) throw badResponse('too many rows', '')
  const [headerLine, ...rest] = lines
  if (headerLine === undefined) return []
  const split = separator === '|' ? splitCells : splitCsvLine
  const header = split(headerLine).map((name) => name.toLowerCase())
  if (header.length === 0 || header.some((name) => name === '')) {
    throw badResponse('a table without a proper header row', body)
  }
  return rest.map((line) => {
    const cells = split(line)
    const row: Row = {}
    header.forEach((name, index) => {
      if (!SECRET_COLUMN.test(name)) row[name] = cells[index] ?? ''
    })
    return row
  })
}

/** Split one CSV line (RFC 4180 quoting, no embedded newlines). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"' && cell === '') quoted = true
    else if (ch === ',') {
      cells.push(cell.trim())
      cell = ''
    } else cell += ch
  }
  cells.push(cell.trim())
  return cells
}

/**
 * Rows of a list answer in either format. An empty body is an empty list; an
 * error text becomes its typed error; the required columns must be present.
 */
export function parseRows(body: string, required: readonly string[], csv = false): Row[] {
  const text = body.replace(/^\uFEFF/, '')
  if (text.trim() === '') return []
  const error = errorOf(text)
  if (error) throw error
  const first = text.trimStart()[0]
  const rows = first === '[' || first === '{' ? fromJson(text) : fromPlain(text, csv ? ',' : '|')
  const sample = rows[0]
  if (sample) {
    const missing = required.filter((column) => !(column.toLowerCase() in sample))
    if (missing.length)
      throw badResponse(`a list without the column(s) ${missing.join(', ')}`, text)
  }
  return rows
}

/** The fields of a `Success|…|` action answer; anything else is an error. */
export function parseSuccess(body: string): string[] {
  const text = body.trim()
  const error = errorOf(text)
  if (error) throw error
  if (!/^success\|/i.test(text)) throw badResponse('an unexpected answer to an action', text)
  return splitCells(text.split(/\r?\n/)[0] ?? '').slice(1)
}

/** `"Name" <number>`, `Name <number>` or a bare number. */
export function parseCallerId(value: string): { number: string; name?: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/.exec(value)
  if (match) {
    const name = (match[1] ?? '').trim()
    const number = (match[2] ?? '').trim()
    return name && name !== number ? { number, name } : { number }
  }
  return { number: value.trim() }
}

/** `YYYY-MM-DD HH:MM:SS` (UTC, as the demo and most tenants report) → epoch ms. */
export function parseDateTime(value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim())
  if (!match)
    throw new AppError(
      'bad_response',
      `The PBXCloud portal sent a date that cannot be read: "${excerpt(value, 40)}"`,
    )
  const [, y, mo, d, h, mi, s] = match
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
}

export function formatDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')
}

export function intOf(value: string | undefined, fallback = 0): number {
  const n = Number.parseInt(value ?? '', 10)
  return Number.isFinite(n) ? n : fallback
}
