/**
 * One account's connection to its PBX: signs in, polls on the scheduler, turns
 * snapshots into events and passes requests through its two gateways: `read` for
 * what changes nothing the polls show, `command` for changes. The jobs around that
 * are its parts: the connection status (connection-status.ts), event delivery and
 * the exactly-once store (event-delivery.ts), the call actions and the attended
 * transfers' bookkeeping (call-commands.ts), the poll timers (scheduler.ts).
 */
import { need } from '../../providers/facets'
import type { CallRecord, Capability, Voicemail } from '../../../shared/model'
import { AppError, isAppError } from '../../../shared/result'
import { createLogger, type Logger } from '../../log'
import type { Identity, PbxProvider, PushEvents } from '../../providers/provider'
import { CallTracker } from '../calls/tracker'
import { systemClock, type Clock, type Random } from '../clock'
import { CallCommands } from './call-commands'
import { ConnectionStatusMachine } from './connection-status'
import { EventDelivery } from './event-delivery'
import type { ConnectionStatus, SessionEvent, SessionListener, SessionSnapshot } from './events'
import type { SessionState } from './events'
import { HistoryReads } from './history-reads'
import { mergeScheduleOptions, pollCapability, pollKinds, type PollKind } from './poll-plan'
import { heardMark, polls, type Latest, type PollContext } from './polls'
import { PresenceTracker } from '../presence/tracker'
import { waitForReadSlot } from './read-slot'
import { RequestBudget } from './request-budget'
import { Scheduler, type SchedulerHooks } from './scheduler'
import type { SessionStore } from './store'
import type { SessionDeps, SessionOptions, ShellSignal } from './options'

export type { SessionDeps, SessionOptions, ShellSignal } from './options'

/** How long calls stay fast after a command: a dialled call takes a moment to show. */
const BOOST_MS = 10_000
/** History is read this long after a call ended: the PBX writes the record a moment later. */
const HISTORY_SETTLE_MS = 3000

export class Session {
  readonly accountId: string
  readonly budget: RequestBudget
  identity?: Identity
  private readonly provider: PbxProvider
  private readonly dataDir: string
  private readonly clock: Clock
  private readonly random: Random
  private readonly log: Logger
  private readonly options: SessionOptions
  private readonly presence = new PresenceTracker()
  private readonly historyReads = new HistoryReads()
  private readonly latest: Latest = { calls: [], mine: [], parked: [], queues: [], voicemail: [] }
  private readonly scheduler: Scheduler
  private readonly status: ConnectionStatusMachine
  private readonly delivery: EventDelivery
  private readonly calls: CallCommands
  private tracker?: CallTracker
  private store?: SessionStore
  private focused = false
  private boostUntil = 0
  private signInTimer?: unknown
  private historyTimer?: unknown
  private started = false
  private unsubscribe?: () => void

  constructor(deps: SessionDeps) {
    this.accountId = deps.accountId
    this.provider = deps.provider
    this.clock = deps.clock ?? systemClock
    this.random = deps.random ?? Math.random
    this.log = deps.log ?? createLogger(`session ${deps.accountId}`)
    this.options = deps.options ?? {}
    this.dataDir = deps.dataDir
    const merged = mergeScheduleOptions(this.options.schedule)
    const scale = deps.provider.budgetScale ?? 1
    const schedule = { ...merged, budgetPerMinute: Math.round(merged.budgetPerMinute * scale) }
    this.budget = new RequestBudget(this.clock, schedule.budgetPerMinute)
    this.delivery = new EventDelivery(this.accountId, this.clock, this.log)
    this.status = new ConnectionStatusMachine({
      accountId: this.accountId,
      clock: this.clock,
      random: this.random,
      backoff: schedule,
      offlineAfter: this.options.offlineAfterFailures ?? 3,
      changed: (status) =>
        this.delivery.emit({ ...this.stamp('status'), type: 'status.changed', status }),
    })
    this.calls = new CallCommands({
      command: (fn, confirm) => this.command(fn, confirm),
      tracked: () => this.tracker?.calls() ?? [],
      latest: this.latest,
      now: () => this.clock.now(),
    })
    this.scheduler = new Scheduler(this.clock, this.random, this.budget, schedule, this.hooks())
    // A probe found the PBX lacks a feature (providers/offers.ts): stop polling what
    // it fed, and tell the windows, which hide its controls and say why.
    deps.provider.onCapabilitiesChanged?.(({ capabilities, feature }) => {
      for (const kind of pollKinds) {
        if (!capabilities.has(pollCapability[kind])) this.scheduler.disable(kind)
      }
      const list = [...capabilities]
      const type = 'capabilities.changed'
      this.delivery.emit({ ...this.stamp('capabilities'), type, capabilities: list, feature })
    })
  }

  /** What this account's PBX can do, for the UI to show only those controls. */
  get capabilities(): Capability[] {
    return [...this.provider.capabilities]
  }

  get state(): SessionState {
    return this.status.state
  }

  get connection(): ConnectionStatus {
    return this.status.status
  }

  on(listener: SessionListener): () => void {
    return this.delivery.on(listener)
  }

  async start(): Promise<void> {
    if (this.started) return
    this.started = true
    this.store = await this.delivery.open(this.dataDir, this.options.store)
    this.tracker = new CallTracker(
      {
        accountId: this.accountId,
        deferQueueMissed: this.provider.capabilities.has('history'),
        ...this.options.tracker,
      },
      this.store.tracker,
    )
    if (this.status.stopped()) return
    void this.signIn()
  }

  async stop(): Promise<void> {
    if (this.status.stopped()) return
    this.scheduler.stop()
    this.clearTimers()
    this.status.stop()
    await this.delivery.close(this.tracker?.exportState())
    await this.provider.close().catch(() => undefined)
  }

  /** What the shell tells us about the machine and the window. */
  signal(signal: ShellSignal): void {
    if (!this.status.polling()) return
    switch (signal) {
      case 'offline':
        this.status.networkLost(this.scheduler.nextDue(this.probeKind()))
        break
      case 'online':
        this.status.networkBack()
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
    if (!this.tracker || this.status.stopped()) return
    this.scheduler.stop()
    this.clearTimers()
    this.status.reconnecting()
    void this.signIn()
  }

  snapshot(): SessionSnapshot {
    return {
      accountId: this.accountId,
      status: this.status.status,
      calls: this.calls.consultations.mark(this.tracker?.calls() ?? [], this.clock.now()),
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
    this.status.ensureUsable()
    await waitForReadSlot(
      this.clock,
      () => this.scheduler.readFreeAt(),
      () => this.status.ensureUsable(),
    )
    const release = this.budget.hold(1)
    try {
      return await this.guarded(fn)
    } finally {
      release()
    }
  }

  /**
   * A call action (or anything a poll shows): afterwards calls, and the `confirm`
   * kinds, are polled at once, and calls stay fast for a while.
   */
  async command<T>(
    fn: (provider: PbxProvider) => Promise<T>,
    confirm: PollKind[] = [],
  ): Promise<T> {
    this.status.ensureUsable()
    try {
      return await this.guarded(fn)
    } finally {
      this.boostUntil = this.clock.now() + BOOST_MS
      this.scheduler.pollNow(['calls', ...confirm])
    }
  }

  // The call actions are CallCommands'; the session offers them under its own name.
  readonly dial: CallCommands['dial'] = (number, options) => this.calls.dial(number, options)
  readonly hangup: CallCommands['hangup'] = (id) => this.calls.hangup(id)
  readonly transfer: CallCommands['transfer'] = (id, to) => this.calls.transfer(id, to)
  readonly attendedTransfer: CallCommands['attendedTransfer'] = (id, to) =>
    this.calls.attendedTransfer(id, to)
  readonly cancelTransfer: CallCommands['cancelTransfer'] = (id) => this.calls.cancelTransfer(id)
  readonly hold: CallCommands['hold'] = (id) => this.calls.hold(id)
  readonly resume: CallCommands['resume'] = (id) => this.calls.resume(id)
  readonly park: CallCommands['park'] = (id) => this.calls.park(id)
  readonly pickup: CallCommands['pickup'] = (id) => this.calls.pickup(id)
  readonly hangupParked: CallCommands['hangupParked'] = (id) => this.calls.hangupParked(id)
  readonly pickupAt: CallCommands['pickupAt'] = (extension) => this.calls.pickupAt(extension)
  readonly pauseQueue: CallCommands['pauseQueue'] = (id, why) => this.calls.pauseQueue(id, why)
  readonly resumeQueue: CallCommands['resumeQueue'] = (id) => this.calls.resumeQueue(id)

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

  /** Mark a voicemail heard on the PBX, and remember it here for PBXs that forget. */
  async markHeard(voicemail: Voicemail): Promise<void> {
    await this.command((p) => need(p, 'markVoicemailHeard')(voicemail))
    this.store?.mark(heardMark(voicemail.id), this.clock.now())
    this.scheduler.pollNow(['voicemail'])
  }

  private async guarded<T>(fn: (provider: PbxProvider) => Promise<T>): Promise<T> {
    try {
      return await this.counted(() => fn(this.provider))
    } catch (error) {
      if (isAppError(error) && error.kind === 'auth') this.authFailed(error.message)
      throw error
    }
  }

  private async signIn(): Promise<void> {
    this.signInTimer = undefined
    // A refused account signs in again too: that is its re-check.
    if (this.status.stopped()) return
    try {
      const identity = await this.counted(() => this.provider.signIn())
      if (this.status.stopped()) return
      this.identity = identity
      this.tracker?.setOwnExtension(this.options.ownExtension ?? identity.ownExtension)
      this.status.signedIn()
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
      if (this.status.stopped()) return
      if (isAppError(error) && error.kind === 'auth') return this.authFailed(error.message)
      if (!isAppError(error)) this.log.warn('sign-in failed', error)
      const wait = this.status.signInFailed(error, this.scheduler.pauseEndsAt)
      this.signInTimer = this.clock.setTimeout(() => void this.signIn(), wait)
    }
  }

  /** What the scheduler asks of the session. */
  private hooks(): SchedulerHooks {
    return {
      run: (kind) => this.counted(() => polls[kind](this.context())),
      active: (kind) => this.focused || (kind === 'calls' && this.busy()),
      allowed: (kind) => !this.status.offline() || kind === this.probeKind(),
      rateLimit: () => this.provider.stats.rateLimit,
      onSuccess: () => {
        // Back from an outage: fetch everything now and reconcile history.
        if (this.status.succeeded()) this.scheduler.pollNow(undefined, true)
      },
      onError: (kind, error, retryAt) => this.failed(kind, error, retryAt),
      onLate: () => this.catchUp(),
      onStall: (kind, silentMs) =>
        this.log.warn(
          `${kind}: no poll for ${Math.round(silentMs / 1000)} s while it was due; restarted it`,
        ),
      sent: () => this.provider.stats.requests,
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
      consultations: this.calls.consultations,
      presence: this.presence,
      store,
      latest: this.latest,
      now: () => this.clock.now(),
      nextId: (kind) => this.delivery.nextId(kind),
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
    // A call that ended is in the next History refresh: read it again.
    if (events.some((event) => event.type === 'call.ended' || event.type === 'call.missed'))
      this.historyReads.invalidate()
    this.delivery.deliver(events)
  }

  /** What an event no store de-duplicates starts with: the next id of its kind. */
  private stamp(kind: string): { accountId: string; id: string; at: number } {
    return { accountId: this.accountId, id: this.delivery.nextId(kind), at: this.clock.now() }
  }

  private failed(kind: PollKind, error: unknown, retryAt: number): void {
    if (isAppError(error) && error.kind === 'auth') return this.authFailed(error.message)
    if (isAppError(error) && error.kind === 'unsupported') {
      this.log.warn(`${kind} turned out to be unsupported; not polling it any more`)
      this.scheduler.disable(kind)
      return
    }
    if (!isAppError(error)) this.log.warn('poll failed', error)
    this.status.failed(error, retryAt, this.scheduler.pauseEndsAt)
  }

  /**
   * Refused credentials: stop polling, say "signed out", and re-check slowly. One
   * refusal is not final (a PBX may refuse a key for a moment, or the key is fixed
   * on the PBX), so the account comes back by itself once it is accepted.
   */
  private authFailed(message: string): void {
    this.scheduler.stop()
    this.clearTimers()
    const wait = this.status.refused(message)
    this.signInTimer = this.clock.setTimeout(() => void this.signIn(), wait)
  }

  private catchUp(): void {
    if (this.status.polling()) this.scheduler.pollNow(undefined, true)
  }

  private historySoon(): void {
    if (this.historyTimer !== undefined) return
    this.historyTimer = this.clock.setTimeout(() => {
      this.historyTimer = undefined
      this.scheduler.pollNow(['history'])
    }, HISTORY_SETTLE_MS)
  }

  private busy(): boolean {
    return (this.tracker?.busy() ?? false) || this.clock.now() < this.boostUntil
  }

  /** Calls if the provider has them, else the first kind polled: the one request sent while offline. */
  private probeKind(): PollKind {
    const kinds = this.scheduler.kinds()
    return kinds.includes('calls') ? 'calls' : (kinds[0] ?? 'calls')
  }

  private clearTimers(): void {
    this.unsubscribe?.()
    this.unsubscribe = undefined
    this.status.forgetEvents()
    if (this.signInTimer !== undefined) this.clock.clearTimeout(this.signInTimer)
    if (this.historyTimer !== undefined) this.clock.clearTimeout(this.historyTimer)
    this.signInTimer = this.historyTimer = undefined
  }

  /** The event socket came up or went down: the status line says so, the rest stays. */
  private eventsChanged(events: PushEvents): void {
    // Calls announced by live events need no reserve of polls at their fastest.
    this.scheduler.setPushed(events.covers ?? [])
    this.status.eventsChanged(events)
  }
}
