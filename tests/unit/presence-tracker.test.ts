import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PresenceTracker } from '../../src/main/core/presence/tracker'
import type { Presence } from '../../src/shared/model'

const lamp = (extension: string, state: Presence['state'], since = 1): Presence => ({
  accountId: 'acc1',
  extension,
  name: `Ext ${extension}`,
  state,
  since,
})

describe('presence tracker', () => {
  it('reports everything first, then only the lamps that changed', () => {
    const tracker = new PresenceTracker()
    expect(tracker.update([lamp('201', 'available'), lamp('202', 'busy')]).changed).toHaveLength(2)
    // A provider that stamps "since" with every answer does not make lamps look new.
    expect(tracker.update([lamp('201', 'available', 9), lamp('202', 'busy', 9)])).toEqual({
      changed: [],
      removed: [],
    })
    const next = tracker.update([lamp('201', 'ringing', 10)])
    expect(next).toEqual({ changed: [lamp('201', 'ringing', 10)], removed: ['202'] })
    expect(tracker.snapshot()).toEqual([lamp('201', 'ringing', 10)])
  })

  it('keeps the first time a state was seen', () => {
    const tracker = new PresenceTracker()
    tracker.update([lamp('201', 'busy', 5)])
    const renamed = tracker.update([{ ...lamp('201', 'busy', 8), name: 'Anna' }])
    expect(renamed.changed[0]).toMatchObject({ name: 'Anna', since: 5 })
  })
})

/** The tracker as first written (a set of each list's extensions): the reference. */
class ReferenceTracker {
  private readonly entries = new Map<string, Presence>()

  update(list: readonly Presence[]): { changed: Presence[]; removed: string[] } {
    const changed: Presence[] = []
    const present = new Set<string>()
    for (const entry of list) {
      present.add(entry.extension)
      const before = this.entries.get(entry.extension)
      const same =
        before &&
        before.state === entry.state &&
        before.name === entry.name &&
        before.partner?.number === entry.partner?.number &&
        before.partner?.name === entry.partner?.name
      if (same) continue
      const next =
        before && before.state === entry.state ? { ...entry, since: before.since } : entry
      this.entries.set(entry.extension, next)
      changed.push(next)
    }
    const removed = [...this.entries.keys()].filter((extension) => !present.has(extension))
    for (const extension of removed) this.entries.delete(extension)
    return { changed, removed }
  }

  snapshot(): Presence[] {
    return [...this.entries.values()]
  }
}

describe('presence tracker against its reference', () => {
  it('reports the same changes for lists that reorder, repeat, grow and shrink', () => {
    const entry = fc.record({
      extension: fc.constantFrom('201', '202', '203', '204', '205'),
      state: fc.constantFrom<Presence['state']>('available', 'busy', 'offline'),
      name: fc.constantFrom('A', 'B'),
      partner: fc.option(fc.record({ number: fc.constantFrom('1', '2') }), { nil: undefined }),
      since: fc.nat(100),
    })
    const lists = fc.array(fc.array(entry, { maxLength: 7 }), { maxLength: 8 })
    fc.assert(
      fc.property(lists, fc.boolean(), (raw, reuse) => {
        const tracker = new PresenceTracker()
        const reference = new ReferenceTracker()
        let last: Presence[] = []
        for (const items of raw) {
          // Like a provider: the same object again for a lamp that did not change.
          const list = items.map((item, i) => {
            const lamp: Presence = { accountId: 'acc1', ...item }
            if (item.partner === undefined) delete lamp.partner
            const before = last[i]
            const same =
              reuse &&
              before?.extension === lamp.extension &&
              before.state === lamp.state &&
              before.name === lamp.name &&
              before.partner?.number === lamp.partner?.number
            return same ? before : lamp
          })
          last = list
          expect(tracker.update(list)).toEqual(reference.update(list))
          expect(tracker.snapshot()).toEqual(reference.snapshot())
        }
      }),
      { numRuns: 500 },
    )
  })
})
