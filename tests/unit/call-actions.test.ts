/**
 * What the agent may do with a call, in every state, for every origin and every
 * mix of what the PBX offers: one table the card, popup, tile menu and palette share.
 */
import { describe, expect, it } from 'vitest'
import { callActions, destructiveActions } from '../../src/shared/call-actions'
import {
  callStates,
  type Call,
  type CallOrigin,
  type Capability,
  type CallState,
} from '../../src/shared/model'

const relevant: Capability[] = ['pickup', 'hold', 'transfer', 'attended_transfer', 'park', 'hangup']
const origins: CallOrigin[] = ['agent', 'colleague', 'outside']

function subsets(): Set<Capability>[] {
  return Array.from({ length: 1 << relevant.length }, (_, mask) => {
    return new Set(relevant.filter((_, bit) => mask & (1 << bit)))
  })
}

function call(state: CallState, placedBy: CallOrigin, extra: Partial<Call> = {}): Call {
  return {
    id: 'c1',
    accountId: 'a',
    direction: placedBy === 'outside' ? 'inbound' : 'internal',
    placedBy,
    state,
    local: { number: '201' },
    remote: { number: '202' },
    startedAt: 0,
    handle: {},
    ...extra,
  }
}

describe('call actions over every state × origin × capability', () => {
  for (const state of callStates) {
    for (const origin of origins) {
      it(`a ${state} call placed by ${origin} offers only what the PBX can do`, () => {
        for (const caps of subsets()) {
          const set = callActions(call(state, origin), (c) => caps.has(c))
          const has = (id: string): boolean => set.actions.includes(id as never)
          const ringingHere = state === 'ringing' && origin !== 'agent'
          const connected = state === 'up' || state === 'held'
          expect(has('pickup')).toBe(ringingHere && caps.has('pickup'))
          expect(set.answerOnPhone).toBe(ringingHere && !caps.has('pickup'))
          expect(set.calling).toBe(state === 'ringing' && origin === 'agent')
          expect(has('hold')).toBe(state === 'up' && caps.has('hold'))
          expect(has('resume')).toBe(state === 'held' && caps.has('hold'))
          expect(has('transfer')).toBe(connected && caps.has('transfer'))
          expect(has('attended')).toBe(connected && caps.has('attended_transfer'))
          expect(has('park')).toBe(connected && caps.has('park'))
          expect(has('decline')).toBe(ringingHere && caps.has('hangup'))
          expect(has('hangup')).toBe(!ringingHere && caps.has('hangup'))
        }
      })
    }
  }
})

describe('special calls', () => {
  const all = (): boolean => true

  it('a call the agent dials shows Calling… with Hang up, never Pick up or Decline', () => {
    const set = callActions(call('ringing', 'agent', { direction: 'internal' }), all)
    expect(set).toEqual({ actions: ['hangup'], answerOnPhone: false, calling: true })
  })

  it('an outbound call without placedBy (old data) still counts as the agent’s own', () => {
    const set = callActions(
      { ...call('ringing', 'agent'), placedBy: undefined, direction: 'outbound' },
      all,
    )
    expect(set.calling).toBe(true)
    expect(set.actions).not.toContain('pickup')
  })

  it('a consultation can be held or hung up but not transferred or parked again', () => {
    const set = callActions(call('up', 'agent', { consultFor: 'c0' }), all)
    expect(set.actions).toEqual(['hold', 'hangup'])
  })

  it('a call a colleague answered offers nothing to the agent', () => {
    const set = callActions(
      call('ringing', 'outside', { answeredElsewhere: { number: '203' } }),
      all,
    )
    expect(set).toEqual({ actions: [], answerOnPhone: false, calling: false })
  })

  it('hang up and decline are the destructive ones', () => {
    expect([...destructiveActions].sort()).toEqual(['decline', 'hangup'])
  })
})
