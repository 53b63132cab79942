/**
 * A call names the queue it came through by the queue's NAME, never its id
 * (issue 15, finding 10): PBXCloud reports a call's queue as its number ("281")
 * while the queue list knows it as "Kundeservice". Resolved from the agent's own
 * queue list, which holds every queue a call can reach the agent through.
 */
import type { Call, QueueMembership } from '../../shared/model'

export function nameQueues(calls: readonly Call[], queues: readonly QueueMembership[]): Call[] {
  return calls.map((call) => {
    if (!call.queue) return call
    const known = queues.find((q) => q.accountId === call.accountId && q.queueId === call.queue)
    return known && known.queueName ? { ...call, queue: known.queueName } : call
  })
}
