/**
 * The part of the request budget the calls poll keeps for itself. Calls may use
 * the whole budget; every other kind, and every read the agent makes, starts only
 * while the last minute leaves calls what they need of a minute at their fastest
 * (active, stretched, jittered, plus a burst of notices), and in any case ten
 * seconds' worth of polls beyond what calls already used: so the calls poll, the
 * one a ringing phone waits for, always finds a slot, even after a burst.
 */
import { NOTICE_BURST } from './notice-pacing'
import type { PollInterval } from './poll-plan'

const MINUTE_MS = 60_000
/** Calls always keep this long of polls at their fastest. */
const SPARE_MS = 10_000

export interface CallsPace {
  /** Calls' fastest interval now (`intervalFor(reserveBase)`, stretched), ms. */
  fastest: number
  /** What one calls poll costs (RequestCost.estimate). */
  perRun: number
}

export class CallsReserve {
  /** When calls polls of the last minute started. */
  private readonly starts: number[] = []
  private pushedCalls = false

  /**
   * The kinds a live event socket announces now (jade's admin socket: calls). A
   * ringing phone reaches us as an event and polls at once (a notice), so the
   * reserve is sized for the calls' idle pace, not their fastest: what that frees
   * goes to the kinds only polling can refresh (jade reads each phone's state alone).
   */
  setPushed(kinds: readonly string[]): void {
    this.pushedCalls = kinds.includes('calls')
  }

  /** The calls interval the reserve is sized for. */
  reserveBase(interval: PollInterval): number {
    return this.pushedCalls ? interval.idle : interval.active
  }

  /** A calls poll started. */
  started(now: number): void {
    this.starts.push(now)
    this.trim(now)
  }

  /** Ten seconds of calls polls at their fastest, plus a burst of notices. */
  spare(pace: CallsPace): number {
    return Math.ceil((SPARE_MS / pace.fastest + NOTICE_BURST) * pace.perRun)
  }

  /** How full the last minute may be for anything but calls to start. */
  othersCap(perMinute: number, pace: CallsPace, jitter: number, now: number): number {
    this.trim(now)
    const callsPerMinute = (MINUTE_MS / pace.fastest) * (1 + jitter) + NOTICE_BURST
    const reserve = Math.ceil(callsPerMinute * pace.perRun)
    const used = this.starts.length * pace.perRun
    return perMinute - Math.max(reserve - used, this.spare(pace))
  }

  private trim(now: number): void {
    while (this.starts.length && (this.starts[0] ?? 0) <= now - MINUTE_MS) this.starts.shift()
  }
}
