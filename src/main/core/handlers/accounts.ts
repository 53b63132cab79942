/**
 * The accounts screen: the list, the form's test/save/remove (app/account-admin.ts
 * keeps the secrets out of every answer), and "Sign in again".
 */
import type { AccountSummary } from '../../../shared/model'
import type { AccountAdmin } from '../app/account-admin'
import type { Handlers } from '../app/dispatch'
import type { HandlerContext } from './context'

export type AccountHandlers = Pick<
  Handlers,
  | 'accounts:list'
  | 'accounts:configs'
  | 'accounts:test'
  | 'accounts:save'
  | 'accounts:remove'
  | 'accounts:reconnect'
>

export interface AccountHandlerDeps {
  summaries(): AccountSummary[]
  admin: AccountAdmin
  /** Signs the account in at once, its back-off forgotten. */
  reconnect(accountId: string): Promise<void>
}

export function accountHandlers(ctx: HandlerContext, deps: AccountHandlerDeps): AccountHandlers {
  return {
    'accounts:list': () => deps.summaries(),
    'accounts:configs': () => deps.admin.configs(),
    'accounts:test': (input) => deps.admin.test(input),
    'accounts:save': (input) => deps.admin.save(input),
    'accounts:remove': ({ accountId }) => deps.admin.remove(accountId),
    'accounts:reconnect': async ({ accountId }) => {
      ctx.session(accountId)
      await deps.reconnect(accountId)
      return null
    },
  }
}
