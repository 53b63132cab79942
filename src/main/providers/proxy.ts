/**
 * Which proxy a connection takes, in the one language both stacks speak: a PAC
 * result ("PROXY host:port; DIRECT"). Electron's `session.resolveProxy(url)`
 * answers in it (system settings and PAC scripts included); in plain Node (tests,
 * the browser bridge) `envProxyResolver` builds the same answer from the standard
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY variables.
 */

/** The PAC answer for a URL, e.g. `PROXY proxy.corp:3128; DIRECT`. */
export type ProxyResolver = (url: string) => Promise<string>

export type ProxyRoute =
  | { kind: 'direct' }
  | { kind: 'http'; host: string; port: number }
  /** A kind this app cannot tunnel through (SOCKS, an HTTPS proxy), named for the error. */
  | { kind: 'unsupported'; what: string }

/** `PROXY a:1; SOCKS5 b:2; DIRECT` → the routes in the order PAC says to try them. */
export function routesOf(pac: string): ProxyRoute[] {
  const routes: ProxyRoute[] = []
  for (const entry of pac.split(';')) {
    const [type = '', where = ''] = entry.trim().split(/\s+/)
    const kind = type.toUpperCase()
    if (kind === '') continue
    if (kind === 'DIRECT') {
      routes.push({ kind: 'direct' })
      continue
    }
    const address = hostAndPort(where, kind === 'PROXY' ? 80 : 1080)
    if (kind === 'PROXY' && address) routes.push({ kind: 'http', ...address })
    else routes.push({ kind: 'unsupported', what: `${kind} ${where}`.trim() })
  }
  return routes.length > 0 ? routes : [{ kind: 'direct' }]
}

function hostAndPort(value: string, fallbackPort: number): { host: string; port: number } | null {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(value)
  if (!match?.[1]) return null
  const port = match[2] ? Number(match[2]) : fallbackPort
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null
  return { host: match[1].replace(/^\[|\]$/g, ''), port }
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()]
  return value?.trim() ? value.trim() : undefined
}

/** Whether NO_PROXY (`host`, `.domain`, `*.domain`, `host:port`, `*`) lists this URL's host. */
export function bypassed(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const port = url.port || (url.protocol === 'https:' || url.protocol === 'wss:' ? '443' : '80')
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((raw) => {
      if (raw === '*') return true
      const entry = raw.toLowerCase()
      const [name = '', entryPort] = entry.startsWith('[')
        ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]]
        : entry.split(':')
      if (entryPort && entryPort !== port) return false
      // curl's reading: `example.com`, `.example.com` and `*.example.com` all cover
      // the domain and every name under it.
      const domain = name.replace(/^\*?\./, '')
      return domain !== '' && (host === domain || host.endsWith(`.${domain}`))
    })
}

/**
 * HTTPS_PROXY (or HTTP_PROXY when it is unset) for https and wss, HTTP_PROXY for
 * plain http; NO_PROXY lists the hosts that go direct. Exactly what the variables
 * say: loopback too goes through the proxy unless NO_PROXY names it.
 */
export function envProxyResolver(env: NodeJS.ProcessEnv): ProxyResolver {
  return (raw) => {
    const url = new URL(raw)
    const secure = url.protocol === 'https:' || url.protocol === 'wss:'
    const proxy = secure
      ? (envValue(env, 'https_proxy') ?? envValue(env, 'http_proxy'))
      : envValue(env, 'http_proxy')
    if (!proxy || bypassed(url, envValue(env, 'no_proxy'))) return Promise.resolve('DIRECT')
    let parsed: URL
    try {
      parsed = new URL(proxy.includes('://') ? proxy : `http://${proxy}`)
    } catch {
      return Promise.resolve(`UNREADABLE ${secure ? 'HTTPS_PROXY' : 'HTTP_PROXY'}`)
    }
    // SOCKS or an https:// proxy: named, so the connection says it cannot use it.
    const kind = parsed.protocol.replace(/:$/, '').toUpperCase()
    if (kind !== 'HTTP') return Promise.resolve(`${kind} ${parsed.host}`)
    return Promise.resolve(`PROXY ${parsed.hostname}:${parsed.port || '80'}`)
  }
}
