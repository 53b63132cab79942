/**
 * How `proxyapi.php` writes its answers (docs/dialects/pbxcloud.md): pipe
 * tables or JSON, `Success|…|` / `Error|…|` lines, CSV CDRs, WAV bodies.
 */
import type { FaceResponse } from './http-face'
import type { Variation } from './pbxcloud-vary'

export type Format = 'plain' | 'json'
export type Cell = string | number
export type Row = Record<string, Cell>

export interface Table {
  columns: readonly string[]
  rows: readonly Row[]
  /** VOICEMAIL's answers end every line with `|` (the documented quirk). */
  trailingPipe?: boolean
  /** JSON gives an object rather than an array (INFO config). */
  single?: boolean
  /**
   * An undocumented table (P10): its name, and the run's variation of what is
   * unknown (column case, order, extra columns, trailing pipe, value types).
   */
  varied?: { name: string; by: Variation }
}

/** The table as this run's server version writes it. */
function applyVariation(t: Table): Table {
  if (!t.varied) return t
  const { name, by } = t.varied
  const extras = by.extras(name)
  const columns = by.order(name, [...t.columns, ...extras])
  const rows = t.rows.map((row) => {
    const out: Row = {}
    for (const column of columns) {
      const value =
        column in row ? row[column] : extras.includes(column) ? by.extraValue(column) : ''
      out[by.key(column)] = value ?? ''
    }
    return out
  })
  const varied: Table = { columns: columns.map((c) => by.key(c)), rows }
  if (t.single) varied.single = true
  varied.trailingPipe = t.trailingPipe ?? by.trailingPipe(name)
  return varied
}

export const wrongKeyText = 'Too bad... you mistaken the security api key.'

const plainType = { 'Content-Type': 'text/plain; charset=utf-8' }

/** A value must not break the table: pipes and line breaks become spaces. */
function cell(value: Cell | undefined): string {
  return String(value ?? '').replace(/[|\r\n]+/g, ' ')
}

export function empty(): FaceResponse {
  return { headers: plainType, body: '' }
}

export function table(original: Table, format: Format): FaceResponse {
  if (original.rows.length === 0) return empty()
  const t = applyVariation(original)
  if (format === 'json') {
    // Like PHP's json_encode of database rows: every value a string, unless this
    // run's server version keeps numbers as numbers.
    const keepNumbers = original.varied ? !original.varied.by.stringValues : false
    const objects = t.rows.map((row) =>
      Object.fromEntries(
        t.columns.map((c) => {
          const value = row[c] ?? ''
          return [c, keepNumbers && typeof value === 'number' ? value : String(value)]
        }),
      ),
    )
    const body = JSON.stringify(t.single ? objects[0] : objects)
    return { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body }
  }
  const end = t.trailingPipe ? '|' : ''
  const lines = [
    t.columns.join('|') + end,
    ...t.rows.map((row) => t.columns.map((c) => cell(row[c])).join('|') + end),
  ]
  return { headers: plainType, body: lines.join('\n') + '\n' }
}

export function success(words: string, id?: string): FaceResponse {
  return { headers: plainType, body: `Success|${words}|${id !== undefined ? `${id}|` : ''}` }
}

export function error(words: string): FaceResponse {
  return { headers: plainType, body: `Error|${words}|` }
}

export function wrongKey(): FaceResponse {
  return { headers: plainType, body: wrongKeyText }
}

function csvField(value: Cell): string {
  const s = String(value)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function csv(columns: readonly string[], rows: readonly Row[]): FaceResponse {
  if (rows.length === 0) return empty()
  const lines = [
    columns.join(','),
    ...rows.map((row) => columns.map((c) => csvField(row[c] ?? '')).join(',')),
  ]
  return { headers: { 'Content-Type': 'text/csv; charset=utf-8' }, body: lines.join('\n') + '\n' }
}

export function wav(audio: Buffer | undefined): FaceResponse {
  if (!audio) return empty()
  return { headers: { 'Content-Type': 'audio/wav' }, body: audio }
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, the demo tenant's time zone. */
export function dateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

/** Parses `YYYY-MM-DD[ HH:MM[:SS]]` (UTC); a bare date at the end of a range means the whole day. */
export function parseDateTime(text: string, endOfDay: boolean): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim())
  if (!m) return undefined
  const [, y, mo, d, h, mi, s] = m
  const base = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
  )
  if (Number.isNaN(base)) return undefined
  return h === undefined && endOfDay ? base + 86_399_000 : base
}
