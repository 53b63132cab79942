/**
 * jade's envelope, error shape, timestamps and ids (docs/dialects/jade.md).
 * Shared by every jade route and by the WebSocket frames.
 */
import type { FaceResponse } from './http-face'
import type { PbxState } from './pbx-state'

export const jadeApiVer = '0.1'

export type JadeObject = Record<string, unknown>
export type ListShape = 'wrapped' | 'bare'

/**
 * jade prints the nanoseconds of the second with `%ld` (utils.c,
 * utils_get_utc_timestamp): no leading zeros, so 1 to 9 digits — seed 004's
 * `…07:19:00.56688782Z` is 56 688 782 ns. The simulation has milliseconds, so
 * `ns` (0…999999) fills the rest — chat messages use it to stay unique within
 * one millisecond.
 */
export function jadeTime(ms: number, ns = 0): string {
  const base = new Date(ms).toISOString().slice(0, 19)
  const millis = ((ms % 1000) + 1000) % 1000
  const nanos = millis * 1_000_000 + Math.max(0, Math.min(999_999, Math.floor(ns)))
  return `${base}.${nanos}Z`
}

/** Nanoseconds since the epoch, for ordering; undefined when the text is no timestamp. */
export function parseJadeTime(text: string): bigint | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(text.trim())
  if (!m?.[1]) return undefined
  const secondsMs = Date.parse(`${m[1]}Z`)
  if (Number.isNaN(secondsMs)) return undefined
  // The digits ARE the nanoseconds, as jade prints them (see jadeTime).
  return BigInt(secondsMs) * 1_000_000n + BigInt((m[2] ?? '0').slice(0, 9))
}

export function nanosOf(ms: number, ns = 0): bigint {
  return BigInt(ms) * 1_000_000n + BigInt(ns)
}

/** A stable UUID (v4 layout) for a label, so a demo user keeps its id across runs of one seed. */
export function stableUuid(pbx: PbxState, label: string): string {
  const h = pbx.token(`jade:${label}`, 32)
  const variant = ((parseInt(h.charAt(16), 16) & 3) | 8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

function json(status: number, body: JadeObject): FaceResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  }
}

/**
 * 200 with `result` when given; actions answer the bare header. The key order
 * differs between jade's code (`api_ver`, `timestamp`, `statuscode`, then
 * `result`: http_create_default_result) and the seed's examples (sorted): the
 * demo answers in one or the other, by the second, so no reader relies on it.
 */
export function ok(now: number, result?: unknown): FaceResponse {
  const sorted = Math.floor(now / 1000) % 2 === 0
  const body: JadeObject = sorted
    ? { api_ver: jadeApiVer }
    : { api_ver: jadeApiVer, timestamp: jadeTime(now), statuscode: 200 }
  if (result !== undefined) body.result = result
  if (sorted) {
    body.statuscode = 200
    body.timestamp = jadeTime(now)
  }
  return json(200, body)
}

/** The server's error shape: the HTTP status repeated twice, the message nearly always empty. */
export function fail(now: number, status: number, message = ''): FaceResponse {
  return json(status, {
    api_ver: jadeApiVer,
    timestamp: jadeTime(now),
    statuscode: status,
    error: { code: status, message },
  })
}

/** The code wraps lists; the documents sometimes show them bare — the face serves either. */
export function listResult(shape: ListShape, items: readonly unknown[]): unknown {
  return shape === 'bare' ? [...items] : { list: [...items] }
}

export const seconds = (ms: number): number => Math.floor(ms / 1000)

/** A user's one PJSIP endpoint is named by the extension: `PJSIP/201`. */
export function deviceName(number: string): string {
  return `PJSIP/${number}`
}
