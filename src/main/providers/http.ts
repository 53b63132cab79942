/**
 * The HTTP client every dialect uses: timeouts, a size cap, keep-alive, and the
 * mapping of transport failures to the app's error kinds, with messages in words
 * that name the host but never the URL (query strings carry API keys here).
 *
 * There is no automatic retry: polling is retried by the session's scheduler
 * (with back-off), and actions such as dial must not be sent twice.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { type Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { AppError } from '../../shared/result'
import { describeNetworkError } from './http-errors'
import { NodeHttpsAgent } from './network'

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  url: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** Default 8 s. */
  timeoutMs?: number
  /** Default 5 MiB; a larger answer is refused as `bad_response`. */
  maxBytes?: number
}

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  text(): string
}

export interface HttpClientOptions {
  /** Words for the server in messages, e.g. "the PBXCloud portal". */
  label: string
  /** Called once per request sent (the session's budget counts them). */
  onRequest?: () => void
  /**
   * Called with every answer's status and headers before 429 and 5xx become errors,
   * so a dialect can read rate-limit headers even from the answer that refuses it.
   */
  onResponse?: (status: number, headers: IncomingHttpHeaders) => void
  /**
   * This client's own HTTPS agent, for a per-account certificate policy (a pinned
   * self-signed certificate). An AppError its connections fail with is passed on as is.
   */
  httpsAgent?: HttpsAgent
  /**
   * The certificate decision this client makes itself (jade's pin): `httpsAgent`'s on
   * Node, or a checked transport's (the app: Electron's net, shell/net-pinned.ts).
   */
  certificatePolicy?: CertificatePolicy
}

/** Accept exactly the pinned certificate, or (without a pin) what the system trusts. */
export interface CertificatePolicy {
  /** Words for the server in messages, e.g. "the jade server". */
  label: string
  /** `AA:BB:…`: accept exactly this certificate, whoever signed it. */
  pinnedFingerprint?: string
}

/** One request as a transport sees it: already checked, with its limits. */
export interface TransportRequest {
  url: URL
  method: NonNullable<HttpRequest['method']>
  headers: Record<string, string>
  body?: string | Buffer
  timeoutMs: number
  maxBytes: number
  /** Words for the server, for error messages. */
  label: string
}

/**
 * What moves the bytes, when not Node's own http/https. The Electron shell sets
 * one on Chromium's network stack (the system proxy, PAC included, and the OS
 * certificate store). It must throw AppErrors in words, like this file does.
 */
export type HttpTransport = (
  req: TransportRequest,
) => Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>

/** A transport that makes a client's own certificate decision (see `certificatePolicy`). */
export type CheckedTransportFactory = (policy: CertificatePolicy) => HttpTransport

let defaultTransport: HttpTransport | null = null
let checkedTransports: CheckedTransportFactory | null = null

/** The transport for every client without its own certificate policy or agent. */
export function setDefaultHttpTransport(transport: HttpTransport | null): void {
  defaultTransport = transport
}

/**
 * The transports for clients with a certificate policy. Without one, such a client
 * stays on Node's TLS with its own agent: its decision never goes to a stack that
 * does not know the policy.
 */
export function setCheckedHttpTransport(factory: CheckedTransportFactory | null): void {
  checkedTransports = factory
}

const DEFAULT_TIMEOUT_MS = 8000
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024

/** Parse Retry-After (seconds or an HTTP date) into milliseconds from `now`. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), 86_400) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

export class HttpClient {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 6 })
  private readonly httpsAgent: HttpsAgent

  constructor(private readonly options: HttpClientOptions) {
    this.httpsAgent = options.httpsAgent ?? new NodeHttpsAgent(options.label)
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    let url: URL
    try {
      url = new URL(req.url)
    } catch {
      throw new AppError(
        'invalid_argument',
        `The address of ${this.options.label} is not a valid URL.`,
      )
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new AppError(
        'invalid_argument',
        `The address of ${this.options.label} must start with https://.`,
      )
    }
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES
    this.options.onRequest?.()

    const transport = this.transport()
    const response = transport
      ? await this.viaTransport(transport, url, req, timeoutMs, maxBytes)
      : await this.viaNode(url, req, timeoutMs, maxBytes)
    return this.judge(response)
  }

  private transport(): HttpTransport | null {
    const policy = this.options.certificatePolicy
    if (policy) return checkedTransports ? checkedTransports(policy) : null
    return this.options.httpsAgent ? null : defaultTransport
  }

  private async viaTransport(
    transport: HttpTransport,
    url: URL,
    req: HttpRequest,
    timeoutMs: number,
    maxBytes: number,
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = { 'User-Agent': 'Switchboard', ...req.headers }
    const answer = await transport({
      url,
      method: req.method ?? 'GET',
      headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
      timeoutMs,
      maxBytes,
      label: this.options.label,
    })
    return { ...answer, text: () => answer.body.toString('utf8') }
  }

  private viaNode(
    url: URL,
    req: HttpRequest,
    timeoutMs: number,
    maxBytes: number,
  ): Promise<HttpResponse> {
    const label = this.options.label
    const host = url.host
    return new Promise<HttpResponse>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest
      const headers: Record<string, string> = { 'User-Agent': 'Switchboard', ...req.headers }
      if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body))
      let settled = false
      const fail = (error: AppError): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        request.destroy()
        reject(error)
      }
      const request = send(
        url,
        {
          method: req.method ?? 'GET',
          headers,
          agent: url.protocol === 'https:' ? this.httpsAgent : this.httpAgent,
        },
        (res) => {
          const chunks: Buffer[] = []
          let size = 0
          res.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size > maxBytes) {
              fail(
                new AppError(
                  'bad_response',
                  `${label} sent an answer larger than ${Math.round(maxBytes / 1048576)} MB; it was refused.`,
                ),
              )
              return
            }
            chunks.push(chunk)
          })
          res.on('end', () => {
            if (settled) return
            settled = true
            clearTimeout(timer)
            const body = Buffer.concat(chunks)
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body,
              text: () => body.toString('utf8'),
            })
          })
          res.on('error', (error: NodeJS.ErrnoException) =>
            fail(new AppError('network', describeNetworkError(error.code, host, label))),
          )
          res.on('aborted', () =>
            fail(new AppError('network', describeNetworkError('ECONNRESET', host, label))),
          )
        },
      )
      const timer = setTimeout(
        () =>
          fail(
            new AppError(
              'timeout',
              `${label} (${host}) did not answer within ${Math.round(timeoutMs / 1000)} s.`,
            ),
          ),
        timeoutMs,
      )
      request.on('error', (error: NodeJS.ErrnoException) =>
        fail(
          error instanceof AppError
            ? error
            : new AppError('network', describeNetworkError(error.code, host, label)),
        ),
      )
      if (req.body !== undefined) request.write(req.body)
      request.end()
    })
  }

  private judge(response: HttpResponse): HttpResponse {
    const label = this.options.label
    this.options.onResponse?.(response.status, response.headers)
    if (response.status === 429) {
      const wait = retryAfterMs(headerValue(response.headers, 'retry-after')) ?? 30_000
      throw new AppError(
        'rate_limited',
        `${label} asks Switchboard to slow down; trying again in ${Math.ceil(wait / 1000)} s.`,
        wait,
        { code: 'rate_limited', params: { seconds: Math.ceil(wait / 1000) } },
      )
    }
    if (response.status >= 500) {
      throw new AppError('bad_response', `${label} had a server error (HTTP ${response.status}).`)
    }
    return response
  }

  close(): void {
    this.httpAgent.destroy()
    this.httpsAgent.destroy()
  }
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}
