/**
 * The REST API ver1.0 face: OAuth2 tokens at `/oauth/token` and the API under
 * `/api/ver1.0`, over the shared PBX state, exactly as docs/dialects/restv1.md
 * describes it. What only tests do to it (revoke the client, block the user,
 * change the hourly budget, look ids up) is in restv1-testing.ts, reachable only
 * from the testing entry; transport faults and token expiry come from its tap,
 * request-tap.ts.
 */
import type { TlsMaterial } from './jade-tls'
import { anonymous, RateLimiter, RestAuth, RestError, type RateState } from './restv1-auth'
import type { ChatMarks, Reply, RestCtx } from './restv1-context'
import { RestHttp, type RestRequest, type RestResponse } from './restv1-http'
import { RestIds } from './restv1-ids'
import { match, routes, segments, type Route } from './restv1-routes'
import { PbxError } from './pbx-error'
import type { PbxState } from './pbx-state'
import type { SimCall } from './pbx-types'

export const restv1ApiPath = '/api/ver1.0'
export const restv1TokenPath = '/oauth/token'

export interface Restv1FaceOptions {
  tenant: string
  /** The signed-in user's own phone (the agent). */
  userExtension: string
  host?: string
  port?: number
  /** Requests per hour per OAuth client (default 5000). */
  rateBudget?: number
  tokenTtlSec?: number
  /** Serve HTTPS with this certificate (a test's local CA); plain HTTP without. */
  tls?: TlsMaterial
}

const errorBody = (e: RestError): string =>
  JSON.stringify(e.word ? { message: e.message, status: e.word } : { message: e.message })

export class Restv1Face {
  readonly http: RestHttp
  readonly auth: RestAuth
  readonly rate: RateLimiter
  readonly ids: RestIds
  readonly clientId: string
  readonly clientSecret: string
  /** The PBX's numeric client (account) id, as `GET /user/` reports it. */
  readonly clientNumId = 18004
  private readonly chat: ChatMarks = { readUpTo: new Map(), deletedUpTo: new Map() }

  constructor(
    protected readonly pbx: PbxState,
    protected readonly options: Restv1FaceOptions,
  ) {
    this.clientId = `demo-${pbx.token('restv1:client', 20)}`
    this.clientSecret = pbx.token('restv1:secret', 32)
    this.ids = new RestIds(pbx, options.tenant, '700')
    this.auth = new RestAuth(pbx, {
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      tokenTtlSec: options.tokenTtlSec ?? 3600,
    })
    this.rate = new RateLimiter(() => pbx.clock.now(), options.rateBudget ?? 5000)
    this.http = new RestHttp({
      ...(options.host ? { host: options.host } : {}),
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
      routeOf: (req) => this.routeName(req),
      handle: (req) => this.handle(req),
    })
  }

  async listen(): Promise<void> {
    await this.http.listen()
  }

  async close(): Promise<void> {
    await this.http.close()
  }

  /** `http://127.0.0.1:<port>`; the API is under `/api/ver1.0`, tokens at `/oauth/token`. */
  get url(): string {
    return this.http.origin
  }

  get extensionId(): number {
    return this.ids.phoneId(this.options.userExtension)
  }

  get tokenRequests(): number {
    return this.auth.tokenRequests
  }

  /** The live calls one current_calls list shows: all of them (the testing entry's face hides some). */
  protected listedCalls(calls: SimCall[]): SimCall[] {
    return calls
  }

  private routeName(req: RestRequest): string {
    if (req.path.replace(/\/+$/, '') === restv1TokenPath) return `${req.method} ${restv1TokenPath}`
    if (!req.path.startsWith(`${restv1ApiPath}/`)) return `${req.method} ?`
    const parts = segments(req.path.slice(restv1ApiPath.length))
    if (parts.length === 1 && parts[0] === 'user') return `${req.method} /user`
    const route = routes.find((r) => r.method === req.method && match(r, parts))
    return route?.name ?? `${req.method} ?`
  }

  private handle(req: RestRequest): RestResponse {
    const basicOk = /\/download\/?$/.test(req.path)
    let rateKey = this.auth.clientOfHeader(req.headers.authorization) ?? anonymous
    let form: URLSearchParams | undefined
    const isToken = req.path.replace(/\/+$/, '') === restv1TokenPath
    if (isToken) {
      form = new URLSearchParams(req.body.toString('utf8'))
      rateKey = this.auth.knownClient(form.get('client_id') ?? undefined) ?? anonymous
    } else if (basicOk && rateKey === anonymous) {
      const basic = this.basicClient(req.headers.authorization)
      if (basic) rateKey = basic
    }
    const rate = this.rate.take(rateKey)
    const answer = (status: number, body?: string | Buffer, type?: string): RestResponse =>
      withRate({ status, ...(body !== undefined ? { body } : {}) }, rate, type)
    if (!rate.allowed) {
      const retry = Math.max(1, rate.reset - Math.floor(this.pbx.clock.now() / 1000))
      const res = answer(
        429,
        errorBody(new RestError(429, 'Rate limit exceeded', 'rate_limit_exceeded')),
      )
      return { ...res, headers: { ...res.headers, 'Retry-After': String(retry) } }
    }
    try {
      if (isToken) {
        if (req.method !== 'POST') throw new RestError(405, 'Method not allowed')
        return answer(200, JSON.stringify(this.auth.issue(form ?? new URLSearchParams())))
      }
      if (!req.path.startsWith(`${restv1ApiPath}/`)) throw new RestError(404, 'Not found')
      this.auth.authenticate(req.headers.authorization, basicOk)
      const reply = this.dispatch(req)
      const body = reply.raw ?? (reply.json !== undefined ? JSON.stringify(reply.json) : undefined)
      const res = answer(reply.status, body, reply.raw ? reply.type : undefined)
      return { ...res, headers: { ...res.headers, ...reply.headers } }
    } catch (e) {
      const err =
        e instanceof RestError
          ? e
          : e instanceof PbxError
            ? new RestError(/not found/i.test(e.message) ? 404 : 409, e.message)
            : undefined
      if (!err) throw e
      return answer(err.httpStatus, errorBody(err))
    }
  }

  private basicClient(header: string | undefined): string | undefined {
    const [scheme = '', value = ''] = (header ?? '').split(/\s+/, 2)
    if (scheme.toLowerCase() !== 'basic') return undefined
    const id = Buffer.from(value, 'base64').toString('utf8').split(':', 1)[0]
    return this.auth.knownClient(id)
  }

  private dispatch(req: RestRequest): Reply {
    const parts = segments(req.path.slice(restv1ApiPath.length))
    if (parts.length === 1 && parts[0] === 'user') {
      if (req.method !== 'GET') throw new RestError(405, 'Method not allowed')
      return { status: 200, json: this.user() }
    }
    let found: { route: Route; params: Record<string, string> } | undefined
    let pathKnown = false
    for (const route of routes) {
      const params = match(route, parts)
      if (!params) continue
      pathKnown = true
      if (route.method === req.method) {
        found = { route, params }
        break
      }
    }
    if (!found)
      throw new RestError(pathKnown ? 405 : 404, pathKnown ? 'Method not allowed' : 'Not found')
    const { route, params } = found
    const client = params.client
    if (client !== undefined && client !== '@me' && client !== String(this.clientNumId)) {
      throw /^\d+$/.test(client)
        ? new RestError(403, 'Access denied', 'access_denied')
        : new RestError(404, 'Not found')
    }
    const ctx: RestCtx = {
      pbx: this.pbx,
      ids: this.ids,
      tenant: this.options.tenant,
      clientNumId: this.clientNumId,
      params,
      query: req.query,
      body: req.body,
      chat: this.chat,
      listedCalls: (calls) => this.listedCalls(calls),
    }
    return route.write ? this.pbx.asApi(() => route.handler(ctx)) : route.handler(ctx)
  }

  private user(): Record<string, unknown> {
    const ext = this.ids.data.extensions.get(this.options.userExtension)
    return {
      id: 501,
      login: ext?.email.split('@')[0] ?? this.options.userExtension,
      name: ext?.name ?? '',
      email: ext?.email ?? '',
      client_id: this.clientNumId,
      extension_id: this.extensionId,
      timezone: this.ids.data.tenant.timezone,
      status: 'active',
      access: 'full',
    }
  }
}

function withRate(res: RestResponse, rate: RateState, type?: string): RestResponse {
  return {
    ...res,
    headers: {
      ...(type ? { 'Content-Type': type } : {}),
      'X-RateLimit-Limit': String(rate.limit),
      'X-RateLimit-Remaining': String(rate.remaining),
      'X-RateLimit-Reset': String(rate.reset),
    },
  }
}
