/**
 * Which of the agent's calls is the consultation of an attended transfer. No
 * dialect's call list says so, but the session knows when it started one: the
 * next call the agent places to that destination, within a short while, is it.
 * The link lasts while both calls do.
 */
import type { Call } from '../../../shared/model'

const MATCH_WINDOW_MS = 60_000
const digits = (number: string): string => number.replace(/\D/g, '')

interface Pending {
  originalId: string
  destination: string
  at: number
}

export class Consultations {
  private pending: Pending[] = []
  /** consultation call id → original call id */
  private readonly links = new Map<string, string>()

  started(originalId: string, destination: string, at: number): void {
    this.pending = this.pending.filter((p) => p.originalId !== originalId)
    this.pending.push({ originalId, destination: digits(destination), at })
  }

  /** The transfer did not start after all. */
  forget(originalId: string): void {
    this.pending = this.pending.filter((p) => p.originalId !== originalId)
  }

  /** `calls` with `consultFor` set on each consultation. */
  mark(calls: readonly Call[], now: number): Call[] {
    const live = new Set(calls.map((c) => c.id))
    for (const [consult, original] of this.links) {
      if (!live.has(consult) || !live.has(original)) this.links.delete(consult)
    }
    this.pending = this.pending.filter(
      (p) => now - p.at <= MATCH_WINDOW_MS && live.has(p.originalId),
    )
    for (const wish of [...this.pending]) {
      const found = calls.find(
        (c) =>
          c.id !== wish.originalId &&
          c.direction !== 'inbound' &&
          !this.links.has(c.id) &&
          c.startedAt >= wish.at - 5_000 &&
          wish.destination.length > 0 &&
          digits(c.remote.number).endsWith(
            wish.destination.slice(-Math.min(8, wish.destination.length)),
          ),
      )
      if (!found) continue
      this.links.set(found.id, wish.originalId)
      this.pending = this.pending.filter((p) => p !== wish)
    }
    if (this.links.size === 0) return [...calls]
    return calls.map((c) => {
      const original = this.links.get(c.id)
      return original ? { ...c, consultFor: original } : c
    })
  }
}
