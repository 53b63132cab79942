/** What a colleague's tile offers, with and without a call, and on the agent's own tile. */
import { describe, expect, it } from 'vitest'
import {
  ownLamp,
  tileActions,
  transferMissing,
  transferNeedsWarning,
} from '../../src/renderer/src/tile-actions'
import type { Call, Capability, Presence } from '../../src/shared/model'

const bo: Presence = { accountId: 'a', extension: '202', name: 'Bo', state: 'available', since: 0 }
const up: Call = {
  id: 'c1',
  accountId: 'a',
  direction: 'inbound',
  placedBy: 'outside',
  state: 'up',
  local: { number: '201' },
  remote: { number: '+4533' },
  startedAt: 0,
  handle: {},
}
const with_ =
  (...caps: Capability[]) =>
  (c: Capability) =>
    caps.includes(c)
const ids = (
  entry: Presence,
  own: boolean,
  current: Call | undefined,
  can: (c: Capability) => boolean,
) => tileActions(entry, { own, current, can }).map((a) => a.id)

describe('a colleague’s tile', () => {
  it('without a call offers Call (and pickup when it rings there)', () => {
    expect(ids(bo, false, undefined, with_('dial', 'pickup'))).toEqual(['call'])
    expect(ids({ ...bo, state: 'ringing' }, false, undefined, with_('dial', 'pickup'))).toEqual([
      'call',
      'pickup',
    ])
  })

  it('during a call offers Transfer first (now, talk first), then Call that holds the caller', () => {
    const all = with_('dial', 'transfer', 'attended_transfer', 'hold')
    expect(ids(bo, false, up, all)).toEqual(['transfer', 'attended', 'callHolding'])
  })

  it('where the PBX cannot hold, Call says the caller stays connected', () => {
    expect(ids(bo, false, up, with_('dial', 'transfer'))).toEqual(['transfer', 'callAlongside'])
  })

  it('never offers to transfer to a colleague known by a login, and says why', () => {
    const anne: Presence = { ...bo, extension: 'anne', name: 'Anne' }
    const all = with_('dial', 'transfer', 'attended_transfer', 'hold')
    expect(ids(anne, false, up, all)).toEqual(['callHolding'])
    expect(transferMissing(anne, { own: false, current: up, can: all })).toBe('noNumber')
    expect(transferMissing(bo, { own: false, current: up, can: all })).toBeNull()
  })

  it('on a PBX that transfers nothing from the app (jade), says so during a call only', () => {
    const jade = with_('dial', 'hold')
    expect(transferMissing(bo, { own: false, current: up, can: jade })).toBe('pbx')
    expect(transferMissing(bo, { own: false, current: undefined, can: jade })).toBeNull()
    expect(transferMissing(bo, { own: true, current: up, can: jade })).toBeNull()
  })

  it('a held call can be left on hold while calling', () => {
    expect(ids(bo, false, { ...up, state: 'held' }, with_('dial'))).toEqual(['callHolding'])
  })

  it('the colleague the agent is talking to is not offered a transfer of that call', () => {
    expect(ids(bo, false, { ...up, remote: { number: '202' } }, with_('dial', 'transfer'))).toEqual(
      ['call'],
    )
  })

  it('the agent’s own tile never offers to call, transfer to or pick up yourself', () => {
    const all = with_('dial', 'transfer', 'attended_transfer', 'hold', 'pickup', 'chat')
    expect(ids({ ...bo, state: 'ringing' }, true, up, all)).toEqual(['chat'])
    expect(ids(bo, true, undefined, with_('dial'))).toEqual([])
  })

  it('warns before a transfer to someone busy, ringing or holding a call, not to a free one', () => {
    expect(transferNeedsWarning({ state: 'busy' })).toBe(true)
    expect(transferNeedsWarning({ state: 'ringing' })).toBe(true)
    expect(transferNeedsWarning({ state: 'on_hold' })).toBe(true)
    expect(transferNeedsWarning({ state: 'available' })).toBe(false)
    expect(transferNeedsWarning({ state: 'dnd' })).toBe(false)
  })
})

describe('the agent’s own lamp', () => {
  const me: Presence = { ...bo, extension: '201', state: 'available', since: 0 }

  it('follows the agent’s calls: talking, on hold, ringing here, or dialling out', () => {
    expect(ownLamp(me, [])).toBeNull()
    expect(ownLamp(me, [{ ...up, answeredAt: 5 }])).toEqual({
      state: 'busy',
      since: 5,
      partner: up.remote,
    })
    expect(ownLamp(me, [{ ...up, state: 'held' }])?.state).toBe('on_hold')
    expect(ownLamp(me, [{ ...up, state: 'ringing' }])?.state).toBe('ringing')
    expect(ownLamp(me, [{ ...up, state: 'ringing', placedBy: 'agent' }])?.state).toBe('busy')
  })

  it('ignores calls of another account and calls a colleague answered', () => {
    expect(ownLamp(me, [{ ...up, accountId: 'b' }])).toBeNull()
    expect(
      ownLamp(me, [{ ...up, state: 'ringing', answeredElsewhere: { number: '202' } }]),
    ).toBeNull()
  })
})
