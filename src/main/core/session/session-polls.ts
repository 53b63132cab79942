/**
 * A session's polling: the scheduler's hooks, what each poll works on (the call
 * and presence trackers, the latest lists, the store) and when polling speeds up
 * (window focus, a live call, a command just sent) or catches up (the network is
 * back, the machine woke, a call ended and history should settle it).
 */
import type { Logger } from '../../log'
import type { PbxProvider } from '../../providers/provider'
import type { Capability } from '../../../shared/model'
import { AppError, isAppError } from '../../../shared/result'
import type { Consultations } from '../calls/consultations'
import { CallTracker } from '../calls/tracker'
import type { Clock, Random } from '../clock'
import { PresenceTracker } from '../presence/tracker'
import type { ConnectionStatusMachine } from './connection-status'
import type { EventDelivery } from './event-delivery'
import type { SessionEvent } from './events'
import { HistoryReads } from './history-reads'
import type { SessionOptions, ShellSignal } from './options'
import { pollCapability, pollKinds, type PollKind, type ScheduleOptions } from './poll-plan'
import { polls, type Latest, type PollContext } from './polls'
import type { RequestBudget } from './request-budget'
import { Scheduler, type SchedulerHooks } from './scheduler'
import type { SessionStore } from './store'

/** How long calls stay fast after a command: a dialled call takes a moment to show. */
const BOOST_MS = 10_000
/** History is read this long after a call ended: the PBX writes the record a moment later. */
const HISTORY_SETTLE_MS = 3000

export interface SessionPollsDeps {
  accountId: string
  provider: PbxProvider
  clock: Clock
  random: Random
  log: Logger
  options: SessionOptions
  budget: RequestBudget
  schedule: ScheduleOptions
  status: ConnectionStatusMachine
  delivery: EventDelivery
  latest: Latest
  consultations(): Consultations
  /** Runs a provider call, counting its requests against the budget. */
  counted<T>(fn: () => Promise<T>): Promise<T>
  /** A poll met refused credentials. */
  refused(message: string): void
}

export class SessionPolls {
  readonly scheduler: Scheduler
  readonly presence = new PresenceTracker()
  /** The week of history the History screen reads, shared by its refreshes. */
  readonly historyReads = new HistoryReads()
  tracker?: CallTracker
  store?: SessionStore
  private focused = false
  private boostUntil = 0
  private historyTimer?: unknown

  constructor(private readonly deps: SessionPollsDeps) {
    this.scheduler = new Scheduler(
      deps.clock,
      deps.random,
      deps.budget,
      deps.schedule,
      this.hooks(),
    )
  }

  /** The store is open: the call tracker starts from where it was left. */
  open(store: SessionStore): void {
    const { accountId, provider, options } = this.deps
    this.store = store
    this.tracker = new CallTracker(
      { accountId, deferQueueMissed: provider.capabilities.has('history'), ...options.tracker },
      store.tracker,
    )
  }

  /** What the shell tells us about the machine and the window. */
  signal(signal: ShellSignal): void {
    if (!this.deps.status.polling()) return
    switch (signal) {
      case 'offline':
        this.deps.status.networkLost(this.scheduler.nextDue(this.probeKind()))
        break
      case 'online':
        this.deps.status.networkBack()
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

  /** A command was sent: confirm it by polling calls and `confirm` now, and keep calls fast. */
  confirm(confirm: readonly PollKind[]): void {
    this.boostUntil = this.deps.clock.now() + BOOST_MS
    this.scheduler.pollNow(['calls', ...confirm])
  }

  /**
   * A probe found the PBX lacks a feature (providers/offers.ts): stop polling what
   * it fed, and tell the windows, which hide its controls and say why.
   */
  capabilitiesShrank(change: { capabilities: ReadonlySet<Capability>; feature: string }): void {
    const { capabilities, feature } = change
    for (const kind of pollKinds) {
      if (!capabilities.has(pollCapability[kind])) this.scheduler.disable(kind)
    }
    const base = this.deps.delivery.stamp('capabilities')
    const list = [...capabilities]
    this.deps.delivery.emit({ ...base, type: 'capabilities.changed', capabilities: list, feature })
  }

  /** Stops the timers; the trackers and lists stay for the snapshot. */
  stop(): void {
    this.scheduler.stop()
    if (this.historyTimer !== undefined) this.deps.clock.clearTimeout(this.historyTimer)
    this.historyTimer = undefined
  }

  private hooks(): SchedulerHooks {
    const { status, provider, log } = this.deps
    return {
      run: (kind) => this.deps.counted(() => polls[kind](this.context())),
      active: (kind) => this.focused || (kind === 'calls' && this.busy()),
      allowed: (kind) => !status.offline() || kind === this.probeKind(),
      rateLimit: () => provider.stats.rateLimit,
      onSuccess: () => {
        // Back from an outage or failing answers: fetch everything now (a call may be
        // ringing while calls waits out its back-off) and reconcile history.
        if (status.succeeded()) this.scheduler.pollNow(undefined, true)
      },
      onError: (kind, error, retryAt) => this.failed(kind, error, retryAt),
      onLate: () => this.catchUp(),
      onStall: (kind, silentMs) =>
        log.warn(
          `${kind}: no poll for ${Math.round(silentMs / 1000)} s while it was due; restarted it`,
        ),
      sent: () => provider.stats.requests,
    }
  }

  private context(): PollContext {
    const { store, tracker, deps } = this
    if (!store || !tracker) throw new AppError('internal', 'The session has not started.')
    return {
      accountId: deps.accountId,
      provider: deps.provider,
      tracker,
      consultations: deps.consultations(),
      presence: this.presence,
      store,
      latest: deps.latest,
      now: () => deps.clock.now(),
      nextId: (kind) => deps.delivery.nextId(kind),
      deliver: (events) => this.deliver(events),
      historySoon: () => this.historySoon(),
      historyOverlapMs: deps.options.historyOverlapMs ?? 5 * 60_000,
      historyMaxWindowMs: deps.options.historyMaxWindowMs ?? 24 * 60 * 60_000,
    }
  }

  private deliver(events: readonly SessionEvent[]): void {
    // A call that ended is in the next History refresh: read it again.
    if (events.some((event) => event.type === 'call.ended' || event.type === 'call.missed'))
      this.historyReads.invalidate()
    this.deps.delivery.deliver(events)
  }

  private failed(kind: PollKind, error: unknown, retryAt: number): void {
    if (isAppError(error) && error.kind === 'auth') return this.deps.refused(error.message)
    if (isAppError(error) && error.kind === 'unsupported') {
      this.deps.log.warn(`${kind} turned out to be unsupported; not polling it any more`)
      this.scheduler.disable(kind)
      return
    }
    if (!isAppError(error)) this.deps.log.warn('poll failed', error)
    this.deps.status.failed(error, retryAt, this.scheduler.pauseEndsAt)
  }

  private catchUp(): void {
    if (this.deps.status.polling()) this.scheduler.pollNow(undefined, true)
  }

  private historySoon(): void {
    if (this.historyTimer !== undefined) return
    this.historyTimer = this.deps.clock.setTimeout(() => {
      this.historyTimer = undefined
      this.scheduler.pollNow(['history'])
    }, HISTORY_SETTLE_MS)
  }

  private busy(): boolean {
    return (this.tracker?.busy() ?? false) || this.deps.clock.now() < this.boostUntil
  }

  /** Calls if the provider has them, else the first kind polled: the one request sent while offline. */
  private probeKind(): PollKind {
    const kinds = this.scheduler.kinds()
    return kinds.includes('calls') ? 'calls' : (kinds[0] ?? 'calls')
  }
}
