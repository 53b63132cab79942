/**
 * Fault injection for a face: each fault applies to the requests it matches,
 * `times` times (for ever when unset), so a test can say "the next two CHANNELS
 * requests answer 503" and then watch the app recover.
 */

export interface FaultRequest {
  method: string
  path: string
  /** Upper-cased request type (empty when the face has none). */
  reqtype: string
  /** Parameter names lower-cased. */
  params: Readonly<Record<string, string>>
}

interface FaultCommon {
  /** How many matching requests this fault hits; unset means every one. */
  times?: number
  match?: (request: FaultRequest) => boolean
}

export type FaultSpec = FaultCommon &
  (
    | { kind: 'latency'; ms: number }
    | { kind: 'http5xx'; status?: number }
    | { kind: 'reset' }
    | { kind: 'hang' }
    | { kind: 'malformed'; mode?: 'truncate' | 'garbage' }
    | { kind: 'html'; status?: 200 | 502 }
    | { kind: 'rate_limit'; retryAfterSec?: number }
  )

export type FaultKind = FaultSpec['kind']
export type ResponseFault = Exclude<FaultSpec, { kind: 'latency' }>

export interface FaultHandle {
  readonly spec: FaultSpec
  /** Requests this fault has hit so far. */
  readonly hits: number
  remove(): void
}

interface Entry {
  spec: FaultSpec
  hits: number
  left: number
}

export class FaultInjector {
  private entries: Entry[] = []

  add(spec: FaultSpec): FaultHandle {
    const entry: Entry = { spec, hits: 0, left: spec.times ?? Number.POSITIVE_INFINITY }
    this.entries.push(entry)
    return {
      spec,
      get hits(): number {
        return entry.hits
      },
      remove: (): void => {
        this.entries = this.entries.filter((e) => e !== entry)
      },
    }
  }

  clear(): void {
    this.entries = []
  }

  /** Faults still armed. */
  get size(): number {
    return this.entries.length
  }

  /**
   * What happens to one request: every matching latency fault adds up, and the
   * first matching fault of another kind decides the answer. Each fault used
   * spends one of its `times`.
   */
  take(request: FaultRequest): { latencyMs: number; fault?: ResponseFault } {
    let latencyMs = 0
    let fault: ResponseFault | undefined
    for (const entry of [...this.entries]) {
      const { spec } = entry
      if (spec.kind !== 'latency' && fault) continue
      if (spec.match && !spec.match(request)) continue
      if (spec.kind === 'latency') latencyMs += spec.ms
      else fault = spec
      entry.hits++
      entry.left--
      if (entry.left <= 0) this.entries = this.entries.filter((e) => e !== entry)
    }
    return fault ? { latencyMs, fault } : { latencyMs }
  }
}

/** An nginx-style error page, as a proxy in front of a PHP API would send. */
export function htmlErrorPage(status: number): string {
  const title = status === 502 ? '502 Bad Gateway' : `${status} Error`
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
    `<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
  )
}

/** A broken version of a real answer: cut in half, or with bytes that parse as nothing. */
export function mangle(body: Buffer, mode: 'truncate' | 'garbage'): Buffer {
  if (mode === 'truncate') return body.subarray(0, Math.floor(body.length / 2))
  const junk = Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x22, 0x7c, 0x0a, 0x3c, 0x3f, 0x1b])
  return Buffer.concat([
    body.subarray(0, Math.floor(body.length / 3)),
    junk,
    Buffer.from('\ufffd|{"'),
  ])
}
