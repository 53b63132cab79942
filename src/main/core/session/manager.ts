/**
 * Runs one session per account, side by side. Adding, editing or removing an
 * account starts, restarts or stops only that account's session. Events of all
 * sessions come out of one stream; each carries its account id.
 */
import type { Logger } from '../../log'
import type { PbxProvider } from '../../providers/provider'
import type { Clock, Random } from '../clock'
import { Session, type SessionOptions, type ShellSignal } from './session'
import type { SessionEvent, SessionListener, SessionSnapshot } from './events'

export interface ManagedAccount {
  id: string
}

export interface SessionManagerOptions<A extends ManagedAccount> {
  /** Where each session keeps its small memory (`<dataDir>/sessions/`). */
  dataDir: string
  /** Builds the provider for an account (the dialect, the credentials: not our business). */
  createProvider: (account: A) => PbxProvider
  sessionOptions?: SessionOptions | ((account: A) => SessionOptions)
  /** When an edit needs a new session (credentials, server, …). Default: any field differs. */
  changed?: (before: A, after: A) => boolean
  clock?: Clock
  random?: Random
  log?: Logger
}

interface Entry<A> {
  account: A
  session: Session
  unsubscribe: () => void
}

export class SessionManager<A extends ManagedAccount = ManagedAccount> {
  private readonly entries = new Map<string, Entry<A>>()
  private readonly listeners = new Set<SessionListener>()
  /** Account changes apply one at a time, in order. */
  private queue: Promise<void> = Promise.resolve()
  private focused = false

  constructor(private readonly options: SessionManagerOptions<A>) {}

  /**
   * Makes the running sessions match `accounts`. The accounts in `fresh` (just
   * saved by the agent) sign in again at once even when nothing in them changed.
   */
  sync(accounts: readonly A[], fresh: ReadonlySet<string> = new Set()): Promise<void> {
    return this.enqueue(async () => {
      const wanted = new Map(accounts.map((account) => [account.id, account]))
      for (const id of [...this.entries.keys()]) if (!wanted.has(id)) await this.retire(id)
      for (const account of accounts) await this.apply(account, fresh.has(account.id))
    })
  }

  /** "Sign in again": the account's session signs in at once, back-off forgotten. */
  reconnect(id: string): Promise<void> {
    return this.enqueue(async () => this.entries.get(id)?.session.reconnect())
  }

  /** Resolves once every account change asked for so far has been applied. */
  settled(): Promise<void> {
    return this.queue
  }

  /** Adds an account, or applies an edit to it. */
  upsert(account: A): Promise<void> {
    return this.enqueue(() => this.apply(account))
  }

  remove(id: string): Promise<void> {
    return this.enqueue(() => this.retire(id))
  }

  /** Restarts one session, e.g. "try again" after the credentials were refused. */
  restart(id: string): Promise<void> {
    return this.enqueue(async () => {
      const entry = this.entries.get(id)
      if (!entry) return
      await this.stopOne(id)
      await this.startOne(entry.account)
    })
  }

  get(id: string): Session | undefined {
    return this.entries.get(id)?.session
  }

  sessions(): Session[] {
    return [...this.entries.values()].map((entry) => entry.session)
  }

  on(listener: SessionListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Network, sleep and window focus, from the shell, for every session. */
  signal(signal: ShellSignal): void {
    if (signal === 'focus') this.focused = true
    if (signal === 'blur') this.focused = false
    for (const entry of this.entries.values()) entry.session.signal(signal)
  }

  snapshot(): SessionSnapshot[] {
    return this.sessions().map((session) => session.snapshot())
  }

  stop(): Promise<void> {
    return this.enqueue(async () => {
      for (const id of [...this.entries.keys()]) await this.stopOne(id)
    })
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task)
    this.queue = run.catch((error) => this.options.log?.error('session change failed', error))
    return run
  }

  private async apply(account: A, fresh = false): Promise<void> {
    const entry = this.entries.get(account.id)
    if (entry) {
      const changed = this.options.changed ?? defaultChanged
      if (!changed(entry.account, account)) {
        entry.account = account
        if (fresh) entry.session.reconnect()
        return
      }
      await this.stopOne(account.id)
    }
    await this.startOne(account)
  }

  private async startOne(account: A): Promise<void> {
    const { sessionOptions } = this.options
    const session = new Session({
      accountId: account.id,
      provider: this.options.createProvider(account),
      dataDir: this.options.dataDir,
      options: typeof sessionOptions === 'function' ? sessionOptions(account) : sessionOptions,
      ...(this.options.clock ? { clock: this.options.clock } : {}),
      ...(this.options.random ? { random: this.options.random } : {}),
      ...(this.options.log ? { log: this.options.log } : {}),
    })
    const unsubscribe = session.on((event) => {
      for (const listener of this.listeners) listener(event)
    })
    this.entries.set(account.id, { account, session, unsubscribe })
    await session.start()
    if (this.focused) session.signal('focus')
  }

  /**
   * Stops an account for good (removed; the demo office once a real account is
   * added) and says its calls and parked calls are gone, so no popup, notification
   * or tray entry of it outlives it.
   */
  private async retire(id: string): Promise<void> {
    const entry = this.entries.get(id)
    if (!entry) return
    await this.stopOne(id)
    const at = this.options.clock?.now() ?? Date.now()
    const base = { accountId: id, at }
    this.emit({ ...base, id: `${id}:retired:calls:${at}`, type: 'calls.changed', calls: [] })
    this.emit({ ...base, id: `${id}:retired:parked:${at}`, type: 'parked.changed', parked: [] })
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  private async stopOne(id: string): Promise<void> {
    const entry = this.entries.get(id)
    if (!entry) return
    this.entries.delete(id)
    await entry.session.stop()
    entry.unsubscribe()
  }
}

function defaultChanged(before: unknown, after: unknown): boolean {
  return JSON.stringify(before) !== JSON.stringify(after)
}
