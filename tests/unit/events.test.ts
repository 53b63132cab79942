import { missedEvent } from '../support/call-events'
import { describe, expect, it } from 'vitest'
import { EventHub } from '../../src/main/core/events'
import { keepMissedWithoutHistory, MAX_MISSED_KEPT } from '../../src/main/core/app/state-events'
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

  it('keeps missed calls of accounts without history, newest first, once each, a day per account', () => {
    const hub = new EventHub()
    const missed = keepMissedWithoutHistory(hub, (accountId) => accountId === 'office')
    hub.emit('call:missed', missedEvent(record('a')))
    hub.emit('call:missed', missedEvent(record('b'), true))
    hub.emit('call:missed', missedEvent(record('a')))
    hub.emit('call:missed', missedEvent(record('x', 'office')))
    expect(missed().map((r) => r.id)).toEqual(['a', 'b'])
    for (let i = 0; i < 250; i++) hub.emit('call:missed', missedEvent(record(`n${i}`)))
    hub.emit('call:missed', missedEvent(record('m', 'jade2')))
    const jade = missed().filter((r) => r.accountId === 'jade')
    expect(jade).toHaveLength(MAX_MISSED_KEPT)
    expect(jade[0]!.id).toBe('n249')
    // A busy desk does not push another account's calls out.
    expect(
      missed()
        .filter((r) => r.accountId === 'jade2')
        .map((r) => r.id),
    ).toEqual(['m'])
  })

  it("sends the windows the account's whole kept list on each change, so they keep none of their own", () => {
    const hub = new EventHub()
    keepMissedWithoutHistory(hub, (accountId) => accountId === 'office')
    const sent: { accountId: string; ids: string[] }[] = []
    hub.on((event) => {
      if (event.name === 'missed:changed') {
        sent.push({
          accountId: event.payload.accountId,
          ids: event.payload.missed.map((r) => r.id),
        })
      }
    })
    hub.emit('call:missed', missedEvent(record('a')))
    hub.emit('call:missed', missedEvent(record('b'), true))
    hub.emit('call:missed', missedEvent(record('a')))
    hub.emit('call:missed', missedEvent(record('x', 'office')))
    expect(sent).toEqual([
      { accountId: 'jade', ids: ['a'] },
      { accountId: 'jade', ids: ['b', 'a'] },
      { accountId: 'jade', ids: ['a', 'b'] },
    ])
  })
})
