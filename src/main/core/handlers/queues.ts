/** Pausing and resuming the agent in a queue: confirmed by a queues poll at once. */
import type { Handlers } from '../app/dispatch'
import type { HandlerContext } from './context'

export type QueueHandlers = Pick<Handlers, 'queue:pause' | 'queue:resume'>

export function queueHandlers(ctx: HandlerContext): QueueHandlers {
  return {
    'queue:pause': async ({ accountId, queueId, reason }) => {
      await ctx.session(accountId).pauseQueue(queueId, reason)
      return null
    },
    'queue:resume': async ({ accountId, queueId }) => {
      await ctx.session(accountId).resumeQueue(queueId)
      return null
    },
  }
}
