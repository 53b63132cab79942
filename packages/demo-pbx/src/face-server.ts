/**
 * The server every face of the demo PBX runs on: `node:http` (or `node:https`
 * with a certificate that can be swapped) on 127.0.0.1, a request counter per
 * request name, the shared fault injector, and a close that never waits for a
 * hung request. A face supplies only how to read and name a request, how to
 * answer it, and what its errors look like on the wire.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import {
  FaultInjector,
  htmlErrorPage,
  mangle,
  type FaultRequest,
  type ResponseFault,
  type StateFaultHooks,
} from './faults'
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
  /** The state faults this face has (token expiry, event socket drops). */
  stateFaults?: StateFaultHooks
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

export class FaceServer<Req> {
  readonly faults: FaultInjector
  private count = 0
  private readonly counts = new Map<string, number>()
  private readonly server: Server | HttpsServer
  private readonly delays = new Set<NodeJS.Timeout>()
  private address: AddressInfo | undefined

  constructor(private readonly options: FaceServerOptions<Req>) {
    this.faults = new FaultInjector(options.stateFaults)
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

  /** Every request received, faulted ones included. */
  get requestCount(): number {
    return this.count
  }

  countOf(name: string): number {
    return this.counts.get(name.toUpperCase()) ?? 0
  }

  resetCounts(): void {
    this.count = 0
    this.counts.clear()
  }

  /** Swaps the TLS certificate and cuts open connections (see HttpsFace.setCertificate). */
  protected replaceCertificate(tls: TlsMaterial): void {
    if (!('setSecureContext' in this.server)) throw new Error('this face serves plain HTTP')
    this.server.setSecureContext({ key: tls.key, cert: tls.cert })
    this.server.closeAllConnections()
  }

  async close(): Promise<void> {
    for (const t of this.delays) clearTimeout(t)
    this.delays.clear()
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
    const probe = this.options.describe(request)
    const name = probe.reqtype.toUpperCase()
    this.count++
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1)
    const { latencyMs, fault } = this.faults.take({ ...probe, reqtype: name })
    if (latencyMs > 0) await this.delay(latencyMs)
    if (res.destroyed || req.socket.destroyed) return
    if (fault && fault.kind !== 'malformed') return this.fail(req, res, fault)
    let answer: FaceAnswer
    try {
      answer = await this.options.handle(request)
    } catch {
      answer = this.options.internalError
    }
    const raw = answer.body ?? ''
    let body = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw
    if (fault?.kind === 'malformed') body = mangle(body, fault.mode ?? 'truncate')
    const typed = body.length > 0 || !this.options.untypedWhenEmpty
    res.writeHead(answer.status ?? 200, {
      ...(typed ? { 'Content-Type': this.options.contentType } : {}),
      ...answer.headers,
      'Content-Length': String(body.length),
    })
    res.end(body)
  }

  /** What a broken proxy in front of the API answers: never the API's own format. */
  private fail(req: IncomingMessage, res: ServerResponse, fault: ResponseFault): void {
    switch (fault.kind) {
      case 'reset':
        req.socket.destroy()
        return
      case 'hang':
        return // answered never; close() destroys the socket
      case 'http5xx': {
        const status = fault.status ?? 503
        res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
        res.end(status === 503 ? 'Service Unavailable' : 'Internal Server Error')
        return
      }
      case 'html':
        res.writeHead(fault.status ?? 502, { 'Content-Type': 'text/html' })
        res.end(htmlErrorPage(502))
        return
      case 'rate_limit':
        res.writeHead(429, {
          'Content-Type': this.options.rateLimited.contentType,
          'Retry-After': String(fault.retryAfterSec ?? 2),
        })
        res.end(this.options.rateLimited.body)
        return
      case 'malformed':
        return
    }
  }

  /** Network latency is wall time, not simulation time. */
  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.delays.delete(t)
        resolve()
      }, ms)
      this.delays.add(t)
    })
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
