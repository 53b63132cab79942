/**
 * Pure parts of the media protocol: which file a `switchboard-media://` URL
 * names, and HTTP Range answers, so `<audio>` can seek (Chromium asks for byte
 * ranges and will not seek in a stream answered without 206).
 */
import type { MediaFile } from '../providers/provider'

export type MediaKind = 'voicemail' | 'recording'

export interface MediaRef {
  accountId: string
  kind: MediaKind
  id: string
}

const accountPattern = /^[A-Za-z0-9_-]{1,64}$/
// PBX ids seen so far: "1700000000.123", "1700000-00000001", uuids. No '/', no '%'.
const idPattern = /^[A-Za-z0-9._:@+=-]{1,200}$/

/** `switchboard-media://<accountId>/<voicemail|recording>/<id>`, or null. */
export function parseMediaUrl(url: string, scheme = 'switchboard-media'): MediaRef | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${scheme}:` || parsed.search || parsed.username) return null
  const parts = parsed.pathname.split('/')
  if (parts.length !== 3 || parts[0] !== '') return null
  const [, kind, rawId] = parts as [string, string, string]
  let id: string
  try {
    id = decodeURIComponent(rawId)
  } catch {
    return null
  }
  // A standard scheme's host is lower-cased on the way (account ids may have
  // capitals): the adapter matches it to an account with resolveAccountId.
  const accountId = parsed.hostname
  if (!accountPattern.test(accountId)) return null
  if (kind !== 'voicemail' && kind !== 'recording') return null
  if (!idPattern.test(id) || id === '.' || id === '..') return null
  return { accountId, kind, id }
}

/** The account a lower-cased host names; null when none or ambiguous. */
export function resolveAccountId(host: string, accountIds: readonly string[]): string | null {
  const matches = accountIds.filter((id) => id.toLowerCase() === host.toLowerCase())
  return matches.length === 1 ? matches[0]! : null
}

export type RangeResult =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' }

/**
 * Read a Range header against a body of `size` bytes. One `bytes=` range is
 * served; another unit or several ranges are ignored (a full answer, as RFC 9110
 * allows); a malformed or out-of-bounds bytes range is unsatisfiable (416).
 */
export function parseRange(header: string | null | undefined, size: number): RangeResult {
  if (header === null || header === undefined || header.trim() === '') return { kind: 'full' }
  const match = /^\s*bytes\s*=\s*(.*)$/i.exec(header)
  if (!match) return { kind: 'full' }
  const spec = match[1]!.trim()
  if (spec.includes(',')) return { kind: 'full' }
  const range = /^(\d*)-(\d*)$/.exec(spec)
  if (!range || (range[1] === '' && range[2] === '')) return { kind: 'unsatisfiable' }
  const [, first, last] = range as unknown as [string, string, string]
  if (first === '') {
    // Suffix: the last N bytes.
    const length = Number(last)
    if (!Number.isSafeInteger(length) || length === 0 || size === 0)
      return { kind: 'unsatisfiable' }
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 }
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return { kind: 'unsatisfiable' }
  if (start >= size || start > end) return { kind: 'unsatisfiable' }
  return { kind: 'partial', start, end }
}

/** Audio types we pass on; anything else is sent as opaque bytes (with nosniff). */
/** Only audio types pass; anything else (html, svg, script) is served as opaque bytes. */
export function safeContentType(type: string): string {
  return /^audio\/[a-z0-9.+-]+$/i.test(type.trim()) ? type.trim() : 'application/octet-stream'
}

const baseHeaders = {
  'Accept-Ranges': 'bytes',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
}

/** The answer to one media request: 200, 206 with Content-Range, or 416. */
export function mediaResponse(file: MediaFile, rangeHeader: string | null): Response {
  const size = file.data.length
  const type = safeContentType(file.contentType)
  const range = parseRange(rangeHeader, size)
  if (range.kind === 'unsatisfiable') {
    return new Response(null, {
      status: 416,
      headers: { ...baseHeaders, 'Content-Range': `bytes */${size}` },
    })
  }
  if (range.kind === 'full') {
    return new Response(new Uint8Array(file.data), {
      status: 200,
      headers: { ...baseHeaders, 'Content-Type': type, 'Content-Length': String(size) },
    })
  }
  const body = file.data.subarray(range.start, range.end + 1)
  return new Response(new Uint8Array(body), {
    status: 206,
    headers: {
      ...baseHeaders,
      'Content-Type': type,
      'Content-Length': String(body.length),
      'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
    },
  })
}

export function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
  })
}
