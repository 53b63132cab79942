/**
 * The PBXCloud face: `/pbx/proxyapi.php` over the shared PBX state, exactly as
 * docs/dialects/pbxcloud.md describes it.
 */
import type { TlsMaterial } from './jade-tls'
import * as actions from './pbxcloud-actions'
import { HttpFace, type FaceRequest, type FaceResponse } from './http-face'
import { error, wrongKey, type Row } from './pbxcloud-format'
import * as reads from './pbxcloud-reads'
import { Variation } from './pbxcloud-vary'
import { PbxError } from './pbx-error'
import type { PbxState, TenantData } from './pbx-state'

export const pbxcloudPath = '/pbx/proxyapi.php'

export interface PbxcloudFaceOptions {
  host?: string
  port?: number
  /** Seeds what the documents leave open (see pbxcloud-vary.ts); default 1. */
  formatSeed?: number
  /** Serve HTTPS with this certificate (a test's local CA); plain HTTP without. */
  tls?: TlsMaterial
}

type Handler = (ctx: reads.PbxcloudContext) => FaceResponse

/**
 * The product face. What only tests do to it (change or thin out the next
 * CHANNELS answers) is in the testing entry's subclass, testing-pbxcloud-face.ts,
 * so the app never ships it.
 */
export class PbxcloudFace {
  readonly http: HttpFace
  private readonly vary: Variation

  constructor(
    private readonly pbx: PbxState,
    options: PbxcloudFaceOptions = {},
  ) {
    this.vary = new Variation(options.formatSeed ?? 1)
    this.http = new HttpFace({
      ...(options.host !== undefined ? { host: options.host } : {}),
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
      reqtypeOf: (req) => req.params.reqtype ?? '',
      handle: (req) => this.handle(req),
    })
  }

  get formatSeed(): number {
    return this.vary.seed
  }

  async listen(): Promise<void> {
    await this.http.listen()
  }

  /** The full API URL, `http://127.0.0.1:<port>/pbx/proxyapi.php`. */
  get url(): string {
    return this.http.origin + pbxcloudPath
  }

  async close(): Promise<void> {
    await this.http.close()
  }

  private handle(req: FaceRequest): FaceResponse {
    if (req.path !== pbxcloudPath) {
      return { status: 404, headers: { 'Content-Type': 'text/html' }, body: '<h1>Not Found</h1>' }
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      return { status: 405, headers: { Allow: 'GET, POST' }, body: 'Method Not Allowed' }
    }
    const p = req.params
    const auth = this.authenticate(p.key ?? '', p.tenant)
    if (auth === 'bad-key') return wrongKey()
    if (auth === 'bad-tenant') return error('Invalid tenant')
    const reqtype = (p.reqtype ?? '').toUpperCase()
    const route = this.route(reqtype, p)
    if (!route) return error('Invalid request type')
    if (route.write && auth.readOnly) return error('Permission denied, read only key')
    const ctx: reads.PbxcloudContext = {
      pbx: this.pbx,
      tenant: auth.data.tenant.code,
      params: p,
      format: (p.format ?? '').toLowerCase() === 'json' ? 'json' : 'plain',
      channelRows: (rows) => this.channelRows(rows),
      vary: this.vary,
    }
    try {
      return route.write ? this.pbx.asApi(() => route.handler(ctx)) : route.handler(ctx)
    } catch (e) {
      if (e instanceof PbxError) return error(e.message)
      throw e
    }
  }

  /**
   * A key belongs to one tenant; `tenant` may be left out (the key says which),
   * but a named tenant must exist and own the key.
   */
  private authenticate(
    key: string,
    tenant: string | undefined,
  ): 'bad-key' | 'bad-tenant' | { data: TenantData; readOnly: boolean } {
    const owner = this.pbx
      .tenantList()
      .find((t) => key !== '' && (t.tenant.apiKey === key || t.tenant.readOnlyKey === key))
    if (!owner) return 'bad-key'
    if (tenant !== undefined && tenant !== '') {
      const named = this.pbx.tenant(tenant)
      if (!named) return 'bad-tenant'
      if (named !== owner) return 'bad-key'
    }
    return { data: owner, readOnly: owner.tenant.readOnlyKey === key }
  }

  private route(
    reqtype: string,
    p: Readonly<Record<string, string>>,
  ): { handler: Handler; write: boolean } | undefined {
    const read = (handler: Handler): { handler: Handler; write: boolean } => ({
      handler,
      write: false,
    })
    const write = (handler: Handler): { handler: Handler; write: boolean } => ({
      handler,
      write: true,
    })
    const action = (p.action ?? '').toLowerCase()
    switch (reqtype) {
      case 'INFO':
        return read(reads.info)
      case 'BLFS':
        return read(reads.blfs)
      case 'PEERS':
        return read(reads.peers)
      case 'CHANNELS':
        return read(reads.channels)
      case 'FLOWS':
        return read(reads.flows)
      case 'PHONEBOOKS':
        return read(reads.phonebooks)
      case 'DIAL':
        return write(actions.dial)
      case 'HANGUP':
        return write(actions.hangup)
      case 'TRANSFER':
        return write((ctx) => actions.transfer(ctx, false))
      case 'ATXTRANSFER':
        return write((ctx) => actions.transfer(ctx, true))
      case 'AGENT':
        return write(actions.agent)
      case 'SETFLOW':
        return write(actions.setFlow)
      case 'VOICEMAIL':
        if (action === 'delete') return write(actions.voicemailDelete)
        if (action === 'list' || action === 'messages' || action === 'message') {
          return read((ctx) => reads.voicemailRead(ctx, action))
        }
        return read(() => error('Invalid action'))
      case 'PHONEBOOK':
        return this.phonebookRoute(p, read, write)
      default:
        return undefined
    }
  }

  private phonebookRoute(
    p: Readonly<Record<string, string>>,
    read: (h: Handler) => { handler: Handler; write: boolean },
    write: (h: Handler) => { handler: Handler; write: boolean },
  ): { handler: Handler; write: boolean } {
    const book = p.phonebook ?? ''
    const sub = (p.subreqtype ?? '').toLowerCase()
    if (!book) return read(() => error('Missing parameter: phonebook'))
    if (sub === 'query') return read((ctx) => reads.phonebookQuery(ctx, book))
    if (sub === 'add') return write((ctx) => actions.phonebookAdd(ctx, book))
    if (sub === 'delete') return write((ctx) => actions.phonebookDelete(ctx, book))
    return read(() => error('Invalid subreqtype'))
  }

  /** The rows one CHANNELS answer shows: all of them. The testing entry's face changes them. */
  protected channelRows(rows: Row[]): Row[] {
    return rows
  }
}
