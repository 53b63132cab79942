/** The call history screen: a read, shared by refreshes close together (history-reads.ts). */
import type { Handlers } from '../app/dispatch'
import type { HandlerContext } from './context'

export type HistoryHandlers = Pick<Handlers, 'history:list'>

export function historyHandlers(ctx: HandlerContext): HistoryHandlers {
  return {
    'history:list': ({ accountId }) => ctx.session(accountId).history(ctx.now()),
  }
}
