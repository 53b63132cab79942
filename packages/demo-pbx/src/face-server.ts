/**
 * The server every face of the demo PBX runs on: `node:http` (or `node:https`
 * with a certificate that can be swapped) on 127.0.0.1, and a close that never
 * waits for a hung request. A face supplies only how to read and name a request,
 * how to answer it, and what its errors look like on the wire. Request counting
 * and fault injection are a tap the testing entry puts in front (request-tap.ts),
 * so they never ship in the app.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { FaultRequest } from './faults'
import type { TlsMaterial } from './jade-tls'

export interface FaceAnswer {
  status?: number
  headers?: Record<string, string>
  body?: string | Buffer
}

/** What a face's requests look like to its server. */
export interface FaceServerOptions<Req> {
  host?: string
  port?: number
  /** Serve HTTPS with this certificate (jade); plain HTTP without. */
  tls?: TlsMaterial
  /** Builds the face's request from the raw one and its whole body. */
  read: (req: IncomingMessage, url: URL, body: Buffer) => Req
  /** What the fault injector matches on; `reqtype` also names the request for counting. */
  describe: (request: Req) => FaultRequest
  handle: (request: Req) => FaceAnswer | Promise<FaceAnswer>
  /** The face's content type, sent unless the answer names its own. */
  contentType: string
  /** Send no content type with an empty body (REST's 204s and empty 200s). */
  untypedWhenEmpty?: boolean
  /** What the face answers when its handler throws. */
  internalError: FaceAnswer
  /** The body and type of a 429 from the rate limiter in front of the API. */
  rateLimited: { contentType: string; body: string }
}

const maxBody = 256 * 1024

/**
 * What a test harness may put in front of a face. It sees every request (named
 * by `describe`, upper-cased) before the face does: it may answer it itself, or
 * let the face answer, changing the body on the way out.
 */
export interface FaceTap {
  intercept(
    probe: FaultRequest,
    req: IncomingMessage,
    res: ServerResponse,
    wire: TapWire,
  ): Promise<TapVerdict>
  close(): void
}

/** What a tap needs to know of the face's wire format to answer like it. */
export interface TapWire {
  rateLimited: { contentType: string; body: string }
}

export type TapVerdict =
  { answered: true } | { answered: false; rewrite?: (body: Buffer) => Buffer }

export class FaceServer<Req> {
  /** Set by the testing entry only; the app's faces run without one. */
  tap: FaceTap | undefined
  private readonly server: Server | HttpsServer
  private address: AddressInfo | undefined

  constructor(private readonly options: FaceServerOptions<Req>) {
    const serve = (req: IncomingMessage, res: ServerResponse): void => void this.serve(req, res)
    this.server = options.tls
      ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, serve)
      : createHttpServer(serve)
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
        this.server.off('error', reject)
        resolve()
      })
    })
    this.address = this.server.address() as AddressInfo
  }

  /** `http://127.0.0.1:<port>`, or `https://…` with TLS. */
  get origin(): string {
    if (!this.address) throw new Error('face not listening')
    const scheme = this.options.tls ? 'https' : 'http'
    return `${scheme}://${this.options.host ?? '127.0.0.1'}:${this.address.port}`
  }

  /** Swaps the TLS certificate and cuts open connections (see HttpsFace.setCertificate). */
  protected replaceCertificate(tls: TlsMaterial): void {
    if (!('setSecureContext' in this.server)) throw new Error('this face serves plain HTTP')
    this.server.setSecureContext({ key: tls.key, cert: tls.cert })
    this.server.closeAllConnections()
  }

  async close(): Promise<void> {
    this.tap?.close()
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    // Hung and keep-alive sockets would hold close() open for ever.
    this.server.closeAllConnections()
    await closed
  }

  /**
   * Only Switchboard's own main process talks to the demo: a request naming
   * another host (DNS rebinding) or sent by a web page (it carries an Origin)
   * is refused, so a page cannot inject calls after finding the port.
   */
  private fromThisMachine(req: IncomingMessage): boolean {
    const port = this.address?.port
    const hosts = [this.options.host ?? '127.0.0.1', '127.0.0.1', 'localhost', '[::1]']
    const host = (req.headers.host ?? '').toLowerCase()
    return req.headers.origin === undefined && hosts.some((h) => host === `${h}:${port}`)
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.fromThisMachine(req)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
      res.end('Forbidden')
      return
    }
    const request = await readRequest(req, this.options).catch(() => undefined)
    if (request === undefined) {
      req.socket.destroy()
      return
    }
    let rewrite: ((body: Buffer) => Buffer) | undefined
    if (this.tap) {
      const probe = this.options.describe(request)
      const named = { ...probe, reqtype: probe.reqtype.toUpperCase() }
      const verdict = await this.tap.intercept(named, req, res, this.options)
      if (verdict.answered) return
      rewrite = verdict.rewrite
    }
    let answer: FaceAnswer
    try {
      answer = await this.options.handle(request)
    } catch {
      answer = this.options.internalError
    }
    const raw = answer.body ?? ''
    let body = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw
    if (rewrite) body = rewrite(body)
    const typed = body.length > 0 || !this.options.untypedWhenEmpty
    res.writeHead(answer.status ?? 200, {
      ...(typed ? { 'Content-Type': this.options.contentType } : {}),
      ...answer.headers,
      'Content-Length': String(body.length),
    })
    res.end(body)
  }
}

async function readRequest<Req>(
  req: IncomingMessage,
  options: FaceServerOptions<Req>,
): Promise<Req> {
  const url = new URL(req.url ?? '/', options.tls ? 'https://localhost' : 'http://localhost')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBody) throw new Error('body too large')
    chunks.push(chunk)
  }
  return options.read(req, url, Buffer.concat(chunks))
}

/** Query fields, one value per name (the last wins), names lower-cased. */
export function lowerCaseParams(fields: URLSearchParams): Record<string, string> {
  const params: Record<string, string> = {}
  for (const [k, v] of fields) params[k.toLowerCase()] = v
  return params
}
