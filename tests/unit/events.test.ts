import { describe, expect, it } from 'vitest'
import { EventHub } from '../../src/main/core/events'

describe('EventHub', () => {
  it('still delivers to the other listeners when one throws, and reports the failure', () => {
    const failures: unknown[] = []
    const hub = new EventHub((error) => failures.push(error))
    const seen: string[] = []
    hub.on(() => {
      throw new Error('broken window')
    })
    hub.on((event) => seen.push(event.name))
    hub.emit('notice', { kind: 'info', text: 'hello' })
    expect(seen).toEqual(['notice'])
    expect(String(failures[0])).toContain('broken window')
  })

  it('does not call a listener added during delivery in the same round', () => {
    const hub = new EventHub()
    let calls = 0
    hub.on(() => {
      hub.on(() => calls++)
    })
    hub.emit('notice', { kind: 'info', text: 'once' })
    expect(calls).toBe(0)
  })
})
