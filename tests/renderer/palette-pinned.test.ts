/**
 * Ctrl+K during a call with nothing typed: the free colleagues the agent pinned come
 * first as transfers, so answering and passing a caller on is four keys (Ctrl+K,
 * Enter to pick up; Ctrl+K, Enter to transfer). Nothing pinned: nothing changes.
 */
import { describe, expect, it } from 'vitest'
import { createAppI18n } from '../../src/renderer/src/i18n'
import { buildCommands, type PaletteState, type Translate } from '../../src/renderer/src/palette'
import type { Call, Capability, Presence } from '../../src/shared/model'

const i18n = createAppI18n('en')
const t: Translate = (key, params) => i18n.global.t(key, params ?? {})

const person = (extension: string, name: string, state: Presence['state'] = 'available') =>
  ({ accountId: 'demo', extension, name, state, since: 0 }) satisfies Presence

const office: Presence[] = [
  person('202', 'Lars Jensen'),
  person('203', 'Mette Hansen'),
  person('204', 'Søren Pedersen', 'busy'),
  person('205', 'Anne Larsen'),
  person('206', 'Bo Holm'),
]

function call(parts: Partial<Call> = {}): Call {
  return {
    id: 'L1',
    accountId: 'demo',
    direction: 'inbound',
    placedBy: 'outside',
    state: 'up',
    local: { number: '201' },
    remote: { number: '+4520304050', name: 'Alice Jensen' },
    startedAt: 0,
    handle: {},
    ...parts,
  }
}

function commands(
  calls: Call[],
  pinned: string[],
  capabilities: Capability[] = ['transfer', 'hold', 'hangup', 'pickup'],
) {
  const can = (_a: string, c: Capability): boolean => capabilities.includes(c)
  const state: PaletteState = {
    presence: office,
    calls,
    queues: [],
    screens: ['presence', 'calls'],
    can,
    anyCan: (c) => can('demo', c),
    isOwn: (_a, extension) => extension === '202',
    isPinned: (_a, extension) => pinned.includes(extension),
  }
  return buildCommands(state, '', t).commands
}

/** What Enter runs right after Ctrl+K: the first command that cannot hurt. */
const preselected = (list: ReturnType<typeof commands>) => list.find((c) => !c.destructive)

describe('the palette opened during a call with nothing typed', () => {
  it('offers the pinned free colleagues as transfers first, by name, and preselects the first', () => {
    // 202 is the agent (pinned by mistake), 204 is busy, 206 is not pinned.
    const list = commands([call()], ['202', '203', '204', '205'])
    expect(list.slice(0, 3).map((c) => c.label)).toEqual([
      'Transfer Alice Jensen to Anne Larsen',
      'Transfer Alice Jensen to Mette Hansen',
      'Put Alice Jensen on hold',
    ])
    expect(preselected(list)?.action).toMatchObject({ kind: 'transfer', destination: '205' })
  })

  it('keeps Hold first when nobody is pinned, and never preselects Hang up', () => {
    const list = commands([call()], [])
    expect(list.some((c) => c.action.kind === 'transfer')).toBe(false)
    expect(preselected(list)?.label).toBe('Put Alice Jensen on hold')
  })

  it('preselects Pick up for a ringing call, and offers no transfer of it', () => {
    const list = commands([call({ state: 'ringing' })], ['203'])
    expect(list.some((c) => c.action.kind === 'transfer')).toBe(false)
    expect(preselected(list)?.label).toBe('Pick up the call from Alice Jensen')
  })

  it('offers no transfer where the PBX cannot transfer', () => {
    const list = commands([call()], ['203'], ['hold', 'hangup'])
    expect(list.some((c) => c.action.kind === 'transfer')).toBe(false)
  })
})
