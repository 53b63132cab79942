/**
 * Requests to a jade server with sign-in handled: a user token (and an admin
 * token when admin credentials are set) from HTTP Basic sign-in, passed as
 * `?authtoken=`. jade has no refresh: a token unused for an hour is refused with
 * 403, and the client signs in again and retries the request once. Many requests
 * that find the token expired at the same moment share ONE sign-in.
 */
import { registerRotatingSecret, registerSecret } from '../../../shared/redact'
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

function serverUrl(baseUrl: string): URL {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new AppError('invalid_argument', 'The address of the jade server is not a valid URL.')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError('invalid_argument', 'The address of the jade server must be https://.')
  if (url.username || url.password)
    throw new AppError(
      'invalid_argument',
      'The address of the jade server must not carry a user name or password.',
      undefined,
      { code: 'invalid_argument.url_userinfo' },
    )
  url.search = ''
  url.hash = ''
  return url
}

/** `https://host:8081` or `https://host:8081/v1` → `https://host:8081/v1`. */
export function apiBase(baseUrl: string): string {
  const url = serverUrl(baseUrl)
  const path = url.pathname.replace(/\/+$/, '')
  url.pathname = /\/v1$/.test(path) ? path : `${path}/v1`
  return url.href.replace(/\/+$/, '')
}

/**
 * The server's root, `https://host:8081`: jade serves `/device_states` there,
 * without `/v1` and without a token (seed 004; jade's http_handler.c registers
 * no `/v1/device_states`).
 */
export function serverRoot(baseUrl: string): string {
  const url = serverUrl(baseUrl)
  url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')
  return url.href.replace(/\/+$/, '')
}

/** `base` + a path made of constants and `segment()`s, refused if it left the server. */
function under(base: string, path: string): URL {
  const url = new URL(`${base}${path}`)
  const root = new URL(base)
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname))
    throw new AppError('invalid_argument', 'That request would leave the jade server.')
  return url
}

let clients = 0

export class JadeClient {
  private readonly slots: Record<Role, Slot> = { user: {}, admin: {} }
  private readonly base: string
  private readonly root: string
  /** Sign-ins sent, for tests and the request budget's curiosity. */
  logins = 0
  /** A new token replaces the old one in log redaction (tokens expire after an hour). */
  private readonly redactionSlot = `jade-token:${++clients}`

  constructor(
    baseUrl: string,
    private readonly http: HttpClient,
    private readonly credentials: Record<Role, Credentials | undefined>,
    private readonly timeoutMs?: number,
  ) {
    this.base = apiBase(baseUrl)
    this.root = serverRoot(baseUrl)
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

  /**
   * A request to one of jade's unversioned routes that take no token
   * (`/device_states`, and `/device_states/` which reads its device from a JSON
   * body even on a GET).
   */
  async open(
    path: '/device_states' | '/device_states/',
    what: string,
    body?: unknown,
  ): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    let text: string | undefined
    if (body !== undefined) {
      text = JSON.stringify(body)
      headers['Content-Type'] = 'application/json'
    }
    const response = await this.http.send({
      method: 'GET',
      url: under(this.root, path).href,
      headers,
      ...(text === undefined ? {} : { body: text }),
      ...(this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs }),
    })
    return parseAnswer(response.status, response.text(), what)
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
    const url = under(this.base, path)
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
      url: under(this.base, role === 'admin' ? '/admin/login' : '/me/login').href,
      headers: { Accept: 'application/json', Authorization: `Basic ${basic}` },
      ...(this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs }),
    })
    // jade answers wrong credentials with 404 and a missing or unreadable Basic
    // header with 400 (me_handler.c, me_htp_post_me_login); 401/403 are tolerated.
    if ([400, 401, 403, 404].includes(response.status))
      throw new AppError(
        'auth',
        `The jade server refused the ${who}. Check them in the account settings.`,
        undefined,
        { code: 'auth.bad_credentials' },
      )
    const result = recordOf(
      parseAnswer(response.status, response.text(), 'the sign-in'),
      'sign-in token',
    )
    const token = text(result, 'authtoken')
    if (!token) throw new AppError('bad_response', 'The jade server signed in but sent no token.')
    registerRotatingSecret(`${this.redactionSlot}:${role}`, token)
    return token
  }
}
