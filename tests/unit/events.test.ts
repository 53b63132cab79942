import { describe, expect, it } from 'vitest'
import { EventHub } from '../../src/main/core/events'
import { keepMissedWithoutHistory } from '../../src/main/core/app/state-events'
import type { CallRecord } from '../../src/shared/model'

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

describe('keepMissedWithoutHistory', () => {
  const record = (id: string, accountId = 'jade'): CallRecord => ({
    id,
    accountId,
    direction: 'inbound',
    result: 'missed',
    from: { number: '+4511223344' },
    to: { number: '201' },
    startedAt: 0,
    durationSec: 0,
  })

  it('keeps missed calls of accounts without history, newest first, once each, at most 200', () => {
    const hub = new EventHub()
    const missed = keepMissedWithoutHistory(hub, (accountId) => accountId === 'office')
    hub.emit('call:missed', { record: record('a'), late: false })
    hub.emit('call:missed', { record: record('b'), late: true })
    hub.emit('call:missed', { record: record('a'), late: false })
    hub.emit('call:missed', { record: record('x', 'office'), late: false })
    expect(missed().map((r) => r.id)).toEqual(['a', 'b'])
    for (let i = 0; i < 250; i++) hub.emit('call:missed', { record: record(`n${i}`), late: false })
    expect(missed()).toHaveLength(200)
    expect(missed()[0]!.id).toBe('n249')
  })
})
