/**
 * jade's auth tokens: a UUID per sign-in that dies after an hour WITHOUT USE
 * (there is no refresh call). Time is the simulation clock, so a test can jump
 * an hour ahead and watch the app sign in again.
 */
import { randomUUID } from 'node:crypto'
import type { Clock } from './clock'

export type TokenKind = 'user' | 'admin'

export interface TokenInfo {
  kind: TokenKind
  /** The office extension a user token belongs to (unset for admin). */
  extension?: string
  lastUsed: number
}

export const tokenIdleMs = 3600_000

export class TokenStore {
  protected readonly tokens = new Map<string, TokenInfo>()

  constructor(
    private readonly clock: Clock,
    private readonly idleMs = tokenIdleMs,
  ) {}

  issue(kind: TokenKind, extension?: string): string {
    const token = randomUUID()
    const info: TokenInfo = { kind, lastUsed: this.clock.now() }
    if (extension !== undefined) info.extension = extension
    this.tokens.set(token, info)
    return token
  }

  /** A live token, without counting this as use (the WebSocket checks only at connect). */
  peek(token: string | undefined): TokenInfo | undefined {
    if (!token) return undefined
    const info = this.tokens.get(token)
    if (!info) return undefined
    if (this.clock.now() - info.lastUsed > this.idleMs) {
      this.tokens.delete(token)
      return undefined
    }
    return info
  }

  /** A live token, restarting its idle count. */
  use(token: string | undefined): TokenInfo | undefined {
    const info = this.peek(token)
    if (info) info.lastUsed = this.clock.now()
    return info
  }

  revoke(token: string): boolean {
    return this.tokens.delete(token)
  }

  get size(): number {
    return this.tokens.size
  }
}
