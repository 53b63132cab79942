/**
 * Presence (BLF lamps) from successive snapshots: only entries that changed go out,
 * so a tenant of 200 extensions costs the renderer nothing while nobody moves.
 */
import type { Presence } from '../../../shared/model'

export interface PresenceChange {
  changed: Presence[]
  /** Extensions that disappeared from the PBX's list. */
  removed: string[]
}

function sameLamp(a: Presence, b: Presence): boolean {
  // Providers hand back the very lamp they listed before when it has not changed.
  return (
    a === b ||
    (a.state === b.state &&
      a.name === b.name &&
      a.partner?.number === b.partner?.number &&
      a.partner?.name === b.partner?.name)
  )
}

/** One extension's last lamp, and the update that last listed it. */
interface Slot {
  lamp: Presence
  seen: number
}

export class PresenceTracker {
  private readonly entries = new Map<string, Slot>()
  /** The slots in the order of the last list: providers list the office in a stable order. */
  private order: Slot[] = []
  private updates = 0
  private primed = false

  /**
   * The first snapshot reports everything; later ones only what changed. `since`
   * keeps the first time a state was seen: providers that stamp every answer with
   * "now" would otherwise make every lamp look new.
   */
  update(list: readonly Presence[]): PresenceChange {
    // Each slot remembers the update that listed it, so finding the lamps that left
    // needs no set of this answer's extensions (for 5,000 lamps, building that set
    // cost more than the whole comparison).
    const update = ++this.updates
    const changed: Presence[] = []
    const order: Slot[] = new Array<Slot>(list.length)
    let listed = 0
    for (let index = 0; index < list.length; index++) {
      const entry = list[index]!
      // The lamp at the same place last time is nearly always this one: comparing
      // the extension is cheaper than looking it up.
      const previous = this.order[index]
      const slot =
        previous && previous.lamp.extension === entry.extension
          ? previous
          : this.entries.get(entry.extension)
      if (!slot) {
        const added = { lamp: entry, seen: update }
        this.entries.set(entry.extension, added)
        order[index] = added
        changed.push(entry)
        listed++
        continue
      }
      order[index] = slot
      if (slot.seen !== update) {
        slot.seen = update
        listed++
      }
      const before = slot.lamp
      if (sameLamp(before, entry)) continue
      const next = before.state === entry.state ? { ...entry, since: before.since } : entry
      slot.lamp = next
      changed.push(next)
    }
    const removed: string[] = []
    if (listed !== this.entries.size) {
      for (const [extension, slot] of this.entries) {
        if (slot.seen !== update) removed.push(extension)
      }
      for (const extension of removed) this.entries.delete(extension)
    }
    this.order = order
    this.primed = true
    return { changed, removed }
  }

  /** The whole picture, for a window that opens now. */
  snapshot(): Presence[] {
    return Array.from(this.entries.values(), (slot) => slot.lamp)
  }

  get ready(): boolean {
    return this.primed
  }
}
