/**
 * The jade face: HTTPS REST (`/v1/...`) plus a WebSocket event stream, both
 * over one self-signed certificate made at start, all over the shared PBX
 * state — exactly as docs/dialects/jade.md describes it.
 */
import type { FaceResponse } from './http-face'
import { JadeEventStream } from './jade-events'
import { fail, type ListShape } from './jade-format'
import { HttpsFace, type JadeRequest } from './jade-https'
import { JadeObjects } from './jade-objects'
import { JadeDirectory, type JadeUser } from './jade-people'
import { allowed, matchRoute, type JadeContext } from './jade-routes'
import { makeSelfSignedCertificate, type TlsMaterial } from './jade-tls'
import { TokenStore, type TokenKind } from './jade-tokens'
import { JadeWatcher } from './jade-watch'
import { PbxError } from './pbx-error'
import type { PbxState } from './pbx-state'

export interface JadeFaceOptions {
  tenant: string
  /** The office extension whose credentials the endpoint hands out. */
  ownExtension: string
  host?: string
  /** REST port; 0 (the default) picks a free one. */
  port?: number
  /** WebSocket port; 0 (the default) picks a free one. */
  wsPort?: number
  listShape?: ListShape
  /** This certificate instead of a self-signed one made at start (a test's local CA). */
  tls?: TlsMaterial
  /** Where the face keeps its tokens (the testing entry hands one it can empty). */
  tokens?: TokenStore
}

/**
 * The product face. What only tests do to it (hide a call, expire every token,
 * drop the sockets, stop the event service, a new certificate) is in the testing
 * entry's subclass, testing-jade-face.ts, so the app never ships it.
 */

export class JadeFace {
  /** How every list answers: `{"list": [...]}` (the code) or a bare array (the documents). */
  listShape: ListShape
  readonly tokens: TokenStore
  readonly directory: JadeDirectory
  readonly objects: JadeObjects
  private logins = 0
  private started:
    { tls: TlsMaterial; http: HttpsFace; events: JadeEventStream; watcher: JadeWatcher } | undefined

  constructor(
    private readonly pbx: PbxState,
    private readonly options: JadeFaceOptions,
  ) {
    this.listShape = options.listShape ?? 'wrapped'
    this.tokens = options.tokens ?? new TokenStore(pbx.clock)
    this.directory = new JadeDirectory(pbx, options.tenant)
    this.objects = new JadeObjects(pbx, options.tenant)
  }

  async listen(): Promise<void> {
    const tls = this.options.tls ?? (await makeSelfSignedCertificate())
    const host = this.options.host ?? '127.0.0.1'
    const http = new HttpsFace({
      host,
      port: this.options.port ?? 0,
      tls,
      reqtypeOf: (req) => matchRoute(req.path)?.route.name ?? 'UNKNOWN',
      handle: (req) => this.handle(req),
    })
    const events = new JadeEventStream(tls, this.tokens, host, this.options.wsPort ?? 0)
    await Promise.all([http.listen(), events.listen()])
    const watcher = new JadeWatcher(this.pbx, this.directory, this.objects, events)
    this.started = { tls, http, events, watcher }
  }

  protected get live(): NonNullable<JadeFace['started']> {
    if (!this.started) throw new Error('jade face not listening')
    return this.started
  }

  /** `https://127.0.0.1:<port>`; the API is under `/v1`. */
  get url(): string {
    return this.live.http.origin
  }

  /** `wss://127.0.0.1:<port>/`; add `?authtoken=…`. */
  get wsUrl(): string {
    return `${this.live.events.origin}/`
  }

  get http(): HttpsFace {
    return this.live.http
  }

  get events(): JadeEventStream {
    return this.live.events
  }

  /** SHA-256 of the current certificate, `AA:BB:…`. */
  get fingerprint(): string {
    return this.live.tls.fingerprint
  }

  get certificatePem(): string {
    return this.live.tls.cert
  }

  /** Successful sign-ins (user and admin). */
  get loginCount(): number {
    return this.logins
  }

  /** The jade user behind an office extension (credentials included). */
  user(extension: string = this.options.ownExtension): JadeUser {
    const user = this.directory.byExtension(extension)
    if (!user) throw new Error(`no jade user for extension ${extension}`)
    return user
  }

  /**
   * The live channels one channel list (`admin/core/channels`, `me/calls`)
   * shows: all of them. The testing entry's face leaves some out.
   */
  protected channelList<T>(items: readonly T[], _linkedIdOf: (item: T) => string): T[] {
    return [...items]
  }

  async close(): Promise<void> {
    const live = this.started
    if (!live) return
    this.started = undefined
    live.watcher.stop()
    await Promise.all([live.http.close(), live.events.close()])
  }

  private handle(req: JadeRequest): FaceResponse {
    const now = this.pbx.clock.now()
    const matched = matchRoute(req.path)
    if (!matched) return fail(now, 404)
    const method = matched.route.methods[req.method.toUpperCase()]
    if (!method) {
      const allow = Object.keys(matched.route.methods).join(', ')
      const answer = fail(now, 405)
      return { ...answer, headers: { ...answer.headers, Allow: allow } }
    }
    const token = method.auth === 'none' ? undefined : this.tokens.use(req.params.authtoken)
    if (!allowed(method.auth, token)) return fail(now, 403)
    const user =
      token?.extension !== undefined ? this.directory.byExtension(token.extension) : undefined
    if (method.auth === 'user' && !user) return fail(now, 403)
    const ctx: JadeContext = {
      pbx: this.pbx,
      dir: this.directory,
      objects: this.objects,
      tokens: this.tokens,
      req,
      args: matched.args,
      now,
      shape: this.listShape,
      channelList: (items, linkedIdOf) => this.channelList(items, linkedIdOf),
      ...(token ? { token } : {}),
      mustUser: () => {
        if (!user) throw new PbxError('no user')
        return user
      },
      onLogin: (_kind: TokenKind) => {
        this.logins++
      },
    }
    try {
      return method.run(ctx)
    } catch (e) {
      if (e instanceof PbxError) return fail(now, 400)
      throw e
    }
  }
}
