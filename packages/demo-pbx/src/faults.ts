/**
 * Fault injection for a face: each fault applies to the requests it matches,
 * `times` times (for ever when unset), so a test can say "the next two CHANNELS
 * requests answer 503" and then watch the app recover.
 *
 * Most faults are on the wire and every face has them. Two change the server's
 * own state instead, and only a face that has that state can inject them: it
 * hands the injector what to do for each (`StateFaultHooks`), and asking any
 * other face for one is an error rather than a fault that silently never happens.
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
    /**
     * The server forgets every token it has issued, just before it serves the
     * matching request (which then meets a dead token, unless it is a sign-in),
     * as an early expiry, a revocation or a server restart would.
     */
    | { kind: 'token_expiry' }
    /**
     * Every live event socket is cut without a close handshake, as a network drop
     * would, when the matching request arrives; the request itself is answered.
     */
    | { kind: 'socket_drop' }
  )

export type FaultKind = FaultSpec['kind']
/** Faults of the server's state rather than of one answer. */
export type StateFaultKind = 'token_expiry' | 'socket_drop'
export type ResponseFault = Exclude<FaultSpec, { kind: 'latency' | StateFaultKind }>
/** What a face does for each state fault it has; a face without tokens or sockets has none. */
export type StateFaultHooks = Partial<Record<StateFaultKind, () => void>>

const isStateFault = (kind: FaultKind): kind is StateFaultKind =>
  kind === 'token_expiry' || kind === 'socket_drop'

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

  constructor(private readonly hooks: StateFaultHooks = {}) {}

  /** Whether this face can inject faults of `kind` (wire faults: always). */
  supports(kind: FaultKind): boolean {
    return !isStateFault(kind) || this.hooks[kind] !== undefined
  }

  add(spec: FaultSpec): FaultHandle {
    if (!this.supports(spec.kind)) {
      const what = spec.kind === 'token_expiry' ? 'tokens to expire' : 'event sockets to drop'
      throw new Error(`this face cannot inject '${spec.kind}': it has no ${what}`)
    }
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
   * What happens to one request: every matching latency fault adds up, every
   * matching state fault happens now (before the request is served), and the
   * first matching fault of another kind decides the answer. Each fault used
   * spends one of its `times`.
   */
  take(request: FaultRequest): { latencyMs: number; fault?: ResponseFault } {
    let latencyMs = 0
    let fault: ResponseFault | undefined
    for (const entry of [...this.entries]) {
      const { spec } = entry
      const decides = spec.kind !== 'latency' && !isStateFault(spec.kind)
      if (decides && fault) continue
      if (spec.match && !spec.match(request)) continue
      if (spec.kind === 'latency') latencyMs += spec.ms
      else if (spec.kind === 'token_expiry' || spec.kind === 'socket_drop')
        this.hooks[spec.kind]?.()
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
