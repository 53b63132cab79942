/**
 * What may go into a REST ver1.0 URL. The host setting must be a bare origin
 * (`https://host[:port]`, a trailing `/api/ver1.0` tolerated): user-info, a
 * path, a query or a fragment would send the token somewhere else or change
 * what every request means, so they are refused with a clear message. Ids the
 * API defines as integers (seed 002: `extension_id integer`) must be digits.
 */
import { AppError } from '../../../shared/result'

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i

function refuse(code: string, message: string): never {
  throw new AppError('invalid_argument', message, undefined, { code })
}

/** The origin every request is built on with `new URL`, or a clear refusal. */
export function restOrigin(host: string): URL {
  let url: URL
  try {
    url = new URL(host.trim())
  } catch {
    return refuse('invalid_argument.url', 'The PBX address is not a web address (https://host).')
  }
  if (url.username || url.password)
    refuse(
      'invalid_argument.url_userinfo',
      'The PBX address may not contain a user name or password.',
    )
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname)))
    refuse('invalid_argument.url_scheme', 'The PBX address must start with https://.')
  if (url.search || url.hash || host.includes('?') || host.includes('#'))
    refuse(
      'invalid_argument.url_query',
      'The PBX address may not contain a query (?…) or fragment (#…).',
    )
  const path = url.pathname.replace(/\/+$/, '')
  if (path !== '' && !/^\/api\/ver1\.0$/i.test(path))
    refuse('invalid_argument.url_path', 'The PBX address must be the host only, without a path.')
  return new URL(url.origin)
}

/** An id the API defines as a number, checked and ready for a path segment. */
export function pathId(value: string, what: string): string {
  const clean = value.trim()
  if (!/^\d{1,18}$/.test(clean))
    refuse(
      'invalid_argument.id',
      `The ${what} must be digits (the PBX gave or was given "${clean.slice(0, 20)}").`,
    )
  return encodeURIComponent(clean)
}
