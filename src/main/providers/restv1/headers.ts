/**
 * REST ver1.0 times and the headers every answer carries: GMT datetimes (seed
 * 002's `*_time_gmt`), the rate-limit budget (R3) and `X-Total-Count`.
 */
import type { IncomingHttpHeaders } from 'node:http'

/** `YYYY-MM-DD HH:MM:SS` (GMT; `T` and `Z` tolerated) → epoch ms; '' or junk → undefined. */
export function parseGmt(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim())
  if (!match) return undefined
  const [, y, mo, d, h, mi, s] = match
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  return Number.isFinite(ms) ? ms : undefined
}

export function formatGmt(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/**
 * `X-RateLimit-Limit/Remaining/Reset` → the budget the scheduler reads. Reset is
 * epoch seconds (docs/dialects/restv1.md); a small number is taken as seconds
 * from now, which some gateways send instead.
 */
export function parseRateLimit(
  headers: IncomingHttpHeaders,
  now: number,
): { limit: number; remaining: number; resetAt: number } | undefined {
  const limit = Number(header(headers, 'x-ratelimit-limit'))
  const remaining = Number(header(headers, 'x-ratelimit-remaining'))
  const reset = Number(header(headers, 'x-ratelimit-reset'))
  if (![limit, remaining, reset].every((n) => Number.isFinite(n) && n >= 0)) return undefined
  const resetAt = reset > 1e9 ? reset * 1000 : now + reset * 1000
  return { limit: Math.floor(limit), remaining: Math.floor(remaining), resetAt }
}

/** Total items across pages, when the server says (`X-Total-Count`). */
export function totalCount(headers: IncomingHttpHeaders): number | undefined {
  const total = Number(header(headers, 'x-total-count'))
  return Number.isFinite(total) && total >= 0 ? total : undefined
}
