/**
 * How urgent the queues' waiting callers are (issue 15, finding 14): the sidebar
 * badge changes colour as the longest wait grows. The wait is known only where
 * the PBX says it (`QueueMembership.waitingSince`); callers waiting for an
 * unknown time are still "waiting", never guessed to be long.
 */
import type { QueueMembership } from '../../shared/model'

/** A caller waiting this long is worth a look… */
export const WAIT_LONG_MS = 30_000
/** …and this long, someone should take the call now. */
export const WAIT_URGENT_MS = 2 * 60_000

export type WaitLevel = 'none' | 'waiting' | 'long' | 'urgent'

/** Since when the longest-waiting caller of these queues waits; undefined when nobody says. */
export function longestWaitingSince(queues: readonly QueueMembership[]): number | undefined {
  let since: number | undefined
  for (const q of queues) {
    if (!q.waiting || q.waitingSince === undefined) continue
    if (since === undefined || q.waitingSince < since) since = q.waitingSince
  }
  return since
}

export function waitLevel(waiting: number, longestMs: number | undefined): WaitLevel {
  if (waiting <= 0) return 'none'
  if (longestMs === undefined || longestMs < WAIT_LONG_MS) return 'waiting'
  return longestMs < WAIT_URGENT_MS ? 'long' : 'urgent'
}
