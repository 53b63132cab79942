/**
 * jade's event socket address (an account field, default `wss://<host>:8083/`).
 * Only `wss://`, or `ws://` to this computer: a plain socket to a server would
 * carry the authtoken in clear text. Shared by the account form's schema and
 * the provider, so a refused address is refused when saved and never crashes later.
 */
import { urlProblem } from './connection-url'

const words: Record<string, string> = {
  'invalid_argument.url': 'The event socket address is not a valid URL.',
  'invalid_argument.url_userinfo':
    'The event socket address must not carry a user name or password.',
}

/** Why the address cannot be used, in words; undefined when it can (the shared rule). */
export function eventUrlProblem(address: string): string | undefined {
  const problem = urlProblem(address, { kind: 'ws', path: true })
  if (!problem) return undefined
  if (problem === 'invalid_argument.url_scheme') {
    return /^ws:/i.test(address)
      ? 'A ws:// event socket is allowed only on this computer (localhost); use wss:// for a server.'
      : 'The event socket address must start with wss://.'
  }
  return words[problem] ?? 'The event socket address must be wss://host:port/ only.'
}

/** `https://pbx.example.com:8081` → `wss://pbx.example.com:8083/` (jade's default port). */
export function defaultEventUrl(baseUrl: string): string {
  try {
    // `hostname` keeps the brackets of an IPv6 address.
    return `wss://${new URL(baseUrl).hostname}:8083/`
  } catch {
    return ''
  }
}
