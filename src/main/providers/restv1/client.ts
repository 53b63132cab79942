/**
 * The REST ver1.0 transport: client_credentials token, bearer requests, one
 * renewal and one retry after an auth error, rate-limit headers into the
 * provider's stats, and paging. The secret and every token are registered for
 * redaction; no URL, header or token body is ever put into a message.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { registerSecret } from '../../../shared/redact'
import { AppError, isAppError } from '../../../shared/result'
import { HttpClient, headerValue, type HttpRequest, type HttpResponse } from '../http'
import type { RequestStats } from '../provider'
import { restOrigin } from './validate'
import { errorOf, parseRateLimit, parseToken, tokenErrorOf, totalCount } from './parse'
import { TokenKeeper, type FetchedToken, type Token } from './token'

export interface RestV1ClientOptions {
  /** `https://apiproxy.telphin.ru` (a trailing `/api/ver1.0` is tolerated). */
  host: string
  clientId: string
  clientSecret: string
  stats: RequestStats
  now: () => number
  timeoutMs?: number
}

export type Query = readonly (readonly [string, string])[]

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Under `/api/ver1.0`, e.g. `/extension/12/current_calls/`. */
  path: string
  query?: Query
  json?: unknown
  maxBytes?: number
}

const LABEL = 'The PBX API'
const PER_PAGE = 500
const MAX_PAGES = 200

export class RestV1Client {
  private readonly http: HttpClient
  private readonly tokens: TokenKeeper
  /** The validated origin, or why the host setting was refused (said at the first request). */
  private readonly origin: URL | AppError
  /** Whether the last 429 said when to come back (else the budget's reset decides). */
  private retryAfterGiven = false

  constructor(private readonly options: RestV1ClientOptions) {
    registerSecret(options.clientSecret)
    try {
      this.origin = restOrigin(options.host)
    } catch (error) {
      this.origin = isAppError(error) ? error : new AppError('invalid_argument', 'Bad PBX address.')
    }
    this.http = new HttpClient({
      label: 'the PBX API',
      onRequest: () => {
        options.stats.requests++
      },
      onResponse: (status, headers) => this.noteResponse(status, headers),
    })
    this.tokens = new TokenKeeper(() => this.fetchToken(), options.now)
  }

  private noteResponse(status: number, headers: IncomingHttpHeaders): void {
    const rateLimit = parseRateLimit(headers, this.options.now())
    if (rateLimit) this.options.stats.rateLimit = rateLimit
    if (status === 429) this.retryAfterGiven = headerValue(headers, 'retry-after') !== undefined
  }

  /** Sends, and gives a 429 without Retry-After the wait the budget's reset implies. */
  private async send(req: HttpRequest): Promise<HttpResponse> {
    const timed =
      this.options.timeoutMs === undefined ? req : { ...req, timeoutMs: this.options.timeoutMs }
    try {
      return await this.http.send(timed)
    } catch (error) {
      const resetAt = this.options.stats.rateLimit?.resetAt
      if (isAppError(error) && error.kind === 'rate_limited' && !this.retryAfterGiven && resetAt) {
        const wait = Math.max(1000, resetAt - this.options.now())
        throw new AppError(
          'rate_limited',
          `The PBX API's hourly request budget is spent; trying again in ${Math.ceil(wait / 1000)} s.`,
          wait,
        )
      }
      throw error
    }
  }

  /** `path` under the validated origin; a refused host setting is thrown here. */
  private url(path: string): URL {
    if (this.origin instanceof AppError) throw this.origin
    return new URL(path, this.origin)
  }

  private async fetchToken(): Promise<FetchedToken> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
    }).toString()
    const response = await this.send({
      method: 'POST',
      // R1: the token endpoint is at the host root, not under /api/ver1.0.
      url: this.url('/oauth/token').href,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
      maxBytes: 64 * 1024,
    })
    if (response.status !== 200) throw tokenErrorOf(response.status, response.text())
    return parseToken(response.text())
  }

  /** A fresh token now (sign-in): proves the client id and secret. */
  async signIn(): Promise<void> {
    this.tokens.reset()
    await this.tokens.current()
  }

  private async attempt(req: ApiRequest, token: Token): Promise<HttpResponse> {
    const dots = req.path.split('/').some((part) => part === '.' || part === '..')
    if (!req.path.startsWith('/') || dots || req.path.includes('?') || req.path.includes('#'))
      throw new AppError('internal', 'A PBX API path was built wrongly.')
    const url = this.url(`/api/ver1.0${req.path}`)
    for (const [name, value] of req.query ?? []) url.searchParams.append(name, value)
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token.value}`,
      Accept: 'application/json',
    }
    const request: HttpRequest = { method: req.method ?? 'GET', url: url.href, headers }
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      request.body = JSON.stringify(req.json)
    }
    if (req.maxBytes !== undefined) request.maxBytes = req.maxBytes
    return this.send(request)
  }

  /**
   * One API request. A 401 means the token is no longer good (expired early,
   * revoked): the request waits for the one renewal everybody shares and is
   * sent once more; a second 401 is an auth error.
   */
  async request(req: ApiRequest): Promise<HttpResponse> {
    const token = await this.tokens.current()
    let response = await this.attempt(req, token)
    if (response.status === 401) {
      const renewed = await this.tokens.after(token)
      response = await this.attempt(req, renewed)
    }
    if (response.status < 200 || response.status > 299) {
      throw errorOf(response.status, response.text())
    }
    return response
  }

  /**
   * Every page of a paged list (`page`, `per_page`; R5: at most `per_page` items a
   * page). A server may also cap a page below what was asked, so a page as full as
   * the fullest seen so far means "maybe more"; a shorter or empty page, or
   * `X-Total-Count` reached, ends the list.
   */
  async pages<T>(path: string, query: Query, parse: (body: string) => T[]): Promise<T[]> {
    const all: T[] = []
    let fullest = 0
    for (let page = 1; page <= MAX_PAGES; page++) {
      const response = await this.request({
        path,
        query: [...query, ['page', String(page)], ['per_page', String(PER_PAGE)]],
      })
      const items = parse(response.text())
      if (items.length > PER_PAGE)
        throw new AppError('bad_response', `${LABEL} sent more items than a page holds.`)
      all.push(...items)
      const total = totalCount(response.headers)
      if (items.length === 0 || items.length < fullest) return all
      if (items.length === PER_PAGE) fullest = PER_PAGE
      else if (fullest === 0) fullest = items.length
      if (total !== undefined && all.length >= total) return all
    }
    throw new AppError('bad_response', 'The PBX API sent more pages than Switchboard reads.')
  }

  close(): void {
    this.http.close()
  }
}
