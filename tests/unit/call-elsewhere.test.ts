import { describe, expect, it } from 'vitest'
import type { Call } from '../../src/shared/model'
import {
  callElsewhere,
  callsThatLeft,
  type Whereabouts,
} from '../../src/main/providers/call-elsewhere'

function call(id: string, state: Call['state']): Call {
  return {
    id,
    accountId: 'a',
    direction: 'inbound',
    state,
    local: { number: '201' },
    remote: { number: '5550100' },
    startedAt: 0,
    handle: {},
    placedBy: 'outside',
  }
}

const bo = { number: '202', name: 'Bo' }

describe('a call that left the agent', () => {
  it('a ringing call a colleague answered closes the popup as answered elsewhere, not missed', () => {
    const moved = callElsewhere(call('c1', 'ringing'), bo, true)
    expect(moved).toMatchObject({ state: 'up', answeredElsewhere: bo, local: { number: '201' } })
  })

  it('an answered call transferred to a colleague is listed as ringing there', () => {
    const moved = callElsewhere(call('c1', 'up'), bo, false)
    expect(moved).toMatchObject({ state: 'ringing', local: bo })
    expect(moved.answeredElsewhere).toBeUndefined()
  })

  it('follows calls that left, forgets calls the PBX ended, and keeps ones it cannot place yet', () => {
    const wasHere = new Map<string, Call>()
    expect(
      callsThatLeft(
        wasHere,
        [call('c1', 'ringing'), call('c2', 'up'), call('c3', 'up')],
        () => undefined,
      ),
    ).toEqual([])
    const where: Record<string, Whereabouts> = {
      c1: { colleague: bo, up: true },
      c2: 'gone',
      c3: undefined,
    }
    const left = callsThatLeft(wasHere, [], (id) => where[id])
    expect(left).toHaveLength(1)
    expect(left[0]).toMatchObject({ id: 'c1', state: 'up', answeredElsewhere: bo })
    expect([...wasHere.keys()].sort()).toEqual(['c1', 'c3'])
  })

  it('a call still on the agent’s phone is not asked about', () => {
    const wasHere = new Map<string, Call>([['c1', call('c1', 'ringing')]])
    const asked: string[] = []
    callsThatLeft(wasHere, [call('c1', 'up')], (id) => {
      asked.push(id)
      return 'gone'
    })
    expect(asked).toEqual([])
    expect(wasHere.get('c1')?.state).toBe('up')
  })
})
