/**
 * Readers for the PBXCloud answers whose real shape differs from a plain table
 * (PLATFORM-FACTS P4–P6, P9, P10): `ex_`-prefixed extension rows, positional agent
 * rows, voicemail rows with `Dir`, and undocumented lists read by what their
 * values look like rather than by a named column.
 */
import { AppError } from '../../../shared/result'
import { safeName } from '../../../shared/untrusted-text'
import { parseDateTime, parseRows, type Row } from './parse'

/** The value of the first field present under any of the names, with or without a table prefix. */
export function field(row: Row, ...names: string[]): string | undefined {
  let prefixed: Map<string, string> | undefined
  for (const name of names) {
    const value = row[name]
    if (value !== undefined) return value
    // Real rows are database rows (`ex_number`, `qu_name`): the name behind a table prefix.
    if (prefixed === undefined) {
      prefixed = new Map()
      for (const [key, v] of Object.entries(row)) {
        const bare = /^[a-z]{1,4}_(.+)$/.exec(key)?.[1]
        if (bare !== undefined && !prefixed.has(bare)) prefixed.set(bare, v)
      }
    }
    const behind = prefixed.get(name)
    if (behind !== undefined) return behind
  }
  return undefined
}

/** `yes`, `1`, `true`, `on` (any case) → true. */
export function truthy(value: string | undefined): boolean {
  return /^\s*(yes|y|1|true|on)\s*$/i.test(value ?? '')
}

export interface ExtensionEntry {
  number: string
  name: string
  /** Device state when the row carries one (`ex_state`). */
  state?: string
}

/**
 * INFO extensions: json rows `ex_number`, `ex_name`, `ex_state` … (P4) or the plain
 * table `Number|Name|Tech|State|Username|Password` (P3). Secrets never leave the parser.
 */
export function readExtensions(body: string): ExtensionEntry[] {
  const entries: ExtensionEntry[] = []
  for (const row of parseRows(body, [])) {
    const number = (field(row, 'number', 'extension', 'exten') ?? '').trim()
    if (!/^[0-9*#+]{1,32}$/.test(number)) continue
    const entry: ExtensionEntry = { number, name: safeName(field(row, 'name', 'fullname')) }
    const state = field(row, 'state')
    if (state) entry.state = state
    entries.push(entry)
  }
  return entries
}

export interface AgentEntry {
  /** The key of the json object, or the part before `:` in the plain line. */
  agent: string
  /** Every value of the row, as sent (positional: meaning unknown). */
  values: string[]
  paused: boolean
}

const PAUSED = /\bpaused\b/i

/**
 * INFO agents (P5): plain `4004:Idle|4005:Paused|…|`, or json `{ "<agent>": { "0": …,
 * "1": … } }`. Positions are undocumented, so a row keeps all its values and the
 * caller recognises the queue and the SIP user by their form.
 */
export function readAgents(body: string): AgentEntry[] {
  const text = body.replace(/^\uFEFF/, '').trim()
  if (text === '') return []
  const first = text[0]
  if (first !== '{' && first !== '[') {
    parseRows(text, []) // throws the typed error an error text carries
    return text
      .split(/[|\r\n]+/)
      .map((cell) => cell.trim())
      .filter((cell) => cell.includes(':'))
      .map((cell) => {
        const colon = cell.indexOf(':')
        const state = cell.slice(colon + 1).trim()
        return { agent: cell.slice(0, colon).trim(), values: [state], paused: PAUSED.test(state) }
      })
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new AppError(
      'bad_response',
      'The PBXCloud portal sent an agent list that cannot be read.',
      undefined,
      {
        code: 'bad_response.unreadable',
      },
    )
  }
  const pairs: [string, unknown][] = Array.isArray(data)
    ? data.map((item, index) => [String(index), item])
    : typeof data === 'object' && data !== null
      ? Object.entries(data)
      : []
  return pairs.map(([key, item]) => {
    const values = valuesOf(item)
    const named =
      typeof item === 'object' && item !== null && !Array.isArray(item)
        ? namedAgent(item)
        : undefined
    return {
      agent: named?.agent ?? key,
      values,
      paused: named?.paused ?? values.some((value) => PAUSED.test(value)),
    }
  })
}

function valuesOf(item: unknown): string[] {
  if (typeof item === 'string' || typeof item === 'number') return [String(item)]
  if (typeof item !== 'object' || item === null) return []
  return Object.values(item)
    .filter(
      (value) =>
        typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean',
    )
    .map((value) => String(value).trim())
}

/** A row with named fields (`Extension`, `Paused`), as older servers may send. */
function namedAgent(item: object): { agent?: string; paused?: boolean } | undefined {
  const row: Row = {}
  for (const [key, value] of Object.entries(item)) row[key.toLowerCase()] = String(value)
  if (Object.keys(row).every((key) => /^\d+$/.test(key))) return undefined
  const out: { agent?: string; paused?: boolean } = {}
  const agent = field(row, 'extension', 'agent', 'member')
  if (agent) out.agent = agent
  const paused = field(row, 'paused')
  if (paused !== undefined) out.paused = truthy(paused) || PAUSED.test(paused)
  return out
}

/** Whether an agent row is the agent's own: by extension number or SIP user (`SIP/201-DEMO`). */
export function isOwnAgent(entry: AgentEntry, number: string, account: string): boolean {
  const user = account.toLowerCase()
  if (entry.agent === number || entry.agent.toLowerCase() === user) return true
  return entry.values.some((value) => {
    const v = value.toLowerCase()
    return v === user || v.endsWith(`/${user}`) || v.startsWith(`${user}@`)
  })
}

export interface VoicemailEntry {
  msgid: string
  callerId: string
  durationSec: number
  receivedAt: number
  /** The folder at the end of `Dir` (`INBOX`, `Old`, …), upper-cased. */
  folder: string
}

/** `1475685709-00000004`: the epoch seconds the message was left, then a counter. */
const MSGID = /^(\d{9,11})-\d+$/

/** VOICEMAIL messages (P6): `Msgid, CallerID, Duration, DateTime, Dir`. */
export function readVoicemails(body: string): VoicemailEntry[] {
  return parseRows(body, ['msgid']).map((row) => {
    const msgid = (row.msgid ?? '').trim()
    const dir = (field(row, 'dir', 'folder') ?? '').trim().replace(/[\\/]+$/, '')
    return {
      msgid,
      callerId: field(row, 'callerid') ?? '',
      durationSec: Math.max(0, Number.parseInt(field(row, 'duration') ?? '', 10) || 0),
      receivedAt: timeOf(field(row, 'datetime', 'origdate', 'date') ?? '', msgid),
      folder: (dir.split(/[\\/]/).pop() ?? '').toUpperCase(),
    }
  })
}

/** Epoch seconds, `YYYY-MM-DD HH:MM:SS`, or any date text Date can read; else the msgid's time. */
function timeOf(value: string, msgid: string): number {
  const text = value.trim()
  if (/^\d{9,11}$/.test(text)) return Number(text) * 1000
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/.test(text)) return parseDateTime(text)
  const parsed = text ? Date.parse(text) : Number.NaN
  if (Number.isFinite(parsed)) return parsed
  const fromId = MSGID.exec(msgid)?.[1]
  return fromId ? Number(fromId) * 1000 : 0
}

/**
 * PHONEBOOKS (manual; output undocumented): a phone book's name from a row's
 * `name`-like field, or the single value of a one-column row, or a bare json list.
 */
export function readPhonebooks(body: string): string[] {
  const text = body.replace(/^\uFEFF/, '').trim()
  if (text.startsWith('[')) {
    try {
      const list: unknown = JSON.parse(text)
      if (Array.isArray(list) && list.every((item) => typeof item === 'string')) {
        return unique(list.map((name) => safeName(name, 64)))
      }
    } catch {
      // Not a bare list of names: read as rows below, which says what is wrong.
    }
  }
  const names = parseRows(text, []).map((row) => {
    const named = field(row, 'name', 'phonebook', 'pb_name', 'description')
    if (named !== undefined) return named
    const values = Object.values(row)
    return values.length === 1 ? (values[0] ?? '') : ''
  })
  return unique(names.map((name) => safeName(name, 64)))
}

function unique(names: string[]): string[] {
  return [...new Set(names.filter((name) => name !== ''))]
}
