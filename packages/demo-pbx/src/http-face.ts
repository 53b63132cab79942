/**
 * The PBXCloud face's server: plain HTTP, one value per field (query and POST
 * form together, names lower-cased), answers in text. The plumbing it shares
 * with the other faces is in face-server.ts.
 */
import type { IncomingMessage } from 'node:http'
import { FaceServer, lowerCaseParams } from './face-server'
import type { TlsMaterial } from './jade-tls'

export interface FaceRequest {
  method: string
  path: string
  /** Query and form fields together (form wins); names lower-cased. */
  params: Record<string, string>
  headers: IncomingMessage['headers']
}

export interface FaceResponse {
  status?: number
  headers?: Record<string, string>
  body: string | Buffer
}

export interface HttpFaceOptions {
  host?: string
  port?: number
  /** Serve HTTPS with this certificate (a test's local CA); plain HTTP without. */
  tls?: TlsMaterial
  /** The request type used for counting and fault matching (`CHANNELS`). */
  reqtypeOf: (request: FaceRequest) => string
  handle: (request: FaceRequest) => FaceResponse | Promise<FaceResponse>
}

export class HttpFace extends FaceServer<FaceRequest> {
  constructor(options: HttpFaceOptions) {
    super({
      host: options.host,
      port: options.port,
      ...(options.tls ? { tls: options.tls } : {}),
      read: readFormRequest,
      describe: (request) => ({
        method: request.method,
        path: request.path,
        reqtype: options.reqtypeOf(request),
        params: request.params,
      }),
      handle: options.handle,
      contentType: 'text/plain; charset=utf-8',
      internalError: { status: 500, body: 'Internal Server Error' },
      rateLimited: { contentType: 'text/plain; charset=utf-8', body: 'Too Many Requests' },
    })
  }
}

function readFormRequest(req: IncomingMessage, url: URL, body: Buffer): FaceRequest {
  const params = lowerCaseParams(url.searchParams)
  const type = String(req.headers['content-type'] ?? '')
  if (
    req.method === 'POST' &&
    (type.includes('application/x-www-form-urlencoded') || type === '')
  ) {
    Object.assign(params, lowerCaseParams(new URLSearchParams(body.toString('utf8'))))
  }
  return { method: req.method ?? 'GET', path: url.pathname, params, headers: req.headers }
}
