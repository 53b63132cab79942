/**
 * A TCP path to a server through what the proxy resolver says: direct, or an
 * HTTP CONNECT tunnel through a proxy (RFC 9110 §9.3.6). TLS then runs inside the
 * tunnel end to end, so the proxy never sees the request and the certificate the
 * client checks is the server's own. No proxy password is sent: a proxy that asks
 * for one (407) is named in the error, as the Electron transport does.
 */
import { connect as netConnect, type Socket } from 'node:net'
import { AppError } from '../../shared/result'
import { routesOf, type ProxyResolver, type ProxyRoute } from './proxy'

export interface TunnelTarget {
  host: string
  port: number
  /** Words for the server, e.g. "the jade server". */
  label: string
}

const MAX_ANSWER_BYTES = 16 * 1024

function where(target: TunnelTarget): string {
  return target.host.includes(':')
    ? `[${target.host}]:${target.port}`
    : `${target.host}:${target.port}`
}

function proxyFailure(target: TunnelTarget, proxy: string, why: string): AppError {
  return new AppError(
    'network',
    `Cannot reach ${target.label} (${where(target)}) through the proxy ${proxy}: ${why}.`,
    undefined,
    { code: 'network.unreachable' },
  )
}

/** Ask the proxy for a tunnel to the target; resolves with the socket once it answers 200. */
export function openTunnel(
  proxy: { host: string; port: number },
  target: TunnelTarget,
  timeoutMs: number,
): Promise<Socket> {
  const name = `${proxy.host}:${proxy.port}`
  return new Promise<Socket>((resolve, reject) => {
    const socket = netConnect({ host: proxy.host, port: proxy.port })
    let answer = Buffer.alloc(0)
    let done = false
    const finish = (error: AppError | null): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.off('data', onData)
      socket.off('error', onError)
      socket.off('close', onClose)
      if (error) {
        socket.destroy()
        reject(error)
      } else resolve(socket)
    }
    const timer = setTimeout(
      () =>
        finish(proxyFailure(target, name, `no answer within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    )
    const onError = (error: NodeJS.ErrnoException): void =>
      finish(proxyFailure(target, name, `the proxy cannot be reached (${error.code ?? 'error'})`))
    const onClose = (): void =>
      finish(proxyFailure(target, name, 'the proxy closed the connection'))
    const onData = (chunk: Buffer): void => {
      answer = Buffer.concat([answer, chunk])
      const end = answer.indexOf('\r\n\r\n')
      if (end < 0) {
        if (answer.length > MAX_ANSWER_BYTES)
          finish(proxyFailure(target, name, 'an unreadable answer'))
        return
      }
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer.subarray(0, end).toString('latin1'))?.[1]
      if (status === '200') {
        // Bytes after the proxy's answer already belong to the server.
        const rest = answer.subarray(end + 4)
        finish(null)
        if (rest.length > 0) socket.unshift(rest)
        return
      }
      finish(
        proxyFailure(
          target,
          name,
          status === '407'
            ? 'the proxy asks for a password, which Switchboard cannot give it'
            : `the proxy refused the tunnel (HTTP ${status ?? '?'})`,
        ),
      )
    }
    socket.on('data', onData)
    socket.on('error', onError)
    socket.on('close', onClose)
    socket.once('connect', () => {
      const authority = where(target)
      socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`)
    })
  })
}

/**
 * The socket to hand TLS: null to connect directly, or a tunnel. Routes are
 * tried in PAC order; a proxy that cannot be reached falls over to the next one.
 */
export async function openRoute(
  resolve: ProxyResolver | null,
  target: TunnelTarget,
  timeoutMs: number,
): Promise<Socket | null> {
  if (!resolve) return null
  let routes: ProxyRoute[]
  try {
    routes = routesOf(await resolve(`https://${where(target)}/`))
  } catch {
    // Chromium too goes direct when the proxy script cannot answer.
    routes = [{ kind: 'direct' }]
  }
  let failure: AppError | null = null
  for (const route of routes) {
    if (route.kind === 'direct') return null
    if (route.kind === 'unsupported') {
      failure ??= new AppError(
        'network',
        `Cannot reach ${target.label} (${where(target)}): the proxy set on this computer ` +
          `(${route.what}) is of a kind Switchboard cannot use.`,
        undefined,
        { code: 'network.unreachable' },
      )
      continue
    }
    try {
      return await openTunnel(route, target, timeoutMs)
    } catch (error) {
      failure = error instanceof AppError ? error : failure
    }
  }
  throw failure ?? new AppError('network', `Cannot reach ${target.label} (${where(target)}).`)
}
