/**
 * Presence (BLF lamps) from successive snapshots: only entries that changed go out,
 * so a tenant of 200 extensions costs the renderer nothing while nobody moves.
 */
import type { Presence } from '../../shared/model'

export interface PresenceChange {
  changed: Presence[]
  /** Extensions that disappeared from the PBX's list. */
  removed: string[]
}

function sameLamp(a: Presence, b: Presence): boolean {
  return (
    a.state === b.state &&
    a.name === b.name &&
    a.partner?.number === b.partner?.number &&
    a.partner?.name === b.partner?.name
  )
}

export class PresenceTracker {
  private readonly entries = new Map<string, Presence>()
  private primed = false

  /**
   * The first snapshot reports everything; later ones only what changed. `since`
   * keeps the first time a state was seen: providers that stamp every answer with
   * "now" would otherwise make every lamp look new.
   */
  update(list: readonly Presence[]): PresenceChange {
    const changed: Presence[] = []
    const present = new Set<string>()
    for (const entry of list) {
      present.add(entry.extension)
      const before = this.entries.get(entry.extension)
      if (before && sameLamp(before, entry)) continue
      const next =
        before && before.state === entry.state ? { ...entry, since: before.since } : entry
      this.entries.set(entry.extension, next)
      changed.push(next)
    }
    const removed: string[] = []
    for (const extension of this.entries.keys()) {
      if (!present.has(extension)) removed.push(extension)
    }
    for (const extension of removed) this.entries.delete(extension)
    this.primed = true
    return { changed, removed }
  }

  /** The whole picture, for a window that opens now. */
  snapshot(): Presence[] {
    return [...this.entries.values()]
  }

  get ready(): boolean {
    return this.primed
  }
}
