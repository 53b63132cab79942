/** What the scheduler asks of its owner (the session's polling, or a test). */
import type { RequestStats } from '../../providers/provider'
import type { PollKind } from './poll-plan'

export interface SchedulerHooks {
  /** Fetch and digest one snapshot; throw (preferably an AppError) on failure. */
  run(kind: PollKind): Promise<void>
  /** Whether the kind wants its `active` interval now. */
  active(kind: PollKind): boolean
  /** False while the kind must not send requests (offline: only the probe goes). */
  allowed(kind: PollKind): boolean
  rateLimit(): RequestStats['rateLimit']
  onSuccess(kind: PollKind): void
  /** `retryAt`: when this kind tries again. */
  onError(kind: PollKind, error: unknown, retryAt: number): void
  /** A timer fired this late: the machine slept or the wall clock jumped. */
  onLate(lateByMs: number): void
  /**
   * HTTP requests sent so far (the provider's counter), to learn what one poll of
   * each kind costs. Without it every poll is taken to cost one request.
   */
  sent?(): number
  /** The watchdog found `kind` silent for `silentMs` and restarted its loop. */
  onStall?(kind: PollKind, silentMs: number): void
}
