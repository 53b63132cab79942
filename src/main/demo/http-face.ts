/**
 * The HTTP plumbing every face shares: a `node:http` server on 127.0.0.1, a
 * request counter, fault injection, and a close that never waits for a hung
 * request. A face supplies only how to name a request and how to answer it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  FaultInjector,
  htmlErrorPage,
  mangle,
  type FaultRequest,
  type ResponseFault,
} from './faults'

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
  /** The request type used for counting and fault matching (`CHANNELS`). */
  reqtypeOf: (request: FaceRequest) => string
  handle: (request: FaceRequest) => FaceResponse | Promise<FaceResponse>
}

const maxBody = 256 * 1024

export class HttpFace {
  readonly faults = new FaultInjector()
  private count = 0
  private readonly counts = new Map<string, number>()
  private readonly server: Server
  private readonly delays = new Set<NodeJS.Timeout>()
  private address: AddressInfo | undefined

  constructor(private readonly options: HttpFaceOptions) {
    this.server = createServer((req, res) => void this.serve(req, res))
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

  /** `http://127.0.0.1:<port>` */
  get origin(): string {
    if (!this.address) throw new Error('face not listening')
    return `http://${this.options.host ?? '127.0.0.1'}:${this.address.port}`
  }

  /** Every request received, faulted ones included. */
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

  async close(): Promise<void> {
    for (const t of this.delays) clearTimeout(t)
    this.delays.clear()
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    // Hung and keep-alive sockets would hold close() open for ever.
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
    if (fault && fault.kind !== 'malformed') return this.fail(req, res, fault)
    let answer: FaceResponse
    try {
      answer = await this.options.handle(request)
    } catch {
      answer = { status: 500, body: 'Internal Server Error' }
    }
    let body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body
    if (fault?.kind === 'malformed') body = mangle(body, fault.mode ?? 'truncate')
    res.writeHead(answer.status ?? 200, {
      'Content-Type': 'text/plain; charset=utf-8',
      ...answer.headers,
      'Content-Length': String(body.length),
    })
    res.end(body)
  }

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
      case 'html': {
        const status = fault.status ?? 502
        res.writeHead(status, { 'Content-Type': 'text/html' })
        res.end(htmlErrorPage(502))
        return
      }
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

async function readRequest(req: IncomingMessage): Promise<FaceRequest> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const params: Record<string, string> = {}
  for (const [k, v] of url.searchParams) params[k.toLowerCase()] = v
  if (req.method === 'POST') {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > maxBody) throw new Error('body too large')
      chunks.push(chunk)
    }
    const type = String(req.headers['content-type'] ?? '')
    if (type.includes('application/x-www-form-urlencoded') || type === '') {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
      for (const [k, v] of form) params[k.toLowerCase()] = v
    }
  }
  return { method: req.method ?? 'GET', path: url.pathname, params, headers: req.headers }
}
