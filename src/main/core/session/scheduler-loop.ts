/**
 * One kind's polling loop, as the scheduler keeps it: its timer and state, what
 * its recent runs cost, and when the watchdog counts it as stalled.
 */
import type { PollKind } from './poll-plan'

/** Notices a kind may act on back to back (the frames of one change come in bursts). */
export const NOTICE_BURST = 4
/** How many recent runs a kind's expected cost is taken from. */
const COST_MEMORY = 5
/** A run may take this long beyond two intervals before it counts as hung (HTTP timeout: 8 s). */
const RUN_GRACE_MS = 10_000

export interface Loop {
  kind: PollKind
  timer?: unknown
  dueAt: number
  running: boolean
  again: boolean
  failures: number
  /**
   * Requests sent while each of the kind's last few runs was in flight, newest
   * last; `overlapped` marks runs during which another poll ran too (its
   * requests are in the count: too many, never too few).
   */
  costs: { sent: number; overlapped: boolean; company: number }[]
  /** Another poll ran during this one: its requests cannot be told apart. */
  overlapped: boolean
  /** How many other polls ran during this one (they share what it counted). */
  company: number
  /** This kind's share of the requests of its runs in the last minute (see `fairTurn`). */
  spent: { at: number; sent: number }[]
  /** A notice that came while this kind was running wants the next poll by then. */
  noticeAt?: number
  /** Live notices this kind may still act on at once (refilled over time), and when last refilled. */
  noticeTokens: number
  noticeRefilledAt: number
  /** When the last run started (or the loop began). */
  startedAt: number
  /** Bumped when the watchdog gives up on a run: that run, if it ever ends, schedules nothing. */
  generation: number
}

export function newLoop(kind: PollKind, now: number): Loop {
  return {
    kind,
    dueAt: 0,
    running: false,
    again: false,
    failures: 0,
    costs: [],
    overlapped: false,
    company: 0,
    spent: [],
    noticeTokens: NOTICE_BURST,
    noticeRefilledAt: now,
    startedAt: now,
    generation: 0,
  }
}

/** What a run sent (with the requests of any poll that overlapped it). */
export function recordCost(loop: Loop, sent: number, now: number): void {
  loop.costs.push({ sent, overlapped: loop.overlapped, company: loop.company })
  if (loop.costs.length > COST_MEMORY) loop.costs.shift()
  loop.spent.push({ at: now, sent: Math.ceil(sent / (1 + loop.company)) })
  spentLastMinute(loop, now)
}

/** This kind's own requests of the last minute (an overlapped run's shared out). */
export function spentLastMinute(loop: Loop, now: number): number {
  while (loop.spent.length && loop.spent[0]!.at <= now - 60_000) loop.spent.shift()
  return loop.spent.reduce((sum, run) => sum + run.sent, 0)
}

/**
 * Whether a kind other than calls may start though the others' part of the
 * minute is full: when it has used less than its even part of it, or would
 * still have used no more than the kind that used most. Without this the
 * dearest kind takes the whole part (jade's lamps cost one request per device,
 * and its socket asks for them on every call event) and a cheap one waits for
 * the minute to clear: a chat message the server pushed showed up to a minute
 * late. Calls keep their spare (`callsSpare`) all the same.
 */
export function fairTurn(
  loop: Loop,
  cost: number,
  now: number,
  othersCap: number,
  others: readonly Loop[],
): boolean {
  const mine = spentLastMinute(loop, now) + cost
  if (mine <= othersCap / Math.max(1, others.length)) return true
  return others.some((other) => other !== loop && spentLastMinute(other, now) >= mine)
}

/**
 * Silent for two intervals though due: a run that never ended (beyond the HTTP
 * timeout's grace), or a timer that is gone or never fired.
 */
export function stalled(loop: Loop, now: number, interval: number): boolean {
  if (loop.running) return now - loop.startedAt > 2 * interval + RUN_GRACE_MS
  return loop.timer === undefined || now > loop.dueAt + 2 * interval
}

/**
 * What to hold for a run of the kind: the most a recent run sent that no other
 * poll overlapped; failing those, the least an overlapped run saw, shared out
 * among the polls that ran with it. Not shared, the sign-in's volley (every kind
 * at once, again when the event socket opens) would be each kind's cost: a kind
 * polled rarely (jade's chat, kept fresh by its socket) would then not fit the
 * budget for a minute, and a pushed message would wait that long.
 * One before it has run.
 */
export function expectedCost(loop: Loop): number {
  const clean = loop.costs.filter((c) => !c.overlapped).map((c) => c.sent)
  if (clean.length) return Math.max(1, ...clean)
  const shares = loop.costs.map((c) => Math.ceil(c.sent / (1 + c.company)))
  if (shares.length) return Math.max(1, Math.min(...shares))
  return 1
}

/**
 * What one run of the kind usually sends, for planning: the median of its recent
 * runs that no other poll overlapped (not swayed by the odd run that signed in
 * again). One until such a run is known.
 */
export function typicalCost(loop: Loop): number {
  const sorted = loop.costs
    .filter((c) => !c.overlapped)
    .map((c) => c.sent)
    .sort((a, b) => a - b)
  return Math.max(1, sorted[Math.floor(sorted.length / 2)] ?? 1)
}
