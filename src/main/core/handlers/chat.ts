/** Chat rooms and messages: reads against the budget, never a calls poll. */
import { need } from '../../providers/facets'
import type { Handlers } from '../app/dispatch'
import type { HandlerContext } from './context'

export type ChatHandlers = Pick<Handlers, 'chat:rooms' | 'chat:messages' | 'chat:send'>

export function chatHandlers(ctx: HandlerContext): ChatHandlers {
  return {
    'chat:rooms': ({ accountId }) => ctx.session(accountId).read((p) => need(p, 'chatRooms')()),
    'chat:messages': ({ accountId, roomId, before, count }) =>
      ctx.session(accountId).read((p) => need(p, 'chatMessages')(roomId, before, count)),
    'chat:send': ({ accountId, roomId, text }) =>
      ctx.session(accountId).read((p) => need(p, 'sendChat')(roomId, text)),
  }
}
