/**
 * jade's event socket address (an account field, default `wss://<host>:8083/`).
 * Only `wss://`, or `ws://` to this computer: a plain socket to a server would
 * carry the authtoken in clear text. Shared by the account form's schema and
 * the provider, so a refused address is refused when saved and never crashes later.
 */
const loopback = new Set(['localhost', '[::1]'])

function isLoopback(hostname: string): boolean {
  return loopback.has(hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(hostname)
}

/** Why the address cannot be used, in words; undefined when it can. */
export function eventUrlProblem(address: string): string | undefined {
  let url: URL
  try {
    url = new URL(address)
  } catch {
    return 'The event socket address is not a valid URL.'
  }
  if (url.username || url.password)
    return 'The event socket address must not carry a user name or password.'
  if (url.protocol === 'wss:') return undefined
  if (url.protocol === 'ws:')
    return isLoopback(url.hostname)
      ? undefined
      : 'A ws:// event socket is allowed only on this computer (localhost); use wss:// for a server.'
  return 'The event socket address must start with wss://.'
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
