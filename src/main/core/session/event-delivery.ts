/**
 * How a session's events reach the rest of the app: each listener hears every
 * event (one that throws is logged and does not stop the others), and the events
 * that must go out only once (a missed call, a new voicemail, a chat message) are
 * claimed in the exactly-once store first, which is saved after each delivery,
 * so a restart does not announce them again.
 */
import type { Logger } from '../../log'
import type { CallTrackerState } from '../calls/tracker-state'
import type { Clock } from '../clock'
import type { SessionEvent, SessionListener } from './events'
import { dedupEntry } from './status'
import { SessionStore, type StoreLimits } from './store'

export class EventDelivery {
  private readonly listeners = new Set<SessionListener>()
  private counter = 0
  private store?: SessionStore

  constructor(
    private readonly accountId: string,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Opens the account's exactly-once store; until then nothing is de-duplicated. */
  async open(dataDir: string, limits?: Partial<StoreLimits>): Promise<SessionStore> {
    const store = await SessionStore.open(dataDir, this.accountId, this.clock.now(), limits)
    if (store.notice) this.log.warn(store.notice)
    this.store = store
    return store
  }

  on(listener: SessionListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** An id for an event that is not de-duplicated (a status, a list changed). */
  nextId(kind: string): string {
    return `${this.accountId}:${kind}:${++this.counter}`
  }

  /** What such an event starts with: the account, the next id of its kind, now. */
  stamp(kind: string): { accountId: string; id: string; at: number } {
    return { accountId: this.accountId, id: this.nextId(kind), at: this.clock.now() }
  }

  /** Delivers `events`, each that must go out once only if it never went out before. */
  deliver(events: readonly SessionEvent[]): void {
    for (const event of events) {
      const entry = dedupEntry(event)
      if (entry && this.store && !this.store.claim(entry, event.id, event.at)) continue
      this.emit(event)
    }
    if (events.length) void this.save()
  }

  /** Tells every listener, whatever one of them does. */
  emit(event: SessionEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (error) {
        this.log.error('a session listener failed', error)
      }
    }
  }

  /** The session stops: keep where the call tracker was, for the next start. */
  async close(tracker: CallTrackerState | undefined): Promise<void> {
    if (!this.store) return
    if (tracker) this.store.setTracker(tracker)
    await this.store.save(this.clock.now()).catch((error) => this.log.warn('could not save', error))
  }

  private save(): Promise<void> | undefined {
    return this.store?.save(this.clock.now()).catch((error) => this.log.warn('save', error))
  }
}
