/**
 * The jade face's server: HTTPS with a certificate that can be swapped, query
 * fields one value per name, the raw body kept (jade's POSTs are JSON), answers
 * in JSON. The plumbing it shares with the other faces is in face-server.ts.
 */
import type { IncomingMessage } from 'node:http'
import { FaceServer, lowerCaseParams } from './face-server'
import type { FaceResponse } from './http-face'
import type { TlsMaterial } from './jade-tls'

export interface JadeRequest {
  method: string
  /** The path as sent (still percent-encoded), `/v1/me/info`. */
  path: string
  /** Query fields; names lower-cased. */
  params: Record<string, string>
  headers: IncomingMessage['headers']
  body: string
}

export interface HttpsFaceOptions {
  host?: string
  port?: number
  tls: TlsMaterial
  /** Name used for counting and fault matching (`ME.CALLS`). */
  reqtypeOf: (request: JadeRequest) => string
  handle: (request: JadeRequest) => FaceResponse | Promise<FaceResponse>
}

export class HttpsFace extends FaceServer<JadeRequest> {
  constructor(options: HttpsFaceOptions) {
    super({
      host: options.host,
      port: options.port,
      tls: options.tls,
      read: (req, url, body) => ({
        method: req.method ?? 'GET',
        path: url.pathname,
        params: lowerCaseParams(url.searchParams),
        headers: req.headers,
        body: body.toString('utf8'),
      }),
      describe: (request) => ({
        method: request.method,
        path: request.path,
        reqtype: options.reqtypeOf(request),
        params: request.params,
      }),
      handle: options.handle,
      contentType: 'application/json; charset=utf-8',
      internalError: { status: 500, body: 'Internal Server Error' },
      rateLimited: { contentType: 'text/plain; charset=utf-8', body: 'Too Many Requests' },
    })
  }

  /**
   * New connections get the new certificate; open keep-alive connections are
   * cut so the client's next request shakes hands again, as after a server restart.
   */
  setCertificate(tls: TlsMaterial): void {
    this.replaceCertificate(tls)
  }
}
