/**
 * One account's connection to its PBX: signs in, polls on the scheduler, turns
 * snapshots into events (each delivered once, across restarts too), keeps a
 * connection status the UI can put into words, and passes actions through.
 *
 *   connecting → online ⇄ degraded → offline → (probe succeeds) online
 *   any → auth_failed → (slow re-check, or `reconnect`, signs in) online · any → stopped
 */
import { need } from '../../providers/facets'
import type { Call, CallRecord, Capability, ParkedCall, Voicemail } from '../../../shared/model'
import { AppError, isAppError } from '../../../shared/result'
import { createLogger, type Logger } from '../../log'
import type { Identity, PbxProvider, PushEvents } from '../../providers/provider'
import { CallTracker } from '../calls/tracker'
import { Consultations } from '../calls/consultations'
import { systemClock, type Clock, type Random } from '../clock'
import {
  authRecheckDelay,
  mergeScheduleOptions,
  pollCapability,
  pollKinds,
  type PollKind,
} from './poll-plan'
import { HistoryReads } from './history-reads'
import { PresenceTracker } from '../presence/tracker'
import { RequestBudget } from './request-budget'
import { Scheduler } from './scheduler'
import { SessionActions } from './actions'
import type {
  ConnectionStatus,
  SessionEvent,
  SessionListener,
  SessionSnapshot,
  SessionState,
  StatusDetail,
} from './events'
import { heardMark, polls, type Latest, type PollContext } from './polls'
import {
  buildStatus,
  dedupEntry,
  failureStatus,
  isNetworkFailure,
  type StatusExtra,
} from './status'
import { SessionStore } from './store'
import type { SessionDeps, SessionOptions, ShellSignal } from './options'

export type { SessionDeps, SessionOptions, ShellSignal } from './options'

/** The longest a read waits for room in the budget before it is refused. */
const READ_WAIT_MAX_MS = 5000

export class Session extends SessionActions {
  readonly accountId: string
  readonly budget: RequestBudget
  identity?: Identity
  private readonly dataDir: string
  private readonly clock: Clock
  private readonly random: Random
  private readonly log: Logger
  private readonly options: SessionOptions
  private readonly listeners = new Set<SessionListener>()
  private readonly presence = new PresenceTracker()
  private readonly consultations = new Consultations()
  private readonly historyReads = new HistoryReads()
  private readonly latest: Latest = { calls: [], mine: [], parked: [], queues: [], voicemail: [] }
  private readonly scheduler: Scheduler
  private tracker?: CallTracker
  private store?: SessionStore
  private current: ConnectionStatus
  private focused = false
  private networkDown = false
  private failures = 0
  /** Credential refusals in a row: spaces out the re-checks. */
  private refusals = 0
  private boostUntil = 0
  /** When a poll last succeeded: how old the data is once the session is not online. */
  private lastSuccessAt?: number
  private counter = 0
  private signInTimer?: unknown
  private historyTimer?: unknown
  private started = false
  private unsubscribe?: () => void
  /** What the provider's event socket last said (push accounts only). */
  private events?: PushEvents

  constructor(deps: SessionDeps) {
    super(deps.provider)
    this.accountId = deps.accountId
    this.clock = deps.clock ?? systemClock
    this.random = deps.random ?? Math.random
    this.log = deps.log ?? createLogger(`session ${deps.accountId}`)
    this.options = deps.options ?? {}
    const merged = mergeScheduleOptions(this.options.schedule)
    const scale = deps.provider.budgetScale ?? 1
    const schedule = { ...merged, budgetPerMinute: Math.round(merged.budgetPerMinute * scale) }
    this.budget = new RequestBudget(this.clock, schedule.budgetPerMinute)
    this.current = buildStatus(
      this.accountId,
      undefined,
      { state: 'connecting', detail: 'connecting', extra: {} },
      this.clock.now(),
    )
    this.dataDir = deps.dataDir
    this.scheduler = new Scheduler(this.clock, this.random, this.budget, schedule, {
      run: (kind) => this.counted(() => polls[kind](this.context())),
      active: (kind) => this.focused || (kind === 'calls' && this.busy()),
      allowed: (kind) => !this.offline() || kind === this.probeKind(),
      rateLimit: () => this.provider.stats.rateLimit,
      onSuccess: () => this.succeeded(),
      onError: (kind, error, retryAt) => this.failed(kind, error, retryAt),
      onLate: () => this.catchUp(),
      onStall: (kind, silentMs) =>
        this.log.warn(
          `${kind}: no poll for ${Math.round(silentMs / 1000)} s while it was due; restarted it`,
        ),
      sent: () => this.provider.stats.requests,
    })
    // A probe found the PBX lacks a feature (providers/offers.ts): stop polling what
    // it fed, and tell the windows, which hide its controls and say why.
    deps.provider.onCapabilitiesChanged?.(({ capabilities, feature }) => {
      for (const kind of pollKinds) {
        if (!capabilities.has(pollCapability[kind])) this.scheduler.disable(kind)
      }
      const id = `${this.accountId}:capabilities:${++this.counter}`
      const at = this.clock.now()
      const list = [...capabilities]
      this.emit({
        accountId: this.accountId,
        id,
        at,
        type: 'capabilities.changed',
        capabilities: list,
        feature,
      })
    })
  }

  /** What this account's PBX can do, for the UI to show only those controls. */
  get capabilities(): Capability[] {
    return [...this.provider.capabilities]
  }

  get state(): SessionState {
    return this.current.state
  }

  get connection(): ConnectionStatus {
    return this.current
  }

  on(listener: SessionListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async start(): Promise<void> {
    if (this.started) return
    this.started = true
    this.store = await SessionStore.open(
      this.dataDir,
      this.accountId,
      this.clock.now(),
      this.options.store,
    )
    if (this.store.notice) this.log.warn(this.store.notice)
    this.tracker = new CallTracker(
      {
        accountId: this.accountId,
        deferQueueMissed: this.provider.capabilities.has('history'),
        ...this.options.tracker,
      },
      this.store.tracker,
    )
    if (this.current.state === 'stopped') return
    void this.signIn()
  }

  async stop(): Promise<void> {
    if (this.current.state === 'stopped') return
    this.scheduler.stop()
    this.clearTimers()
    this.setStatus('stopped', 'stopped')
    if (this.store && this.tracker) {
      this.store.setTracker(this.tracker.exportState())
      await this.store
        .save(this.clock.now())
        .catch((error) => this.log.warn('could not save', error))
    }
    await this.provider.close().catch(() => undefined)
  }

  /** What the shell tells us about the machine and the window. */
  signal(signal: ShellSignal): void {
    if (!this.polling()) return
    switch (signal) {
      case 'offline':
        this.networkDown = true
        this.setStatus('offline', 'offline', { retryAt: this.scheduler.nextDue(this.probeKind()) })
        break
      case 'online':
        this.networkDown = false
        this.scheduler.pollNow([this.probeKind()], true)
        break
      case 'resume':
        this.catchUp()
        break
      case 'focus':
        this.focused = true
        this.scheduler.pollNow(['calls', 'presence'])
        break
      case 'blur':
        this.focused = false
        break
    }
  }

  /**
   * Sign in again now, forgetting any back-off: "Sign in again", or the account
   * saved (even unchanged: the agent may have fixed the key on the PBX's side).
   */
  reconnect(): void {
    // Before `start` has opened the store, its own sign-in is still to come.
    if (!this.tracker || this.current.state === 'stopped') return
    this.scheduler.stop()
    this.clearTimers()
    this.failures = this.refusals = 0
    this.setStatus('connecting', 'connecting')
    void this.signIn()
  }

  snapshot(): SessionSnapshot {
    return {
      accountId: this.accountId,
      status: this.current,
      calls: this.consultations.mark(this.tracker?.calls() ?? [], this.clock.now()),
      presence: this.presence.snapshot(),
      parked: this.latest.parked,
      queues: this.latest.queues,
      voicemail: this.latest.voicemail,
      requests: this.budget.counter(),
    }
  }

  /** The scheduler, for benchmarks and tests that read the plan. */
  get schedule(): Scheduler {
    return this.scheduler
  }

  /**
   * A request that changes nothing the polls show (a search, a page of chat, a
   * recording; also a chat message sent or a contact added): counted against the
   * budget, but only within what reads may take, never the calls' reserve, so
   * browsing cannot delay a popup. No boost and no confirm poll.
   */
  async read<T>(fn: (provider: PbxProvider) => Promise<T>): Promise<T> {
    this.ensureUsable()
    await this.readSlot()
    const release = this.budget.hold(1)
    try {
      return await this.guarded(fn)
    } finally {
      release()
    }
  }

  /**
   * Waits, at most READ_WAIT_MAX_MS, for the window to have room for a read outside
   * calls' reserve (the other kinds' polls leave the window full at times, and free
   * a slot within a second or two); longer, and the read is refused with the wait.
   */
  private async readSlot(): Promise<void> {
    const deadline = this.clock.now() + READ_WAIT_MAX_MS
    for (;;) {
      const now = this.clock.now()
      const freeAt = this.scheduler.readFreeAt()
      if (freeAt <= now) return
      if (freeAt > deadline) {
        const seconds = Math.max(1, Math.ceil((freeAt - now) / 1000))
        throw new AppError(
          'rate_limited',
          `The request budget is kept for calls; try again in ${seconds} s.`,
          freeAt - now,
          // Not the PBX's `rate_limited`: Switchboard holds the read back itself.
          { code: 'budget.calls_first', params: { seconds } },
        )
      }
      await new Promise<void>((resolve) => this.clock.setTimeout(resolve, freeAt - now))
      this.ensureUsable()
    }
  }

  /**
   * A call action (or anything a poll shows): afterwards calls, and the `confirm`
   * kinds, are polled at once, and calls stay fast for a while.
   */
  override async command<T>(
    fn: (provider: PbxProvider) => Promise<T>,
    confirm: PollKind[] = [],
  ): Promise<T> {
    this.ensureUsable()
    try {
      return await this.guarded(fn)
    } finally {
      // A dialled call takes a moment to show: keep calls fast for a while.
      this.boostUntil = this.clock.now() + 10_000
      this.scheduler.pollNow(['calls', ...confirm])
    }
  }

  /**
   * The week of call history up to `now`, shared by every refresh within
   * HISTORY_FRESH_MS. `now`: the PBX's time where it differs from ours (the demo's
   * own clock).
   */
  history(now = this.clock.now()): Promise<CallRecord[]> {
    return this.historyReads.get(now, (since, until) =>
      this.read((p) => need(p, 'history')(since, until)),
    )
  }

  private ensureUsable(): void {
    if (this.current.state === 'auth_failed') {
      throw new AppError('auth', this.current.message ?? 'The PBX refused the credentials.')
    }
    if (this.current.state === 'stopped')
      throw new AppError('network', 'This account is not connected.', undefined, {
        code: 'account.not_connected',
      })
  }

  private async guarded<T>(fn: (provider: PbxProvider) => Promise<T>): Promise<T> {
    try {
      return await this.counted(() => fn(this.provider))
    } catch (error) {
      if (isAppError(error) && error.kind === 'auth') this.authFailed(error.message)
      throw error
    }
  }

  /** Start an attended transfer; the consultation call is marked when it shows. */
  override async attendedTransfer(callId: string, destination: string): Promise<void> {
    this.consultations.started(callId, destination, this.clock.now())
    try {
      await super.attendedTransfer(callId, destination)
    } catch (error) {
      this.consultations.forget(callId)
      throw error
    }
  }

  /** Mark a voicemail heard on the PBX, and remember it here for PBXs that forget. */
  async markHeard(voicemail: Voicemail): Promise<void> {
    await this.command((p) => need(p, 'markVoicemailHeard')(voicemail))
    this.store?.mark(heardMark(voicemail.id), this.clock.now())
    this.scheduler.pollNow(['voicemail'])
  }

  /** Abandon the attended transfer whose consultation is `consultId`. */
  async cancelTransfer(consultId: string): Promise<void> {
    const consultation = this.latest.mine.find((call) => call.id === consultId)
    if (!consultation?.consultFor) {
      throw new AppError('not_found', 'That call is not a transfer in progress.', undefined, {
        code: 'call.no_transfer',
      })
    }
    const original = this.findCall(consultation.consultFor)
    return this.command((p) => need(p, 'cancelAttendedTransfer')(consultation, original))
  }

  protected override findCall(callId: string): Call {
    const mine = this.tracker?.calls().find((call) => call.id === callId)
    const any = mine ?? this.latest.calls.find((call) => call.id === callId)
    if (!any) {
      throw new AppError('not_found', 'That call has ended or is not on this account.', undefined, {
        code: 'call.ended',
      })
    }
    return any
  }

  protected override findParked(id: string): ParkedCall | undefined {
    return this.latest.parked.find((parked) => parked.id === id)
  }

  private async signIn(): Promise<void> {
    this.signInTimer = undefined
    // A refused account signs in again too: that is its re-check.
    if (this.stopped()) return
    try {
      const identity = await this.counted(() => this.provider.signIn())
      if (this.stopped()) return
      this.identity = identity
      this.tracker?.setOwnExtension(this.options.ownExtension ?? identity.ownExtension)
      this.failures = this.refusals = 0
      // Accepted again: "signed out" would now be a lie; the first poll says online.
      if (this.current.state === 'auth_failed') this.setStatus('connecting', 'connecting')
      const kinds = pollKinds.filter((kind) => this.provider.capabilities.has(pollCapability[kind]))
      this.scheduler.start(kinds)
      // Live notices (jade's WebSocket) poll their kind at once, through the usual
      // de-duplication, at the pace the schedule allows (Scheduler.notice); the
      // catch-up after a reconnect polls at once.
      this.unsubscribe ??= this.provider.subscribe?.(
        (kind, resync) => (resync ? this.scheduler.pollNow([kind]) : this.scheduler.notice([kind])),
        (events) => this.eventsChanged(events),
      )
    } catch (error) {
      if (this.stopped()) return
      if (isAppError(error) && error.kind === 'auth') return this.authFailed(error.message)
      this.failures += 1
      const schedule = this.scheduler.options
      const delay = Math.min(
        schedule.backoffCapMs,
        schedule.backoffBaseMs * 2 ** (this.failures - 1),
      )
      const wait = delay / 2 + (this.random() * delay) / 2
      this.reportFailure(error, this.clock.now() + wait)
      this.signInTimer = this.clock.setTimeout(() => void this.signIn(), wait)
    }
  }

  private context(): PollContext {
    const store = this.store
    const tracker = this.tracker
    if (!store || !tracker) throw new AppError('internal', 'The session has not started.')
    return {
      accountId: this.accountId,
      provider: this.provider,
      tracker,
      consultations: this.consultations,
      presence: this.presence,
      store,
      latest: this.latest,
      now: () => this.clock.now(),
      nextId: (kind) => `${this.accountId}:${kind}:${++this.counter}`,
      deliver: (events) => this.deliver(events),
      historySoon: () => this.historySoon(),
      historyOverlapMs: this.options.historyOverlapMs ?? 5 * 60_000,
      historyMaxWindowMs: this.options.historyMaxWindowMs ?? 24 * 60 * 60_000,
    }
  }

  private counted<T>(fn: () => Promise<T>): Promise<T> {
    return this.budget.count(this.provider.stats, fn)
  }

  private deliver(events: readonly SessionEvent[]): void {
    for (const event of events) {
      if (event.type === 'call.ended' || event.type === 'call.missed')
        this.historyReads.invalidate()
      const entry = dedupEntry(event)
      if (entry && this.store && !this.store.claim(entry, event.id, event.at)) continue
      this.emit(event)
    }
    if (events.length)
      void this.store?.save(this.clock.now()).catch((e) => this.log.warn('save', e))
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (error) {
        this.log.error('a session listener failed', error)
      }
    }
  }

  private succeeded(): void {
    this.lastSuccessAt = this.clock.now()
    this.failures = 0
    // The OS may say offline while the PBX answers: trust the answer.
    this.networkDown = false
    const wasOffline = this.current.state === 'offline'
    this.setStatus('online', 'online')
    // Back from an outage: fetch everything now and reconcile history.
    if (wasOffline) this.scheduler.pollNow(undefined, true)
  }

  private failed(kind: PollKind, error: unknown, retryAt: number): void {
    if (isAppError(error) && error.kind === 'auth') return this.authFailed(error.message)
    if (isAppError(error) && error.kind === 'unsupported') {
      this.log.warn(`${kind} turned out to be unsupported; not polling it any more`)
      this.scheduler.disable(kind)
      return
    }
    this.reportFailure(error, retryAt)
  }

  private reportFailure(error: unknown, retryAt: number): void {
    if (!isAppError(error)) this.log.warn('poll failed', error)
    if (isNetworkFailure(error)) this.failures += 1
    const change = failureStatus(error, {
      state: this.current.state,
      offline: this.offline(),
      failures: this.failures,
      offlineAfter: this.options.offlineAfterFailures ?? 3,
      retryAt,
      pauseEndsAt: this.scheduler.pauseEndsAt,
    })
    this.setStatus(change.state, change.detail, change.extra)
  }

  /**
   * Refused credentials: stop polling, say "signed out", and re-check slowly. One
   * refusal is not final (a PBX may refuse a key for a moment, or the key is fixed
   * on the PBX), so the account comes back by itself once it is accepted.
   */
  private authFailed(message: string): void {
    this.scheduler.stop()
    this.clearTimers()
    this.refusals += 1
    const wait = authRecheckDelay(this.refusals, this.random)
    this.setStatus('auth_failed', 'signed_out', { message, retryAt: this.clock.now() + wait })
    this.signInTimer = this.clock.setTimeout(() => void this.signIn(), wait)
  }

  private catchUp(): void {
    if (this.polling()) this.scheduler.pollNow(undefined, true)
  }

  private historySoon(): void {
    if (this.historyTimer !== undefined) return
    // Give the PBX a moment to write the call record.
    this.historyTimer = this.clock.setTimeout(() => {
      this.historyTimer = undefined
      this.scheduler.pollNow(['history'])
    }, 3000)
  }

  private busy(): boolean {
    return (this.tracker?.busy() ?? false) || this.clock.now() < this.boostUntil
  }

  private offline(): boolean {
    return this.networkDown || this.current.state === 'offline'
  }

  /** A method, not a field read: the state may change while a request is awaited. */
  private stopped(): boolean {
    return this.current.state === 'stopped'
  }

  private polling(): boolean {
    return this.current.state !== 'stopped' && this.current.state !== 'auth_failed'
  }

  /** Calls if the provider has them, else the first kind polled: the one request sent while offline. */
  private probeKind(): PollKind {
    const kinds = this.scheduler.kinds()
    return kinds.includes('calls') ? 'calls' : (kinds[0] ?? 'calls')
  }

  private clearTimers(): void {
    this.unsubscribe?.()
    this.unsubscribe = undefined
    this.events = undefined
    if (this.signInTimer !== undefined) this.clock.clearTimeout(this.signInTimer)
    if (this.historyTimer !== undefined) this.clock.clearTimeout(this.historyTimer)
    this.signInTimer = this.historyTimer = undefined
  }

  /** The event socket came up or went down: the status line says so, the rest stays. */
  private eventsChanged(events: PushEvents): void {
    this.events = events
    // Calls announced by live events need no reserve of polls at their fastest.
    this.scheduler.setPushed(events.covers ?? [])
    const { state, detail, until, retryAt, message } = this.current
    this.setStatus(state, detail, { until, retryAt, message })
  }

  private setStatus(state: SessionState, detail: StatusDetail, extra: StatusExtra = {}): void {
    // Only off-line statuses carry it: online, it would change with every poll.
    const stale = state !== 'online' && this.lastSuccessAt !== undefined
    const next = buildStatus(
      this.accountId,
      this.current,
      { state, detail, extra: stale ? { ...extra, lastUpdatedAt: this.lastSuccessAt } : extra },
      this.clock.now(),
      this.events,
    )
    if (JSON.stringify(next) === JSON.stringify(this.current)) return
    this.current = next
    const base = { accountId: this.accountId, id: `${this.accountId}:status:${++this.counter}` }
    this.emit({ ...base, at: this.clock.now(), type: 'status.changed', status: next })
  }
}
