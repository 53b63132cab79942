/**
 * jade's live event stream: a WebSocket on its own port over the same
 * certificate, `wss://…/?authtoken=…`. The subscription follows the token
 * kind; each frame is `{"<topic>": {"<event>": {…}}}`.
 */
import type { IncomingMessage } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { JadeObject } from './jade-format'
import type { TlsMaterial } from './jade-tls'
import type { TokenKind, TokenStore } from './jade-tokens'

interface Subscriber {
  socket: WebSocket
  kind: TokenKind
  extension?: string
}

/** Who gets a frame: every admin socket, or the sockets of one office user. */
export type Audience = { kind: 'admin' } | { kind: 'user'; extension: string }

export class JadeEventStream {
  private readonly server: Server
  private readonly wss = new WebSocketServer({ noServer: true })
  private readonly subscribers = new Set<Subscriber>()
  private address: AddressInfo | undefined
  private sent = 0
  private down = false

  constructor(
    tls: TlsMaterial,
    private readonly tokens: TokenStore,
    private readonly host = '127.0.0.1',
    private readonly port = 0,
  ) {
    this.server = createServer({ key: tls.key, cert: tls.cert }, (_req, res) => {
      res.writeHead(426, { 'Content-Type': 'text/plain' })
      res.end('Upgrade Required')
    })
    this.server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head))
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(this.port, this.host, () => {
        this.server.off('error', reject)
        resolve()
      })
    })
    this.address = this.server.address() as AddressInfo
  }

  /** `wss://127.0.0.1:<port>` */
  get origin(): string {
    if (!this.address) throw new Error('event stream not listening')
    return `wss://${this.host}:${this.address.port}`
  }

  /** Frames written to sockets so far. */
  get framesSent(): number {
    return this.sent
  }

  /** Open sockets, per token kind. */
  socketCount(kind?: TokenKind): number {
    return [...this.subscribers].filter((s) => !kind || s.kind === kind).length
  }

  /** Whether anyone would receive frames for this audience. */
  listening(audience: Audience): boolean {
    return [...this.subscribers].some((s) => this.matches(s, audience))
  }

  publish(audience: Audience, topic: string, event: string, object: JadeObject): void {
    const frame = JSON.stringify({ [topic]: { [event]: object } })
    for (const sub of this.subscribers) {
      if (!this.matches(sub, audience) || sub.socket.readyState !== sub.socket.OPEN) continue
      sub.socket.send(frame)
      this.sent++
    }
  }

  /** Cuts every socket without a close handshake, as a network drop would. */
  cutSockets(): void {
    for (const sub of this.subscribers) sub.socket.terminate()
    this.subscribers.clear()
  }

  /**
   * While down, the event service refuses every socket (503, as a proxy in front of
   * a stopped service answers) and the open ones are cut: clients live on polling.
   */
  setDown(down: boolean): void {
    this.down = down
    if (down) this.cutSockets()
  }

  setCertificate(tls: TlsMaterial): void {
    this.server.setSecureContext({ key: tls.key, cert: tls.cert })
    this.cutSockets()
  }

  async close(): Promise<void> {
    this.cutSockets()
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server.closeAllConnections()
    this.wss.close()
    await closed
  }

  private matches(sub: Subscriber, audience: Audience): boolean {
    if (audience.kind === 'admin') return sub.kind === 'admin'
    return sub.kind === 'user' && sub.extension === audience.extension
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.down) {
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      )
      return
    }
    const url = new URL(req.url ?? '/', 'https://localhost')
    const token = this.tokens.peek(url.searchParams.get('authtoken') ?? undefined)
    if (!token) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const sub: Subscriber = { socket: ws, kind: token.kind }
      if (token.extension !== undefined) sub.extension = token.extension
      this.subscribers.add(sub)
      ws.on('close', () => this.subscribers.delete(sub))
      ws.on('error', () => this.subscribers.delete(sub))
    })
  }
}
