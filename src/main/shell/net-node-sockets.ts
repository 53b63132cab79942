/**
 * What Node's own sockets in the app (jade's push WebSocket: `ws` cannot run on
 * Electron's net) take from the system: the proxy Chromium would use for the same
 * URL (`session.resolveProxy`, system settings and PAC scripts included), reached
 * by a CONNECT tunnel (providers/tunnel.ts), and the OS certificate store beside
 * Node's bundled list. The pin is still judged on the socket (providers/jade/tls.ts).
 */
import { session } from 'electron'
import * as tls from 'node:tls'
import { setExtraCertificateAuthorities, setProxyResolver } from '../providers/network'
import type { ProxyResolver } from '../providers/proxy'

export interface ProxySession {
  resolveProxy(url: string): Promise<string>
}

/** The default session's proxy for a URL, as a PAC result (`PROXY host:port; DIRECT`). */
export function systemProxyResolver(
  sessions: { defaultSession: ProxySession } = session as unknown as {
    defaultSession: ProxySession
  },
): ProxyResolver {
  return (url) => sessions.defaultSession.resolveProxy(url)
}

type CaReader = (type: 'system') => string[]

/**
 * The OS store's authorities (Node 22.15+/23.10+, which Electron's Node is);
 * none where this Node cannot read them, so nothing is trusted that was not before.
 */
export function systemAuthorities(
  read: CaReader | undefined = (tls as { getCACertificates?: CaReader }).getCACertificates,
): string[] {
  try {
    return read ? read('system') : []
  } catch {
    return []
  }
}

/** Called once the app is ready (resolveProxy needs a session). */
export function setupNodeSockets(
  resolver: ProxyResolver = systemProxyResolver(),
  authorities: string[] = systemAuthorities(),
): void {
  setProxyResolver(resolver)
  setExtraCertificateAuthorities(authorities)
}
