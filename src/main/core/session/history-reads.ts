/**
 * The History screen's week of calls, read once and shared: a refresh within
 * HISTORY_FRESH_MS of the last read (or while one is in flight) costs the PBX
 * nothing. A call that ends makes the next refresh read again, so the list never
 * misses a call the agent just had.
 */
import type { CallRecord } from '../../../shared/model'

export const HISTORY_WINDOW_MS = 7 * 24 * 3600_000
/** How long a read week stays good for another refresh. */
export const HISTORY_FRESH_MS = 30_000

type Fetch = (since: number, until: number) => Promise<CallRecord[]>

export class HistoryReads {
  private last?: { at: number; records: CallRecord[] }
  private pending?: Promise<CallRecord[]>
  private generation = 0

  constructor(private readonly freshMs = HISTORY_FRESH_MS) {}

  get(now: number, fetch: Fetch): Promise<CallRecord[]> {
    if (this.last && now - this.last.at < this.freshMs) return Promise.resolve(this.last.records)
    if (this.pending) return this.pending
    const generation = this.generation
    const pending = fetch(now - HISTORY_WINDOW_MS, now).then((records) => {
      // Not kept when a call ended while it was read: it may be missing.
      if (this.generation === generation) this.last = { at: now, records }
      return records
    })
    this.pending = pending
    const clear = (): void => {
      if (this.pending === pending) this.pending = undefined
    }
    pending.then(clear, clear)
    return pending
  }

  /** A call ended or was missed: the next refresh reads again. */
  invalidate(): void {
    this.generation += 1
    this.last = undefined
    this.pending = undefined
  }
}
