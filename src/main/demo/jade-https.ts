/**
 * HTTPS plumbing for the jade face. It mirrors http-face.ts (counting, fault
 * injection from faults.ts, a close that never waits for a hung request) but
 * over TLS, with a certificate that can be swapped, and it keeps the raw body:
 * jade's POSTs are JSON, which HttpFace's form parsing would lose.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import {
  FaultInjector,
  htmlErrorPage,
  mangle,
  type FaultRequest,
  type ResponseFault,
  type StateFaultHooks,
} from './faults'
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
  /** The state faults this face has (token expiry, event socket drops). */
  stateFaults?: StateFaultHooks
}

const maxBody = 256 * 1024

export class HttpsFace {
  readonly faults: FaultInjector
  private count = 0
  private readonly counts = new Map<string, number>()
  private readonly server: Server
  private readonly delays = new Set<NodeJS.Timeout>()
  private address: AddressInfo | undefined

  constructor(private readonly options: HttpsFaceOptions) {
    this.faults = new FaultInjector(options.stateFaults)
    const { key, cert } = options.tls
    this.server = createServer({ key, cert }, (req, res) => void this.serve(req, res))
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

  /** `https://127.0.0.1:<port>` */
  get origin(): string {
    if (!this.address) throw new Error('face not listening')
    return `https://${this.options.host ?? '127.0.0.1'}:${this.address.port}`
  }

  get requestCount(): number {
    return this.count
  }

  countOf(reqtype: string): number {
    return this.counts.get(reqtype.toUpperCase()) ?? 0
  }

  resetCounts(): void {
    this.count = 0
    this.counts.clear()
  }

  /**
   * New connections get the new certificate; open keep-alive connections are
   * cut so the client's next request shakes hands again, as after a server restart.
   */
  setCertificate(tls: TlsMaterial): void {
    this.server.setSecureContext({ key: tls.key, cert: tls.cert })
    this.server.closeAllConnections()
  }

  async close(): Promise<void> {
    for (const t of this.delays) clearTimeout(t)
    this.delays.clear()
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server.closeAllConnections()
    await closed
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await readRequest(req).catch(() => undefined)
    if (!request) {
      req.socket.destroy()
      return
    }
    const reqtype = this.options.reqtypeOf(request).toUpperCase()
    this.count++
    this.counts.set(reqtype, (this.counts.get(reqtype) ?? 0) + 1)
    const probe: FaultRequest = {
      method: request.method,
      path: request.path,
      reqtype,
      params: request.params,
    }
    const { latencyMs, fault } = this.faults.take(probe)
    if (latencyMs > 0) await this.delay(latencyMs)
    if (res.destroyed || req.socket.destroyed) return
    if (fault && fault.kind !== 'malformed') return fail(req, res, fault)
    let answer: FaceResponse
    try {
      answer = await this.options.handle(request)
    } catch {
      answer = { status: 500, body: 'Internal Server Error' }
    }
    let body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body
    if (fault?.kind === 'malformed') body = mangle(body, fault.mode ?? 'truncate')
    res.writeHead(answer.status ?? 200, {
      'Content-Type': 'application/json; charset=utf-8',
      ...answer.headers,
      'Content-Length': String(body.length),
    })
    res.end(body)
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

function fail(req: IncomingMessage, res: ServerResponse, fault: ResponseFault): void {
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
        'Content-Type': 'text/plain; charset=utf-8',
        'Retry-After': String(fault.retryAfterSec ?? 2),
      })
      res.end('Too Many Requests')
      return
    case 'malformed':
      return
  }
}

async function readRequest(req: IncomingMessage): Promise<JadeRequest> {
  const url = new URL(req.url ?? '/', 'https://localhost')
  const params: Record<string, string> = {}
  for (const [k, v] of url.searchParams) params[k.toLowerCase()] = v
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBody) throw new Error('body too large')
    chunks.push(chunk)
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    params,
    headers: req.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  }
}
