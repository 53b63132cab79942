/**
 * The testing entry's tap in front of a face (see FaceTap in face-server.ts):
 * it counts every request by name and plays the faults a test arms — latency,
 * a broken proxy's answers, a mangled body, and the face's state faults. The
 * app's faces run without it, so none of this ships in the app.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FaceServer, FaceTap, TapVerdict, TapWire } from './face-server'
import {
  FaultInjector,
  htmlErrorPage,
  mangle,
  type FaultRequest,
  type ResponseFault,
  type StateFaultHooks,
} from './faults'

export class RequestTap implements FaceTap {
  readonly faults: FaultInjector
  private count = 0
  private readonly counts = new Map<string, number>()
  private readonly delays = new Set<NodeJS.Timeout>()

  constructor(stateFaults: StateFaultHooks = {}) {
    this.faults = new FaultInjector(stateFaults)
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

  async intercept(
    probe: FaultRequest,
    req: IncomingMessage,
    res: ServerResponse,
    wire: TapWire,
  ): Promise<TapVerdict> {
    this.count++
    this.counts.set(probe.reqtype, (this.counts.get(probe.reqtype) ?? 0) + 1)
    const { latencyMs, fault } = this.faults.take(probe)
    if (latencyMs > 0) await this.delay(latencyMs)
    if (res.destroyed || req.socket.destroyed) return { answered: true }
    if (fault?.kind === 'malformed') {
      const mode = fault.mode ?? 'truncate'
      return { answered: false, rewrite: (body) => mangle(body, mode) }
    }
    if (fault) {
      fail(req, res, fault, wire)
      return { answered: true }
    }
    return { answered: false }
  }

  close(): void {
    for (const t of this.delays) clearTimeout(t)
    this.delays.clear()
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

/** Puts a counting, fault-injecting tap in front of `server`. */
export function tapFace<Req>(server: FaceServer<Req>, stateFaults?: StateFaultHooks): RequestTap {
  const tap = new RequestTap(stateFaults)
  server.tap = tap
  return tap
}

/** What a broken proxy in front of the API answers: never the API's own format. */
function fail(
  req: IncomingMessage,
  res: ServerResponse,
  fault: Exclude<ResponseFault, { kind: 'malformed' }>,
  wire: TapWire,
): void {
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
        'Content-Type': wire.rateLimited.contentType,
        'Retry-After': String(fault.retryAfterSec ?? 2),
      })
      res.end(wire.rateLimited.body)
      return
  }
}
