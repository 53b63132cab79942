/**
 * What every domain's handlers share: the session of the account a request names
 * (or an error the window says in words), and the one way a number from the
 * window becomes a number to dial (shared/dialable.ts), so no raw input is dialled.
 */
import { dialRefused, parseDialable } from '../../../shared/dialable'
import { AppError } from '../../../shared/result'
import type { Session } from '../session/session'

export interface HandlerContext {
  session(accountId: string): Session
  /** The number to dial for the agent's input, or a refusal that says why not. */
  dialable(input: string): string
  now(): number
}

export interface ContextDeps {
  find(accountId: string): Session | undefined
  defaultCountry(): string
  now(): number
}

export function handlerContext(deps: ContextDeps): HandlerContext {
  return {
    session: (accountId) => {
      const found = deps.find(accountId)
      if (!found) {
        throw new AppError('not_found', 'That account is not connected.', undefined, {
          code: 'account.not_connected',
        })
      }
      return found
    },
    dialable: (input) => {
      const parsed = parseDialable(input, { defaultCountry: deps.defaultCountry() })
      if (!parsed.ok) throw dialRefused(parsed)
      return parsed.number
    },
    now: deps.now,
  }
}
