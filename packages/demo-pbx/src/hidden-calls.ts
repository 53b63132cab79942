/**
 * Calls a test leaves out of a face's next call-list answers: a call that drops out
 * of one snapshot and is back in the next, as real PBX APIs sometimes answer.
 */

export interface HiddenCall {
  /** Call-list answers this call has been left out of so far. */
  readonly served: number
}

interface Entry {
  callId: string
  left: number
  served: number
}

export class HiddenCalls {
  private entries: Entry[] = []

  /** Leaves the call with this (simulator) id out of the next `times` call-list answers. */
  hide(callId: string, times = 1): HiddenCall {
    const entry: Entry = { callId, left: times, served: 0 }
    this.entries.push(entry)
    return {
      get served(): number {
        return entry.served
      },
    }
  }

  /** One call-list answer: `items` less the hidden calls' (each hide spends one answer). */
  filter<T>(items: readonly T[], callIdOf: (item: T) => string): T[] {
    if (this.entries.length === 0) return [...items]
    const hidden = new Set(this.entries.map((entry) => entry.callId))
    for (const entry of this.entries) {
      entry.left--
      entry.served++
    }
    this.entries = this.entries.filter((entry) => entry.left > 0)
    return items.filter((item) => !hidden.has(callIdOf(item)))
  }
}
