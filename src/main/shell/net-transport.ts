/**
 * The providers' HTTP over Chromium's network stack (Electron's `net`): the
 * system proxy settings, PAC scripts included, and the OS certificate store
 * (a company CA installed on the desktop is trusted), which Node's http module
 * knows neither of. Same rules as providers/http.ts: a timeout, a size cap, no
 * redirect followed, no cookies, and errors in words naming the host only.
 */
import { net } from 'electron'
import type { IncomingHttpHeaders } from 'node:http'
import type { HttpTransport } from '../providers/http'
import { describeNetworkError } from '../providers/http-errors'
import { AppError } from '../../shared/result'

interface NetResponse {
  statusCode: number
  headers: Record<string, string | string[]>
  on(event: 'data', listener: (chunk: Buffer) => void): unknown
  on(event: 'end' | 'aborted', listener: () => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
}

interface NetRequest {
  setHeader(name: string, value: string): void
  on(event: 'response', listener: (response: NetResponse) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  on(
    event: 'redirect',
    listener: (
      statusCode: number,
      method: string,
      redirectUrl: string,
      headers: Record<string, string[]>,
    ) => void,
  ): unknown
  on(event: 'login', listener: (authInfo: unknown, callback: () => void) => void): unknown
  write(chunk: string | Buffer): void
  end(): void
  abort(): void
}

export interface NetModule {
  request(options: {
    method: string
    url: string
    redirect: 'manual'
    useSessionCookies: false
    credentials: 'omit'
    /** A session of its own (a pinned host's, net-pinned.ts); default: the app's. */
    session?: unknown
  }): NetRequest
}

export interface NetTransportOptions {
  session?: unknown
  /**
   * The certificate decision behind a failed request, when the session's verify
   * procedure refused it (net-pinned.ts): thrown instead of Chromium's bare code.
   */
  certificateRefusal?: (host: string, netError: string) => AppError | null
  /** Told when an answer arrived: the connection's certificate was accepted. */
  onAnswer?: (host: string) => void
}

/** Chromium's network errors that have a Node counterpart with words of its own. */
const nodeCodeOf: Readonly<Record<string, string>> = {
  ERR_CONNECTION_REFUSED: 'ECONNREFUSED',
  ERR_NAME_NOT_RESOLVED: 'ENOTFOUND',
  ERR_CONNECTION_RESET: 'ECONNRESET',
  ERR_CONNECTION_CLOSED: 'ECONNRESET',
  ERR_INTERNET_DISCONNECTED: 'ENETUNREACH',
  ERR_ADDRESS_UNREACHABLE: 'ENETUNREACH',
}

/** Chromium's net error names, in the same words as Node's (providers/http-errors.ts). */
export function describeNetError(message: string, host: string, label: string): string {
  const code = /net::(ERR_[A-Z_]+)/.exec(message)?.[1] ?? ''
  if (code.startsWith('ERR_CERT_') || code === 'ERR_SSL_PROTOCOL_ERROR')
    return `The certificate of ${label} (${host}) is not trusted (${code}).`
  if (code.includes('PROXY') || code === 'ERR_TUNNEL_CONNECTION_FAILED')
    return `Cannot reach ${label} (${host}) through the proxy set on this computer (${code}).`
  const nodeCode = nodeCodeOf[code]
  if (nodeCode) return describeNetworkError(nodeCode, host, label)
  return `Cannot reach ${label} (${host})${code ? ` (${code})` : ''}.`
}

function lowerCaseHeaders(headers: Record<string, string | string[]>): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value
  return out
}

export function createNetTransport(
  module: NetModule = net as unknown as NetModule,
  options: NetTransportOptions = {},
): HttpTransport {
  return (req) =>
    new Promise((resolve, reject) => {
      const host = req.url.host
      const request = module.request({
        method: req.method,
        url: req.url.toString(),
        redirect: 'manual',
        useSessionCookies: false,
        credentials: 'omit',
        ...(options.session ? { session: options.session } : {}),
      })
      let settled = false
      const finish = (error: AppError | null, answer?: Parameters<typeof resolve>[0]): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        if (error) {
          request.abort()
          reject(error)
        } else if (answer) resolve(answer)
      }
      const timer = setTimeout(
        () =>
          finish(
            new AppError(
              'timeout',
              `${req.label} (${host}) did not answer within ${Math.round(req.timeoutMs / 1000)} s.`,
            ),
          ),
        req.timeoutMs,
      )
      for (const [name, value] of Object.entries(req.headers)) request.setHeader(name, value)
      request.on('error', (error) =>
        finish(
          options.certificateRefusal?.(host, error.message) ??
            new AppError('network', describeNetError(error.message, host, req.label)),
        ),
      )
      // A proxy that asks for a password: no dialog here; say so instead.
      request.on('login', () =>
        finish(
          new AppError(
            'network',
            `Cannot reach ${req.label} (${host}): the proxy on this computer asks for a password.`,
          ),
        ),
      )
      // Like Node's http: a redirect is an answer, never followed with the credentials.
      request.on('redirect', (statusCode, _method, _url, headers) => {
        options.onAnswer?.(host)
        finish(null, {
          status: statusCode,
          headers: lowerCaseHeaders(headers),
          body: Buffer.alloc(0),
        })
        request.abort()
      })
      request.on('response', (response) => {
        options.onAnswer?.(host)
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk) => {
          size += chunk.length
          if (size > req.maxBytes) {
            finish(
              new AppError(
                'bad_response',
                `${req.label} sent an answer larger than ${Math.round(req.maxBytes / 1048576)} MB; it was refused.`,
              ),
            )
            return
          }
          chunks.push(chunk)
        })
        response.on('end', () =>
          finish(null, {
            status: response.statusCode,
            headers: lowerCaseHeaders(response.headers),
            body: Buffer.concat(chunks),
          }),
        )
        const cut = (): void =>
          finish(new AppError('network', `The connection to ${req.label} (${host}) was cut off.`))
        response.on('aborted', cut)
        response.on('error', cut)
      })
      if (req.body !== undefined) request.write(req.body)
      request.end()
    })
}
