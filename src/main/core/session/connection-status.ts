/**
 * One account's connection status, as a state machine the UI can put into words:
 *
 *   connecting → online ⇄ degraded → offline → (probe succeeds) online
 *   any → auth_failed → (slow re-check, or `reconnect`, signs in) online · any → stopped
 *
 * It counts failures and refusals, says when the next sign-in is due (the same
 * `backoffDelay` the polls use), and reports a status only when it differs.
 */
import { AppError } from '../../../shared/result'
import type { PushEvents } from '../../providers/provider'
import type { Clock, Random } from '../clock'
import type { ConnectionStatus, SessionState, StatusDetail } from './events'
import { authRecheckDelay, backoffDelay, type ScheduleOptions } from './poll-plan'
import { buildStatus, failureStatus, isNetworkFailure, type StatusExtra } from './status'

export interface ConnectionDeps {
  accountId: string
  clock: Clock
  random: Random
  /** Sign-in retries back off like a failing poll. */
  backoff: Pick<ScheduleOptions, 'backoffBaseMs' | 'backoffCapMs'>
  /** Network failures in a row before the account is offline. */
  offlineAfter: number
  /** The status changed (never called with an equal one). */
  changed(status: ConnectionStatus): void
}

/** Every field of a status, so that `sameStatus` cannot miss one added later. */
const statusFields: Record<keyof ConnectionStatus, true> = {
  accountId: true,
  state: true,
  since: true,
  detail: true,
  until: true,
  retryAt: true,
  message: true,
  lastUpdatedAt: true,
  events: true,
  eventsReason: true,
}
const fieldNames = Object.keys(statusFields) as (keyof ConnectionStatus)[]

export function sameStatus(a: ConnectionStatus, b: ConnectionStatus): boolean {
  return fieldNames.every((field) => a[field] === b[field])
}

export class ConnectionStatusMachine {
  private current: ConnectionStatus
  /** Network failures in a row (sign-in and polls). */
  private failures = 0
  /** Credential refusals in a row: spaces out the re-checks. */
  private refusals = 0
  /** When a poll last succeeded: how old the data is once the session is not online. */
  private lastSuccessAt?: number
  /** What the provider's event socket last said (push accounts only). */
  private events?: PushEvents
  /** The OS says the machine is offline. */
  private networkDown = false

  constructor(private readonly deps: ConnectionDeps) {
    const now = deps.clock.now()
    const connecting = { state: 'connecting', detail: 'connecting', extra: {} } as const
    this.current = buildStatus(deps.accountId, undefined, connecting, now)
  }

  get status(): ConnectionStatus {
    return this.current
  }

  get state(): SessionState {
    return this.current.state
  }

  /** A method, not a field read: the state may change while a request is awaited. */
  stopped(): boolean {
    return this.current.state === 'stopped'
  }

  /** Polling goes on (not stopped, credentials not refused). */
  polling(): boolean {
    return this.current.state !== 'stopped' && this.current.state !== 'auth_failed'
  }

  /** Only the probe poll may go. */
  offline(): boolean {
    return this.networkDown || this.current.state === 'offline'
  }

  /** Throws the error a request meets while the account cannot be used. */
  ensureUsable(): void {
    if (this.current.state === 'auth_failed') {
      throw new AppError('auth', this.current.message ?? 'The PBX refused the credentials.')
    }
    if (this.current.state === 'stopped')
      throw new AppError('network', 'This account is not connected.', undefined, {
        code: 'account.not_connected',
      })
  }

  stop(): void {
    this.set('stopped', 'stopped')
  }

  /** "Sign in again": back-off and refusals forgotten. */
  reconnecting(): void {
    this.failures = this.refusals = 0
    this.set('connecting', 'connecting')
  }

  signedIn(): void {
    this.failures = this.refusals = 0
    // Accepted again: "signed out" would now be a lie; the first poll says online.
    if (this.current.state === 'auth_failed') this.set('connecting', 'connecting')
  }

  /**
   * The sign-in failed (not refused): how long to wait before the next. Any
   * failure counts once, for the back-off and toward "offline" (a PBX that cannot
   * sign us in is not usable, however it fails).
   */
  signInFailed(error: unknown, pauseEndsAt: number): number {
    this.failures += 1
    const wait = backoffDelay(this.failures, 0, this.deps.backoff, this.deps.random)
    this.report(error, this.deps.clock.now() + wait, pauseEndsAt)
    return wait
  }

  /** The PBX refused the credentials: "signed out"; returns when to re-check. */
  refused(message: string): number {
    this.refusals += 1
    const wait = authRecheckDelay(this.refusals, this.deps.random)
    this.set('auth_failed', 'signed_out', { message, retryAt: this.deps.clock.now() + wait })
    return wait
  }

  /**
   * A poll succeeded; true when the other kinds should be asked again now: the
   * account was offline, or failing (unreadable or slow answers), so some kinds sit
   * on a back-off although the PBX answers again. Not after a 429: there the
   * penalty decides who goes first.
   */
  succeeded(): boolean {
    this.lastSuccessAt = this.deps.clock.now()
    this.failures = 0
    // The OS may say offline while the PBX answers: trust the answer.
    this.networkDown = false
    const { state, detail } = this.current
    const backedOff = state === 'offline' || (state === 'degraded' && detail !== 'rate_limited')
    this.set('online', 'online')
    return backedOff
  }

  /** A request failed; the kind that sent it tries again at `retryAt`. */
  failed(error: unknown, retryAt: number, pauseEndsAt: number): void {
    if (isNetworkFailure(error)) this.failures += 1
    this.report(error, retryAt, pauseEndsAt)
  }

  private report(error: unknown, retryAt: number, pauseEndsAt: number): void {
    const change = failureStatus(error, {
      state: this.current.state,
      offline: this.offline(),
      failures: this.failures,
      offlineAfter: this.deps.offlineAfter,
      retryAt,
      pauseEndsAt,
    })
    this.set(change.state, change.detail, change.extra)
  }

  /** The OS says the network is gone; the probe tries again at `retryAt`. */
  networkLost(retryAt: number | undefined): void {
    this.networkDown = true
    this.set('offline', 'offline', { retryAt })
  }

  networkBack(): void {
    this.networkDown = false
  }

  /** The event socket came up or went down: the status line says so, the rest stays. */
  eventsChanged(events: PushEvents | undefined): void {
    this.events = events
    const { state, detail, until, retryAt, message } = this.current
    this.set(state, detail, { until, retryAt, message })
  }

  /** The event socket is closed with the session's subscription: nothing to say about it. */
  forgetEvents(): void {
    this.events = undefined
  }

  private set(state: SessionState, detail: StatusDetail, extra: StatusExtra = {}): void {
    // Only off-line statuses carry it: online, it would change with every poll.
    const stale = state !== 'online' && this.lastSuccessAt !== undefined
    const next = buildStatus(
      this.deps.accountId,
      this.current,
      { state, detail, extra: stale ? { ...extra, lastUpdatedAt: this.lastSuccessAt } : extra },
      this.deps.clock.now(),
      this.events,
    )
    if (sameStatus(next, this.current)) return
    this.current = next
    this.deps.changed(next)
  }
}
