/**
 * jade's live events for one account (docs/dialects/jade.md, "Live events"): the
 * sockets (a user one, and an admin one with an admin sign-in), whether they are
 * live and why not, and the one-shot check Test connection runs.
 */
import type { Agent } from 'node:https'
import WebSocket from 'ws'
import { eventUrlProblem } from '../../../shared/event-url'
import type { PushEvents, PushKind, PushListener } from '../provider'
import type { JadeClient, Role } from './client'
import { PushHub, type PushSocket } from './push'

export interface JadeEventsSetup {
  url: string
  /** The pinned TLS agent, for wss:// only. */
  agent: Agent
  client: JadeClient
  admin: boolean
  push?: { backoffBaseMs?: number; backoffCapMs?: number; heartbeatMs?: number }
}

const USER_LIMITS =
  'Call, parked-call and queue events need a supervisor sign-in; calls are polled.'

export class JadeEvents {
  private readonly hub: PushHub
  private readonly listeners = new Set<(events: PushEvents) => void>()

  constructor(private readonly setup: JadeEventsSetup) {
    // A user token is subscribed only to its /me/info and /me/chats topics (jade's
    // me_get_subscribable_topics_all): call, park and queue events need admin.
    const roles: [Role, PushKind[]][] = [['user', ['presence', 'chat']]]
    if (setup.admin) roles.push(['admin', ['calls', 'presence', 'parked', 'queues']])
    this.hub = new PushHub(
      roles.map(([role, covers]) => ({
        url: setup.url,
        agent: setup.agent,
        covers,
        token: () => setup.client.token(role),
        refused: (token: string) => setup.client.invalidate(role, token),
        ...setup.push,
      })),
      () => {
        const status = this.hub.status()
        for (const listener of this.listeners) listener(status)
      },
    )
  }

  subscribe(onChange: PushListener, onEvents?: (events: PushEvents) => void): () => void {
    if (onEvents) this.listeners.add(onEvents)
    const off = this.hub.subscribe(onChange)
    return () => {
      if (onEvents) this.listeners.delete(onEvents)
      off()
    }
  }

  /** Live or not, why not, and what a user-only account's events never tell. */
  status(): PushEvents & { limits?: string } {
    const status = this.hub.status()
    return this.setup.admin ? status : { ...status, limits: USER_LIMITS }
  }

  get sockets(): readonly PushSocket[] {
    return this.hub.sockets
  }

  stop(): void {
    this.listeners.clear()
    this.hub.stop()
  }

  /**
   * For Test connection: open one socket with the user token and close it again.
   * The answer is in words and never throws (events are optional: polling works).
   */
  async probe(timeoutMs = 5000): Promise<string> {
    const problem = eventUrlProblem(this.setup.url)
    if (problem) return problem
    let token: string
    try {
      token = await this.setup.client.token('user')
    } catch {
      return 'not checked: the sign-in failed'
    }
    const url = new URL(this.setup.url)
    url.searchParams.set('authtoken', token)
    const where = `${url.protocol}//${url.host}/`
    return new Promise<string>((resolve) => {
      let socket: WebSocket
      const done = (words: string): void => {
        clearTimeout(timer)
        socket.removeAllListeners()
        socket.on('error', () => undefined)
        socket.terminate()
        resolve(words)
      }
      const timer = setTimeout(
        () => done(`unavailable at ${where} (no answer); the account polls`),
        timeoutMs,
      )
      try {
        socket = new WebSocket(url.href, {
          ...(url.protocol === 'wss:' ? { agent: this.setup.agent } : {}),
          handshakeTimeout: timeoutMs,
        })
      } catch {
        clearTimeout(timer)
        resolve(`unavailable at ${where}; the account polls`)
        return
      }
      socket.on('open', () => done(`live at ${where}`))
      socket.on('unexpected-response', (_req, res) => {
        res.resume()
        done(`refused at ${where} (HTTP ${res.statusCode ?? '?'}); the account polls`)
      })
      socket.on('error', () => done(`unavailable at ${where}; the account polls`))
    })
  }
}
