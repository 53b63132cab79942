/**
 * The REST face's server: plain HTTP, the query kept whole (REST repeats names,
 * `extension_id=1&extension_id=2`) and the raw body (JSON on PUT and POST);
 * answers in JSON, and nothing typed when there is no body. The plumbing it
 * shares with the other faces is in face-server.ts.
 */
import type { IncomingMessage } from 'node:http'
import { FaceServer, lowerCaseParams } from './face-server'
import type { TlsMaterial } from './jade-tls'

export interface RestRequest {
  method: string
  /** The path as sent, e.g. `/api/ver1.0/extension/4101/current_calls/`. */
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: Buffer
}

export interface RestResponse {
  status: number
  headers?: Record<string, string>
  body?: string | Buffer
}

export interface RestHttpOptions {
  host?: string
  port?: number
  /** Serve HTTPS with this certificate (a test's local CA); plain HTTP without. */
  tls?: TlsMaterial
  /** The name used for counting and fault matching (`GET /extension/{id}/current_calls`). */
  routeOf: (request: RestRequest) => string
  handle: (request: RestRequest) => RestResponse
}

export class RestHttp extends FaceServer<RestRequest> {
  constructor(options: RestHttpOptions) {
    super({
      host: options.host,
      port: options.port,
      ...(options.tls ? { tls: options.tls } : {}),
      read: (req, url, body) => ({
        method: (req.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      }),
      describe: (request) => ({
        method: request.method,
        path: request.path,
        reqtype: options.routeOf(request),
        params: lowerCaseParams(request.query),
      }),
      handle: options.handle,
      contentType: 'application/json',
      untypedWhenEmpty: true,
      internalError: { status: 500, body: JSON.stringify({ message: 'Internal server error' }) },
      rateLimited: {
        contentType: 'application/json',
        body: JSON.stringify({ message: 'Rate limit exceeded', status: 'rate_limit_exceeded' }),
      },
    })
  }
}
