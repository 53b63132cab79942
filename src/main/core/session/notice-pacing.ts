/**
 * How a kind answers live notices (jade's WebSocket: "this kind changed"): at
 * once, but on average no more often than the schedule would poll the kind were
 * it active. Each kind may act on NOTICE_BURST notices back to back and earns one
 * more per `earnEvery` (its active interval, stretched for the budget). A notice
 * that finds none left has its poll moved to when the next is earned; while that
 * poll is pending more notices add nothing. Unpaced, an office's stream of
 * notices would spend the minute's budget in seconds, and the session could then
 * not poll at all until the window freed.
 */

/** Notices a kind may act on back to back (the frames of one change come in bursts). */
export const NOTICE_BURST = 4

/** When a notice's poll should run: `at` (now or later), or nothing at all. */
export type NoticeAnswer = { at: number } | undefined

export class NoticePacer {
  private tokens = NOTICE_BURST
  private refilledAt: number
  /** A notice that came while the kind was running wants the next poll by then. */
  private wantedBy?: number

  constructor(now: number) {
    this.refilledAt = now
  }

  /**
   * A notice arrived at `now`: when to poll for it. `undefined` when a poll is
   * already promised to an earlier notice (it will see this change too).
   */
  take(now: number, earnEvery: number): NoticeAnswer {
    this.tokens = Math.min(NOTICE_BURST, this.tokens + (now - this.refilledAt) / earnEvery)
    this.refilledAt = now
    if (this.tokens >= 1) {
      this.tokens -= 1
      return { at: now }
    }
    if (this.tokens < 0) return undefined
    const at = now + (1 - this.tokens) * earnEvery
    this.tokens -= 1
    return { at }
  }

  /** The kind is running: its next poll should come by `at`, not at the regular time. */
  wantBy(at: number): void {
    this.wantedBy = at
  }

  /** The delay until the next poll after a run: `delay`, or sooner if a notice wants it. */
  nextDelay(delay: number, now: number): number {
    const wanted = this.wantedBy
    this.wantedBy = undefined
    return wanted === undefined ? delay : Math.min(delay, wanted - now)
  }
}
