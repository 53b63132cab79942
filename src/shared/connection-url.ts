/**
 * Where an account's requests go. Every host setting is parsed as a URL and held
 * to what it is for: https/wss (plain http/ws only on this machine, for
 * development and the demo PBX), no user-info (Node would send it as Basic auth),
 * no query or fragment (they would change every request built on it), and no path
 * where the API has a fixed one. Each refusal carries a code the window can say.
 */

export type UrlProblem =
  | 'invalid_argument.url'
  | 'invalid_argument.url_scheme'
  | 'invalid_argument.url_userinfo'
  | 'invalid_argument.url_path'
  | 'invalid_argument.url_query'
  | 'invalid_argument.url_fragment'

export interface UrlRule {
  /** 'http' accepts https (http on loopback); 'ws' accepts wss (ws on loopback). */
  kind: 'http' | 'ws'
  /** Whether a path after the host is part of the setting (a script or a prefix). */
  path: boolean
}

const problems: Record<UrlProblem, string> = {
  'invalid_argument.url': 'is not a valid address',
  'invalid_argument.url_scheme':
    'must start with https:// (or wss:// for the event socket); plain http is accepted only for this computer',
  'invalid_argument.url_userinfo':
    'must not contain a user name or password; put them in their own fields',
  'invalid_argument.url_path': 'must be the server address only, without a path',
  'invalid_argument.url_query': 'must not contain a query (?…)',
  'invalid_argument.url_fragment': 'must not contain a fragment (#…)',
}

/** The English words for a problem, to follow the field's name. */
export function urlProblemText(problem: UrlProblem): string {
  return problems[problem]
}

/** 127.0.0.0/8, ::1 and localhost: nothing sent there leaves this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host === '::1') return true
  return /^127(\.\d{1,3}){3}$/.test(host)
}

/** Why `value` is not acceptable under `rule`, or undefined when it is. */
export function urlProblem(value: string, rule: UrlRule): UrlProblem | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'invalid_argument.url'
  }
  const secure = rule.kind === 'http' ? 'https:' : 'wss:'
  const plain = rule.kind === 'http' ? 'http:' : 'ws:'
  if (url.protocol !== secure && !(url.protocol === plain && isLoopbackHost(url.hostname))) {
    return 'invalid_argument.url_scheme'
  }
  if (!url.hostname) return 'invalid_argument.url'
  // The raw text, not url.username: `https://@host/` parses to an empty user name.
  const authority = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/, 1)[0] ?? ''
  if (url.username || url.password || authority.includes('@')) {
    return 'invalid_argument.url_userinfo'
  }
  if (value.includes('?')) return 'invalid_argument.url_query'
  if (value.includes('#')) return 'invalid_argument.url_fragment'
  if (!rule.path && url.pathname !== '/') return 'invalid_argument.url_path'
  return undefined
}
