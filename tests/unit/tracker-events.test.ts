import { describe, expect, it } from 'vitest'
import { endedEvent, stateEvent, transferredEvent } from '../../src/main/core/calls/tracker-events'
import type { TrackedCall } from '../../src/main/core/calls/tracker-state'
import { makeCall } from '../support/fake-provider'

function tracked(round = 1): TrackedCall {
  return {
    id: 'C1',
    round,
    phase: 'live',
    call: makeCall({ id: 'C1' }),
    answered: false,
    answeredElsewhere: false,
    lastSeenAt: 0,
    missing: 0,
    counts: { held: 0, resumed: 0, transferred: 0 },
  }
}

describe('the events of one tracked call', () => {
  it('numbers each hold, resume and transfer, so a second hold is news and a repeat is not', () => {
    const t = tracked()
    const ids = [
      stateEvent('a', t, 'ringing', 1).id,
      stateEvent('a', t, 'answered', 2).id,
      stateEvent('a', t, 'held', 3).id,
      stateEvent('a', t, 'resumed', 4).id,
      stateEvent('a', t, 'held', 5).id,
      transferredEvent('a', t, 6, { number: '1' }, { number: '2' }).id,
      endedEvent('a', t, 7, 'transferred').id,
    ]
    expect(ids).toEqual([
      'a:C1:ringing',
      'a:C1:answered',
      'a:C1:held:1',
      'a:C1:resumed:1',
      'a:C1:held:2',
      'a:C1:transferred:1',
      'a:C1:ended',
    ])
  })

  it('gives a call that came back to the agent new ids for its new round', () => {
    const event = stateEvent('a', tracked(2), 'ringing', 1)
    expect(event).toMatchObject({ id: 'a:C1:r2:ringing', type: 'call.ringing', at: 1 })
    expect(endedEvent('a', tracked(2), 9, 'hangup')).toMatchObject({
      id: 'a:C1:r2:ended',
      reason: 'hangup',
    })
  })
})
