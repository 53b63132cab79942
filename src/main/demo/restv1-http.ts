/**
 * The REST face's HTTP plumbing. `HttpFace` folds the query into one value per
 * name and reads bodies only for POST forms, but REST needs repeated query
 * names (`extension_id=1&extension_id=2`) and JSON bodies on PUT; so this is
 * the same shape (127.0.0.1 server, counts, the shared fault injector, a close
 * that never waits for a hung request) with the raw request kept.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  FaultInjector,
  htmlErrorPage,
  mangle,
  type ResponseFault,
  type StateFaultHooks,
} from './faults'

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
  /** The name used for counting and fault matching (`GET /extension/{id}/current_calls`). */
  routeOf: (request: RestRequest) => string
  handle: (request: RestRequest) => RestResponse
  /** The state faults this face has (token expiry). */
  stateFaults?: StateFaultHooks
}

const maxBody = 256 * 1024

export class RestHttp {
  readonly faults: FaultInjector
  private count = 0
  private readonly counts = new Map<string, number>()
  private readonly server: Server
  private readonly delays = new Set<NodeJS.Timeout>()
  private address: AddressInfo | undefined

  constructor(private readonly options: RestHttpOptions) {
    this.faults = new FaultInjector(options.stateFaults)
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

  get origin(): string {
    if (!this.address) throw new Error('face not listening')
    return `http://${this.options.host ?? '127.0.0.1'}:${this.address.port}`
  }

  get requestCount(): number {
    return this.count
  }

  countOf(route: string): number {
    return this.counts.get(route.toUpperCase()) ?? 0
  }

  resetCounts(): void {
    this.count = 0
    this.counts.clear()
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
    const route = this.options.routeOf(request).toUpperCase()
    this.count++
    this.counts.set(route, (this.counts.get(route) ?? 0) + 1)
    const params: Record<string, string> = {}
    for (const [k, v] of request.query) params[k.toLowerCase()] = v
    const { latencyMs, fault } = this.faults.take({
      method: request.method,
      path: request.path,
      reqtype: route,
      params,
    })
    if (latencyMs > 0) await this.delay(latencyMs)
    if (res.destroyed || req.socket.destroyed) return
    if (fault && fault.kind !== 'malformed') return fail(req, res, fault)
    let answer: RestResponse
    try {
      answer = this.options.handle(request)
    } catch {
      answer = { status: 500, body: JSON.stringify({ message: 'Internal server error' }) }
    }
    const raw = answer.body ?? ''
    let body = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw
    if (fault?.kind === 'malformed') body = mangle(body, fault.mode ?? 'truncate')
    res.writeHead(answer.status, {
      ...(body.length > 0 ? { 'Content-Type': 'application/json' } : {}),
      ...answer.headers,
      'Content-Length': String(body.length),
    })
    res.end(body)
  }

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

/** What a broken proxy in front of the API answers: no JSON, no rate-limit headers. */
function fail(req: IncomingMessage, res: ServerResponse, fault: ResponseFault): void {
  switch (fault.kind) {
    case 'reset':
      req.socket.destroy()
      return
    case 'hang':
      return
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
        'Content-Type': 'application/json',
        'Retry-After': String(fault.retryAfterSec ?? 2),
      })
      res.end(JSON.stringify({ message: 'Rate limit exceeded', status: 'rate_limit_exceeded' }))
      return
    case 'malformed':
      return
  }
}

async function readRequest(req: IncomingMessage): Promise<RestRequest> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBody) throw new Error('body too large')
    chunks.push(chunk)
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.concat(chunks),
  }
}
