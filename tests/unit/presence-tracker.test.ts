import { describe, expect, it } from 'vitest'
import { PresenceTracker } from '../../src/main/core/presence-tracker'
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
