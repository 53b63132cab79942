/**
 * One kind's polling loop, as the scheduler keeps it: its timer and run state,
 * what its runs cost (request-cost.ts), how it answers live notices
 * (notice-pacing.ts), and when the watchdog counts it as stalled.
 */
import { NoticePacer } from './notice-pacing'
import type { PollKind } from './poll-plan'
import { RequestCost } from './request-cost'

/** A run may take this long beyond two intervals before it counts as hung (HTTP timeout: 8 s). */
const RUN_GRACE_MS = 10_000

export interface Loop {
  kind: PollKind
  timer?: unknown
  dueAt: number
  running: boolean
  /** A poll was asked for while one ran: run once more right after. */
  again: boolean
  /** Failed runs in a row (back-off). */
  failures: number
  /** When the last run started (or the loop began). */
  startedAt: number
  /** Bumped when the watchdog gives up on a run: that run, if it ever ends, schedules nothing. */
  generation: number
  cost: RequestCost
  notices: NoticePacer
}

export function newLoop(kind: PollKind, now: number): Loop {
  return {
    kind,
    dueAt: 0,
    running: false,
    again: false,
    failures: 0,
    startedAt: now,
    generation: 0,
    cost: new RequestCost(),
    notices: new NoticePacer(now),
  }
}

/**
 * Silent for two intervals though due: a run that never ended (beyond the HTTP
 * timeout's grace), or a timer that is gone or never fired.
 */
export function stalled(loop: Loop, now: number, interval: number): boolean {
  if (loop.running) return now - loop.startedAt > 2 * interval + RUN_GRACE_MS
  return loop.timer === undefined || now > loop.dueAt + 2 * interval
}
