/**
 * Requests to a jade server with sign-in handled: a user token (and an admin
 * token when admin credentials are set) from HTTP Basic sign-in, passed as
 * `?authtoken=`. jade has no refresh: a token unused for an hour is refused with
 * 403, and the client signs in again and retries the request once. Many requests
 * that find the token expired at the same moment share ONE sign-in.
 */
import { registerSecret } from '../../../shared/redact'
import { AppError } from '../../../shared/result'
import type { HttpClient } from '../http'
import { parseAnswer, recordOf, TokenRejected, text } from './parse'

export type Role = 'user' | 'admin'

export interface Credentials {
  username: string
  password: string
}

export interface JadeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  query?: Record<string, string>
  body?: unknown
  /** Words for the thing asked for, for error messages ("the parked call"). */
  what: string
}

interface Slot {
  token?: string
  pending?: Promise<string>
}

/** `https://host:8081` or `https://host:8081/v1` → `https://host:8081/v1`. */
export function apiBase(baseUrl: string): string {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new AppError('invalid_argument', 'The address of the jade server is not a valid URL.')
  }
  const path = url.pathname.replace(/\/+$/, '')
  url.pathname = /\/v1$/.test(path) ? path : `${path}/v1`
  url.search = ''
  url.hash = ''
  return url.href.replace(/\/+$/, '')
}

export class JadeClient {
  private readonly slots: Record<Role, Slot> = { user: {}, admin: {} }
  private readonly base: string
  /** Sign-ins sent, for tests and the request budget's curiosity. */
  logins = 0

  constructor(
    baseUrl: string,
    private readonly http: HttpClient,
    private readonly credentials: Record<Role, Credentials | undefined>,
    private readonly timeoutMs?: number,
  ) {
    this.base = apiBase(baseUrl)
    registerSecret(credentials.user?.password)
    registerSecret(credentials.admin?.password)
  }

  hasRole(role: Role): boolean {
    return this.credentials[role] !== undefined
  }

  /** The current token of a role, signing in (once, however many ask) when there is none. */
  token(role: Role): Promise<string> {
    const slot = this.slots[role]
    if (slot.token) return Promise.resolve(slot.token)
    slot.pending ??= this.signIn(role)
      .then((token) => {
        slot.token = token
        return token
      })
      .finally(() => {
        slot.pending = undefined
      })
    return slot.pending
  }

  /** Forget a token the server refused (unless a newer one already replaced it). */
  invalidate(role: Role, token: string): void {
    const slot = this.slots[role]
    if (slot.token === token) slot.token = undefined
  }

  /** The `result` of one request, after at most one fresh sign-in. */
  async call(role: Role, path: string, req: JadeRequest): Promise<unknown> {
    const first = await this.token(role)
    try {
      return await this.send(path, req, first)
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error
      this.invalidate(role, first)
    }
    const second = await this.token(role)
    try {
      return await this.send(path, req, second)
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error
      this.invalidate(role, second)
      throw new AppError(
        'auth',
        role === 'admin'
          ? 'The jade server refuses this request even right after signing in as admin.'
          : 'The jade server refuses this request even right after signing in. The account may lack the permission.',
      )
    }
  }

  /** Sign out every token held (best effort: the server forgets them within the hour anyway). */
  async signOut(): Promise<void> {
    await Promise.all(
      (['user', 'admin'] as const).map(async (role) => {
        const token = this.slots[role].token
        this.slots[role].token = undefined
        if (!token) return
        const path = role === 'admin' ? '/admin/login' : '/me/login'
        await this.send(path, { method: 'DELETE', what: 'the sign-out' }, token, 1500).catch(
          () => undefined,
        )
      }),
    )
  }

  private async send(
    path: string,
    req: JadeRequest,
    token: string,
    timeoutMs = this.timeoutMs,
  ): Promise<unknown> {
    const url = new URL(`${this.base}${path}`)
    for (const [name, value] of Object.entries(req.query ?? {})) url.searchParams.set(name, value)
    url.searchParams.set('authtoken', token)
    const headers: Record<string, string> = { Accept: 'application/json' }
    let body: string | undefined
    if (req.body !== undefined) {
      body = JSON.stringify(req.body)
      headers['Content-Type'] = 'application/json'
    }
    const response = await this.http.send({
      method: req.method ?? 'GET',
      url: url.href,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    })
    return parseAnswer(response.status, response.text(), req.what)
  }

  private async signIn(role: Role): Promise<string> {
    const credentials = this.credentials[role]
    const who = role === 'admin' ? 'admin user name or password' : 'user name or password'
    if (!credentials)
      throw new AppError('unsupported', 'This account has no admin sign-in for the jade server.')
    this.logins++
    const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')
    registerSecret(basic)
    const response = await this.http.send({
      method: 'POST',
      url: `${this.base}${role === 'admin' ? '/admin/login' : '/me/login'}`,
      headers: { Accept: 'application/json', Authorization: `Basic ${basic}` },
      ...(this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs }),
    })
    // jade answers wrong credentials with 404 (and 401/403 on some versions).
    if ([401, 403, 404].includes(response.status))
      throw new AppError(
        'auth',
        `The jade server refused the ${who}. Check them in the account settings.`,
      )
    const result = recordOf(
      parseAnswer(response.status, response.text(), 'the sign-in'),
      'sign-in token',
    )
    const token = text(result, 'authtoken')
    if (!token) throw new AppError('bad_response', 'The jade server signed in but sent no token.')
    registerSecret(token)
    return token
  }
}
