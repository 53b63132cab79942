/**
 * How Node's own sockets reach a server, where Node carries the bytes: every
 * provider in plain Node (tests, the browser bridge), and jade's push socket in
 * the app too (`ws` cannot run on Electron's net). Two settings, filled in by
 * whoever starts the process:
 *
 * - the proxy resolver (Electron: `session.resolveProxy`, PAC included; the
 *   bridge: HTTPS_PROXY / NO_PROXY), whose proxies are reached by CONNECT tunnels;
 * - extra certificate authorities (Electron: the OS store; tests: a local CA),
 *   trusted beside Node's bundled list. NODE_EXTRA_CA_CERTS needs no setting:
 *   Node reads it at start.
 */
import type { ClientRequestArgs } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { Duplex } from 'node:stream'
import * as tls from 'node:tls'
import { connect, rootCertificates, type ConnectionOptions, type TLSSocket } from 'node:tls'
import type { ProxyResolver } from './proxy'
import { openRoute } from './tunnel'

let proxyResolver: ProxyResolver | null = null
let extraAuthorities: readonly string[] = []

/** Where Node's connections look up their proxy; null (the default) connects directly. */
export function setProxyResolver(resolver: ProxyResolver | null): void {
  proxyResolver = resolver
}

/** PEM certificates trusted beside Node's bundled authorities (replaces the previous list). */
export function setExtraCertificateAuthorities(pems: readonly string[]): void {
  extraAuthorities = [...pems]
}

type CaReader = (type: 'default') => string[]

/**
 * The `ca` option for tls.connect: undefined keeps Node's default list. With extra
 * authorities, Node's default list comes first: where Node can read it (22.15+),
 * that keeps NODE_EXTRA_CA_CERTS too; older Node gives its bundled list.
 */
export function certificateAuthorities(): string[] | undefined {
  if (extraAuthorities.length === 0) return undefined
  const read = (tls as { getCACertificates?: CaReader }).getCACertificates
  return [...(read ? read('default') : rootCertificates), ...extraAuthorities]
}

/** Whether anything differs from Node's default connections. */
function configured(): boolean {
  return proxyResolver !== null || extraAuthorities.length > 0
}

const TUNNEL_TIMEOUT_MS = 10_000

/**
 * A TLS socket to `options.host`, through the proxy the resolver names, handed
 * over after the handshake. With `rejectUnauthorized: false` the caller judges
 * the certificate itself (`authorized` still carries Node's full verdict).
 */
export function secureSocket(
  options: ConnectionOptions,
  label: string,
  callback: (error: Error | null, socket?: TLSSocket) => void,
): void {
  const host = String(options.host ?? 'localhost')
  const port = Number(options.port ?? 443)
  openRoute(proxyResolver, { host, port, label }, TUNNEL_TIMEOUT_MS).then(
    (tunnel) => {
      const ca = certificateAuthorities()
      const socket = connect({
        ...options,
        ...(tunnel ? { socket: tunnel } : {}),
        ...(ca ? { ca } : {}),
      })
      let done = false
      const finish = (error: Error | null): void => {
        if (done) return
        done = true
        socket.off('error', finish)
        if (error) {
          socket.destroy()
          tunnel?.destroy()
          callback(error)
        } else callback(null, socket)
      }
      socket.once('error', finish)
      socket.once('secureConnect', () => finish(null))
    },
    (error: Error) => callback(error),
  )
}

/**
 * The HTTPS agent of every client without its own certificate check: Node's
 * default connection unless a proxy or extra authorities are set, then
 * `secureSocket` (which verifies as usual).
 */
export class NodeHttpsAgent extends HttpsAgent {
  constructor(private readonly label: string) {
    super({ keepAlive: true, maxSockets: 6 })
  }

  override createConnection(
    options: ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    if (!configured()) return super.createConnection(options, callback)
    secureSocket(options as ConnectionOptions, this.label, (error, socket) =>
      callback?.(error, socket as Duplex),
    )
    return undefined
  }
}
