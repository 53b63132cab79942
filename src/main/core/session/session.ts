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
import { isAppError } from '../../../shared/result'
import { createLogger, type Logger } from '../../log'
import type { Identity, PbxProvider, PushEvents } from '../../providers/provider'
import { systemClock, type Clock } from '../clock'
import { CallCommands } from './call-commands'
import { ConnectionStatusMachine } from './connection-status'
import { EventDelivery } from './event-delivery'
import type { ConnectionStatus, SessionListener, SessionSnapshot, SessionState } from './events'
import type { SessionDeps, SessionOptions, ShellSignal } from './options'
import { mergeScheduleOptions, pollCapability, pollKinds, type PollKind } from './poll-plan'
import { heardMark, type Latest } from './polls'
import { waitForReadSlot } from './read-slot'
import { RequestBudget } from './request-budget'
import type { Scheduler } from './scheduler'
import { SessionPolls } from './session-polls'

export type { SessionDeps, SessionOptions, ShellSignal } from './options'

export class Session {
  readonly accountId: string
  readonly budget: RequestBudget
  identity?: Identity
  private readonly provider: PbxProvider
  private readonly dataDir: string
  private readonly clock: Clock
  private readonly log: Logger
  private readonly options: SessionOptions
  private readonly latest: Latest = { calls: [], mine: [], parked: [], queues: [], voicemail: [] }
  private readonly status: ConnectionStatusMachine
  private readonly delivery: EventDelivery
  private readonly calls: CallCommands
  private readonly polls: SessionPolls
  private signInTimer?: unknown
  private started = false
  private unsubscribe?: () => void

  constructor(deps: SessionDeps) {
    this.accountId = deps.accountId
    this.provider = deps.provider
    this.clock = deps.clock ?? systemClock
    const random = deps.random ?? Math.random
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
      random,
      backoff: schedule,
      offlineAfter: this.options.offlineAfterFailures ?? 3,
      changed: (status) =>
        this.delivery.emit({ ...this.delivery.stamp('status'), type: 'status.changed', status }),
    })
    this.calls = new CallCommands({
      command: (fn, confirm) => this.command(fn, confirm),
      tracked: () => this.polls.tracker?.calls() ?? [],
      latest: this.latest,
      now: () => this.clock.now(),
    })
    this.polls = new SessionPolls({
      ...deps,
      clock: this.clock,
      random,
      log: this.log,
      options: this.options,
      budget: this.budget,
      schedule,
      status: this.status,
      delivery: this.delivery,
      latest: this.latest,
      consultations: () => this.calls.consultations,
      counted: (fn) => this.counted(fn),
      refused: (message) => this.authFailed(message),
    })
    deps.provider.onCapabilitiesChanged?.((change) => this.polls.capabilitiesShrank(change))
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
    this.polls.open(await this.delivery.open(this.dataDir, this.options.store))
    if (this.status.stopped()) return
    void this.signIn()
  }

  async stop(): Promise<void> {
    if (this.status.stopped()) return
    this.clearTimers()
    this.status.stop()
    await this.delivery.close(this.polls.tracker?.exportState())
    await this.provider.close().catch(() => undefined)
  }

  /** What the shell tells us about the machine and the window. */
  signal(signal: ShellSignal): void {
    this.polls.signal(signal)
  }

  /**
   * Sign in again now, forgetting any back-off: "Sign in again", or the account
   * saved (even unchanged: the agent may have fixed the key on the PBX's side).
   */
  reconnect(): void {
    // Before `start` has opened the store, its own sign-in is still to come.
    if (!this.polls.tracker || this.status.stopped()) return
    this.clearTimers()
    this.status.reconnecting()
    void this.signIn()
  }

  snapshot(): SessionSnapshot {
    return {
      accountId: this.accountId,
      status: this.status.status,
      calls: this.calls.consultations.mark(this.polls.tracker?.calls() ?? [], this.clock.now()),
      presence: this.polls.presence.snapshot(),
      parked: this.latest.parked,
      queues: this.latest.queues,
      voicemail: this.latest.voicemail,
      requests: this.budget.counter(),
    }
  }

  /** The scheduler, for benchmarks and tests that read the plan. */
  get schedule(): Scheduler {
    return this.polls.scheduler
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
      () => this.polls.scheduler.readFreeAt(),
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
      this.polls.confirm(confirm)
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
    return this.polls.historyReads.get(now, (since, until) =>
      this.read((p) => need(p, 'history')(since, until)),
    )
  }

  /** Mark a voicemail heard on the PBX, and remember it here for PBXs that forget. */
  async markHeard(voicemail: Voicemail): Promise<void> {
    await this.command((p) => need(p, 'markVoicemailHeard')(voicemail))
    this.polls.store?.mark(heardMark(voicemail.id), this.clock.now())
    this.polls.scheduler.pollNow(['voicemail'])
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
      this.polls.tracker?.setOwnExtension(this.options.ownExtension ?? identity.ownExtension)
      this.status.signedIn()
      const kinds = pollKinds.filter((kind) => this.provider.capabilities.has(pollCapability[kind]))
      this.polls.scheduler.start(kinds)
      // Live notices (jade's WebSocket) poll their kind at once, through the usual
      // de-duplication, at the pace the schedule allows (Scheduler.notice); the
      // catch-up after a reconnect polls at once.
      this.unsubscribe ??= this.provider.subscribe?.(
        (kind, resync) =>
          resync ? this.polls.scheduler.pollNow([kind]) : this.polls.scheduler.notice([kind]),
        (events) => this.eventsChanged(events),
      )
    } catch (error) {
      if (this.status.stopped()) return
      if (isAppError(error) && error.kind === 'auth') return this.authFailed(error.message)
      if (!isAppError(error)) this.log.warn('sign-in failed', error)
      const wait = this.status.signInFailed(error, this.polls.scheduler.pauseEndsAt)
      this.signInTimer = this.clock.setTimeout(() => void this.signIn(), wait)
    }
  }

  private counted<T>(fn: () => Promise<T>): Promise<T> {
    return this.budget.count(this.provider.stats, fn)
  }

  /**
   * Refused credentials: stop polling, say "signed out", and re-check slowly. One
   * refusal is not final (a PBX may refuse a key for a moment, or the key is fixed
   * on the PBX), so the account comes back by itself once it is accepted.
   */
  private authFailed(message: string): void {
    this.clearTimers()
    const wait = this.status.refused(message)
    this.signInTimer = this.clock.setTimeout(() => void this.signIn(), wait)
  }

  /** Polling, the event socket and any sign-in due: all stop. */
  private clearTimers(): void {
    this.polls.stop()
    this.unsubscribe?.()
    this.unsubscribe = undefined
    this.status.forgetEvents()
    if (this.signInTimer !== undefined) this.clock.clearTimeout(this.signInTimer)
    this.signInTimer = undefined
  }

  /** The event socket came up or went down: the status line says so, the rest stays. */
  private eventsChanged(events: PushEvents): void {
    // Calls announced by live events need no reserve of polls at their fastest.
    this.polls.scheduler.setPushed(events.covers ?? [])
    this.status.eventsChanged(events)
  }
}
