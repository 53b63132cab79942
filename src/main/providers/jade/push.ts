/**
 * jade's live events over a WebSocket (`wss://<host>:8083/?authtoken=…`). A frame
 * only says WHAT changed; the session then polls that kind at once, so the
 * de-duplication of polled snapshots applies and nothing is shown twice. Events
 * sent while the socket was down are not replayed by jade: after every (re)connect
 * each kind this socket covers is signalled once, and the poll re-syncs.
 */
import type { Agent } from 'node:https'
import WebSocket from 'ws'
import type { PushKind, PushListener } from '../provider'
import { isRec } from './parse'
import { eventUrlProblem } from '../../../shared/event-url'

/** Event name prefixes (`admin.core.channel.create` …) → what to re-read. */
const kindsByEvent: [string, PushKind[]][] = [
  ['admin.core.channel', ['calls', 'presence']],
  ['admin.park.parkedcall', ['parked', 'calls']],
  ['admin.queue.entry', ['queues', 'calls']],
  ['admin.queue.member', ['queues']],
  ['me.chats.message', ['chat']],
  ['me.chats', ['chat']],
  ['me.buddies', ['presence']],
  ['me.info', ['presence']],
  // Not in the documents; a server that pushes the user's own calls is read the same way.
  ['me.calls', ['calls']],
]

/** The kinds one frame touches; [] for a frame that is not understood. */
export function kindsOfFrame(raw: string): PushKind[] {
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch {
    return []
  }
  if (!isRec(data)) return []
  const kinds = new Set<PushKind>()
  for (const [topic, inner] of Object.entries(data)) {
    const names = isRec(inner) ? Object.keys(inner) : []
    // The event name decides; the topic (a path) is the fallback.
    for (const name of [...names, topic.replace(/^\/+/, '').replace(/\//g, '.')]) {
      const match = kindsByEvent.find(([prefix]) => name.startsWith(prefix))
      if (match) {
        for (const kind of match[1]) kinds.add(kind)
        break
      }
    }
  }
  return [...kinds]
}

export interface PushSocketOptions extends PushSocketSetup {
  onChange: PushListener
  /** Told whenever the socket opens, drops or is refused. */
  onState?: () => void
}

/** Where a socket stands, for the account's status line. */
export type PushState = 'connecting' | 'open' | 'unavailable' | 'refused'

/** One socket's settings, without the listener (the hub fans out). */
export interface PushSocketSetup {
  url: string
  agent: Agent
  /** Everything this socket's token covers, signalled after each (re)connect. */
  covers: readonly PushKind[]
  token(): Promise<string>
  /** The server refused the token at the upgrade (403): forget it. */
  refused(token: string): void
  /** Reconnect back-off; defaults 1 s doubling to 30 s. */
  backoffBaseMs?: number
  backoffCapMs?: number
  /** A ping this often; no pong by the next one ends the socket. Default 30 s. */
  heartbeatMs?: number
}

/** One socket kept open until `stop()`: reconnects with back-off and jitter. */
export class PushSocket {
  private socket?: WebSocket
  private timer?: NodeJS.Timeout
  private heartbeat?: NodeJS.Timeout
  private failures = 0
  private stopped = false
  private openedAt = 0
  /** Sockets opened so far (tests watch reconnects). */
  opens = 0
  state: PushState = 'connecting'
  /** Why the socket is not open, in words (never a secret: no URL, no token). */
  reason = ''

  constructor(private readonly options: PushSocketOptions) {}

  start(): void {
    this.stopped = false
    void this.connect()
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.timer = this.heartbeat = undefined
    const socket = this.socket
    this.socket = undefined
    socket?.removeAllListeners()
    socket?.on('error', () => undefined)
    socket?.terminate()
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN
  }

  private setState(state: PushState, reason = ''): void {
    if (this.state === state && this.reason === reason) return
    this.state = state
    this.reason = reason
    this.options.onState?.()
  }

  /** Every failure on the way to a socket ends in a retry, never in a rejection. */
  private async connect(): Promise<void> {
    try {
      await this.open()
    } catch {
      this.setState('unavailable', 'The event socket could not be opened.')
      this.retry()
    }
  }

  private async open(): Promise<void> {
    if (this.stopped) return
    const problem = eventUrlProblem(this.options.url)
    if (problem) return this.setState('refused', problem)
    let token: string
    try {
      token = await this.options.token()
    } catch {
      this.setState('unavailable', 'Signing in for the event socket failed.')
      return this.retry()
    }
    if (this.stopped) return
    const url = new URL(this.options.url)
    url.searchParams.set('authtoken', token)
    // The pinned TLS agent belongs to wss:// only; ws:// (loopback) takes none.
    const socket = new WebSocket(url.href, {
      ...(url.protocol === 'wss:' ? { agent: this.options.agent } : {}),
      handshakeTimeout: 10_000,
      maxPayload: 1024 * 1024,
    })
    this.socket = socket
    let alive = true
    socket.on('open', () => {
      this.opens++
      this.openedAt = Date.now()
      this.setState('open')
      this.heartbeat = setInterval(() => {
        if (!alive) return socket.terminate()
        alive = false
        socket.ping()
      }, this.options.heartbeatMs ?? 30_000)
      this.heartbeat.unref()
      for (const kind of this.options.covers) this.options.onChange(kind, true)
    })
    socket.on('pong', () => {
      alive = true
    })
    socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      alive = true
      if (isBinary) return
      for (const kind of kindsOfFrame(rawText(data))) this.options.onChange(kind, false)
    })
    socket.on('unexpected-response', (_req, res) => {
      // An expired token: forget it, so the retry signs in afresh.
      if (res.statusCode === 403 || res.statusCode === 401) this.options.refused(token)
      res.resume()
      socket.terminate()
    })
    // Errors end in 'close' (or come before any socket): both lead to one retry.
    socket.on('error', () => {
      if (socket.readyState === WebSocket.CLOSED) this.closed(socket)
    })
    socket.on('close', () => this.closed(socket))
  }

  private closed(socket: WebSocket): void {
    if (this.socket !== socket) return
    this.socket = undefined
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.heartbeat = undefined
    // A socket that stayed up a while starts the back-off afresh; a flapping one does not.
    if (this.openedAt && Date.now() - this.openedAt > 10_000) this.failures = 0
    this.openedAt = 0
    this.setState('unavailable', 'The event socket is not connected.')
    this.retry()
  }

  private retry(): void {
    if (this.stopped || this.timer) return
    const base = this.options.backoffBaseMs ?? 1000
    const cap = this.options.backoffCapMs ?? 30_000
    const delay = Math.min(cap, base * 2 ** this.failures)
    this.failures++
    const wait = delay / 2 + (Math.random() * delay) / 2
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.connect()
    }, wait)
    this.timer.unref()
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8')
  return data.toString('utf8')
}

/** The sockets of one provider, open while anyone listens; notices fan out to every listener. */
export class PushHub {
  private readonly listeners = new Set<PushListener>()
  sockets: PushSocket[] = []

  constructor(
    private readonly setups: readonly PushSocketSetup[],
    private readonly onState?: () => void,
  ) {}

  /**
   * Whether live events arrive, and if not why, in words: the account's status
   * says "events unavailable, polling" with this reason.
   */
  status(): { live: boolean; reason?: string; covers: PushKind[] } {
    if (this.sockets.length === 0) return { live: false, covers: [] }
    // What the open sockets announce: an admin socket down leaves the user's topics.
    const covers = [
      ...new Set(
        this.sockets.flatMap((s, i) => (s.state === 'open' ? this.setups[i]!.covers : [])),
      ),
    ]
    const down = this.sockets.find((s) => s.state !== 'open')
    return down
      ? { live: false, reason: down.reason || 'Connecting to the event socket.', covers }
      : { live: true, covers }
  }

  subscribe(onChange: PushListener): () => void {
    this.listeners.add(onChange)
    if (this.sockets.length === 0) {
      const onChangeAll: PushListener = (kind, resync) => {
        for (const listener of this.listeners) listener(kind, resync)
      }
      this.sockets = this.setups.map(
        (setup) =>
          new PushSocket({
            ...setup,
            onChange: onChangeAll,
            ...(this.onState ? { onState: this.onState } : {}),
          }),
      )
      for (const socket of this.sockets) socket.start()
    }
    return () => {
      this.listeners.delete(onChange)
      if (this.listeners.size === 0) this.stop()
    }
  }

  stop(): void {
    this.listeners.clear()
    for (const socket of this.sockets) socket.stop()
    this.sockets = []
  }
}
