/**
 * What one poll of a kind costs in HTTP requests, learned from its recent runs. A
 * poll may send several (pages, a second list, a fresh sign-in) and polls overlap,
 * so the provider's counter cannot always tell whose requests were whose.
 *
 * ONE estimate serves both the plan (how far to stretch intervals) and the start
 * of a run (how many slots to hold): the median of the recent runs no other poll
 * overlapped, so the odd run that signed in again sways neither. Without such a
 * run, the least an overlapped run saw, shared out among the polls that ran with
 * it: taken whole, the sign-in's volley (every kind at once, again when the event
 * socket opens) would be each kind's cost, and a kind polled rarely (jade's chat,
 * kept fresh by its socket) would not fit the budget for a minute.
 */

/** How many recent runs the estimate is taken from. */
const MEMORY = 5
const MINUTE_MS = 60_000

interface Run {
  sent: number
  /** Another poll ran during this one: its requests are in `sent` too. */
  overlapped: boolean
  /** How many other polls ran during this one (they share what it counted). */
  company: number
}

export class RequestCost {
  private readonly runs: Run[] = []
  /** This kind's share of the requests of its runs in the last minute. */
  private readonly spent: { at: number; sent: number }[] = []
  /** The run in flight: how many other polls have run beside it so far. */
  private company = 0

  /** A run starts, beside `others` polls already in flight. */
  begin(others: number): void {
    this.company = others
  }

  /** Another poll started while this kind's run is in flight. */
  joined(): void {
    this.company += 1
  }

  /** The run ended; `sent`: the requests counted while it was in flight. */
  record(sent: number, now: number): void {
    const company = this.company
    this.runs.push({ sent, overlapped: company > 0, company })
    if (this.runs.length > MEMORY) this.runs.shift()
    this.spent.push({ at: now, sent: Math.ceil(sent / (1 + company)) })
    this.spentLastMinute(now)
  }

  /** What one run is likely to send; one before any run is known. */
  estimate(): number {
    const clean = this.runs
      .filter((run) => !run.overlapped)
      .map((run) => run.sent)
      .sort((a, b) => a - b)
    if (clean.length) return Math.max(1, clean[Math.floor(clean.length / 2)] ?? 1)
    const shares = this.runs.map((run) => Math.ceil(run.sent / (1 + run.company)))
    return shares.length ? Math.max(1, Math.min(...shares)) : 1
  }

  /** This kind's own requests of the last minute (an overlapped run's shared out). */
  spentLastMinute(now: number): number {
    while (this.spent.length && this.spent[0]!.at <= now - MINUTE_MS) this.spent.shift()
    return this.spent.reduce((sum, run) => sum + run.sent, 0)
  }
}

/**
 * Whether a kind other than calls may start though the others' part of the
 * minute is full: when it has used less than its even part of it, or would
 * still have used no more than the kind that used most. Without this the
 * dearest kind takes the whole part (jade's lamps cost one request per device,
 * and its socket asks for them on every call event) and a cheap one waits for
 * the minute to clear: a chat message the server pushed showed up to a minute
 * late. Calls keep their spare all the same (the scheduler checks it).
 */
export function fairTurn(
  mine: RequestCost,
  cost: number,
  now: number,
  othersCap: number,
  others: readonly RequestCost[],
): boolean {
  const total = mine.spentLastMinute(now) + cost
  if (total <= othersCap / Math.max(1, others.length)) return true
  return others.some((other) => other !== mine && other.spentLastMinute(now) >= total)
}
