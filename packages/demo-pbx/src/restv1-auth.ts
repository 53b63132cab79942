/**
 * OAuth2 client credentials, bearer tokens and the hourly request budget of the
 * REST face. Time is the PBX clock, so a test expires a token by advancing it.
 */
import type { PbxState } from './pbx-state'

/** A REST error answer: `{message, status?}` with an HTTP code. */
export class RestError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
    readonly word?: string,
  ) {
    super(message)
  }
}

export interface RateState {
  limit: number
  remaining: number
  /** Epoch seconds when the window restarts. */
  reset: number
}

export interface Bucket {
  start: number
  used: number
}

const hourMs = 3600_000
/** Requests that name no known client share this bucket. */
export const anonymous = '(anonymous)'

export class RateLimiter {
  /** Per client; tests' hooks (restv1-testing.ts) clear them. */
  readonly buckets = new Map<string, Bucket>()

  constructor(
    private readonly clock: () => number,
    public budget: number,
  ) {}

  /** Counts one request against `key`; `allowed` is false once the budget is spent. */
  take(key: string): RateState & { allowed: boolean } {
    const bucket = this.bucket(key)
    const allowed = bucket.used < this.budget
    if (allowed) bucket.used++
    return { ...this.stateOf(bucket), allowed }
  }

  peek(key: string): RateState {
    return this.stateOf(this.bucket(key))
  }

  private bucket(key: string): Bucket {
    const now = this.clock()
    let bucket = this.buckets.get(key)
    // A fixed hour from the client's first request, as the doc says.
    if (!bucket || now >= bucket.start + hourMs) {
      bucket = { start: now, used: 0 }
      this.buckets.set(key, bucket)
    }
    return bucket
  }

  private stateOf(bucket: Bucket): RateState {
    return {
      limit: this.budget,
      remaining: Math.max(0, this.budget - bucket.used),
      reset: Math.ceil((bucket.start + hourMs) / 1000),
    }
  }
}

export interface Token {
  clientId: string
  expiresAt: number
}

export interface RestAuthOptions {
  clientId: string
  clientSecret: string
  tokenTtlSec: number
}

export class RestAuth {
  /** Live tokens; tests' hooks (restv1-testing.ts) drop some. */
  readonly tokens = new Map<string, Token>()
  /** Clients whose credentials no longer work; only tests' hooks add any. */
  readonly revoked = new Set<string>()
  private seq = 0
  private requests = 0
  blocked = false

  constructor(
    private readonly pbx: PbxState,
    private readonly options: RestAuthOptions,
  ) {}

  get tokenRequests(): number {
    return this.requests
  }

  /** The client a token request names, if it exists (for the rate budget). */
  knownClient(clientId: string | undefined): string | undefined {
    return clientId === this.options.clientId && !this.revoked.has(clientId) ? clientId : undefined
  }

  /** `POST /oauth/token`: the form fields in, the token body out (or a RestError). */
  issue(form: URLSearchParams): Record<string, string | number> {
    this.requests++
    const grant = form.get('grant_type') ?? ''
    if (grant !== 'client_credentials') {
      throw new RestError(400, 'Unsupported grant type', 'unsupported_grant_type')
    }
    const clientId = form.get('client_id') ?? ''
    if (!this.knownClient(clientId))
      throw new RestError(401, 'Client not found', 'client_not_found')
    if (form.get('client_secret') !== this.options.clientSecret) {
      throw new RestError(401, 'Invalid client credentials', 'access_denied')
    }
    if (this.blocked) throw new RestError(403, 'User is blocked', 'user_blocked')
    const token = this.pbx.token(`oauth:${this.options.clientId}:${++this.seq}`, 30)
    const ttl = this.options.tokenTtlSec
    this.tokens.set(token, { clientId, expiresAt: this.pbx.clock.now() + ttl * 1000 })
    return { access_token: token, expires_in: ttl, token_type: 'Bearer', scope: 'all' }
  }

  /**
   * The client behind an `Authorization` header: a live bearer token, or (where
   * `basic` is allowed, for record downloads) the client's own credentials.
   */
  authenticate(header: string | undefined, basic = false): string {
    const [scheme = '', value = ''] = (header ?? '').split(/\s+/, 2)
    let clientId: string | undefined
    if (scheme.toLowerCase() === 'bearer') {
      const token = this.tokens.get(value)
      if (token && token.expiresAt > this.pbx.clock.now() && !this.revoked.has(token.clientId)) {
        clientId = token.clientId
      }
    } else if (basic && scheme.toLowerCase() === 'basic') {
      const [id = '', secret = ''] = Buffer.from(value, 'base64').toString('utf8').split(':', 2)
      if (this.knownClient(id) && secret === this.options.clientSecret) clientId = id
    }
    if (!clientId) throw new RestError(401, 'Invalid or expired token', 'invalid_token')
    if (this.blocked) throw new RestError(403, 'User is blocked', 'user_blocked')
    return clientId
  }

  /** The client a header names, valid or not, for the rate budget. */
  clientOfHeader(header: string | undefined): string | undefined {
    const [scheme = '', value = ''] = (header ?? '').split(/\s+/, 2)
    if (scheme.toLowerCase() !== 'bearer') return undefined
    return this.tokens.get(value)?.clientId
  }

  expireTokens(): void {
    this.tokens.clear()
  }
}
