/**
 * The bearer token of one REST ver1.0 client: fetched with client_credentials,
 * reused until shortly before it expires, and replaced after an auth error.
 *
 * Only one token request is ever in flight. Every token carries a generation:
 * a request that was refused with generation g and finds that a newer generation
 * exists (in flight, fetched, or failed) takes that one instead of asking again,
 * so a burst of refused requests costs exactly one token request, and a refused
 * secret fails the whole burst once rather than once per request.
 */
import { registerRotatingSecret } from '../../../shared/redact'

export interface Token {
  value: string
  generation: number
  /** Epoch ms after which the token is not used any more. */
  expiresAt: number
}

export interface FetchedToken {
  value: string
  expiresInSec: number
}

interface Slot {
  generation: number
  promise: Promise<Token>
  /** Set once settled. */
  failed?: boolean
  token?: Token
}

/** Tokens are renewed this early (at most), so a request never carries one that dies in flight. */
const MAX_MARGIN_MS = 30_000

let holders = 0

export class TokenKeeper {
  private slot: Slot | undefined
  private generation = 0

  /** Each holder rotates its own redaction slot, so old tokens are forgotten. */
  private readonly redactionSlot = `restv1-token:${++holders}`

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly now: () => number,
  ) {}

  /** A usable token: the current one, the one being fetched, or a new one. */
  async current(): Promise<Token> {
    const slot = this.slot
    if (slot && !slot.failed && (!slot.token || slot.token.expiresAt > this.now())) {
      return slot.promise
    }
    return this.refresh().promise
  }

  /**
   * A new token after `refused` was turned away. A newer generation, in any
   * state, is the answer for everyone who held the old one.
   */
  async after(refused: Token): Promise<Token> {
    const slot = this.slot
    if (slot && slot.generation > refused.generation) return slot.promise
    return this.refresh().promise
  }

  /** Drop the token (sign-in starts afresh). */
  reset(): void {
    this.slot = undefined
  }

  private refresh(): Slot {
    const generation = ++this.generation
    const slot: Slot = {
      generation,
      promise: this.fetchToken().then(
        (fetched) => {
          registerRotatingSecret(this.redactionSlot, fetched.value)
          const lifetime = fetched.expiresInSec * 1000
          const margin = Math.min(MAX_MARGIN_MS, lifetime / 10)
          const token = {
            value: fetched.value,
            generation,
            expiresAt: this.now() + lifetime - margin,
          }
          slot.token = token
          return token
        },
        (error: unknown) => {
          slot.failed = true
          throw error
        },
      ),
    }
    // A failure is handed to whoever awaits it; the slot itself must not count as unhandled.
    slot.promise.catch(() => undefined)
    this.slot = slot
    return slot
  }
}
