import { describe, expect, it } from 'vitest'
import { createAppI18n } from '../../src/renderer/src/i18n'
import {
  buildCommands,
  typedNumber,
  type PaletteState,
  type Translate,
} from '../../src/renderer/src/palette'
import { screens } from '../../src/renderer/src/stores/navigation'
import type { Call, Capability, Presence, QueueMembership } from '../../src/shared/model'

const i18n = createAppI18n('en')
const t: Translate = (key, params) => i18n.global.t(key, params ?? {})

function person(extension: string, name: string, accountId = 'demo'): Presence {
  return { accountId, extension, name, state: 'available', since: 0 }
}

function call(parts: Partial<Call> = {}): Call {
  return {
    id: 'L1',
    accountId: 'demo',
    direction: 'inbound',
    state: 'up',
    local: { number: '201' },
    remote: { number: '+4520304050', name: 'Alice Jensen' },
    startedAt: 0,
    handle: {},
    ...parts,
  }
}

const office = [
  person('202', 'Lars Jensen'),
  person('203', 'Mette Hansen'),
  person('204', 'Søren Pedersen'),
  person('205', 'Anne Larsen'),
  person('301', 'Lars Other Office', 'other'),
]

function state(parts: Partial<PaletteState> & { capabilities?: Capability[] } = {}): PaletteState {
  const capabilities = parts.capabilities ?? ['presence', 'dial']
  const can = (_account: string, capability: Capability): boolean =>
    capabilities.includes(capability)
  return {
    presence: office,
    calls: [],
    queues: [],
    screens,
    can,
    anyCan: (capability) => can('demo', capability),
    ...parts,
  }
}

const labels = (s: PaletteState, query: string): string[] =>
  buildCommands(s, query, t).commands.map((c) => c.label)

describe('typed numbers', () => {
  it('reads digits with the usual separators, a leading +, * and #', () => {
    expect(typedNumber(' +45 70-10 20 30 ')).toBe('+4570102030')
    expect(typedNumber('(040) 12.34')).toBe('0401234')
    expect(typedNumber('*21#')).toBe('*21#')
    expect(typedNumber('202')).toBe('202')
  })

  it('is not a number when it has letters, no digit, or is absurdly long', () => {
    expect(typedNumber('Lars')).toBeNull()
    expect(typedNumber('20a')).toBeNull()
    expect(typedNumber('*#')).toBeNull()
    expect(typedNumber('')).toBeNull()
    expect(typedNumber('1'.repeat(40))).toBeNull()
  })
})

describe('palette commands', () => {
  it('offer to call colleagues whose name matches, with extension and lamp as hint', () => {
    const result = buildCommands(state(), 'lars', t).commands
    expect(result.map((c) => c.label)).toEqual([
      'Call Lars Jensen',
      'Call Lars Other Office',
      'Call Anne Larsen',
      'Search presence for “lars”',
    ])
    expect(result[0]!.hint).toBe('202 · Available')
    // A colleague is called by the board entry, never as typed digits (a jade login may be a name).
    expect(result[0]!.action).toMatchObject({
      kind: 'colleague',
      entry: { accountId: 'demo', extension: '202' },
    })
  })

  it('find colleagues by extension and offer a typed number once', () => {
    expect(labels(state(), '204')).toEqual(['Call Søren Pedersen', 'Search presence for “204”'])
    expect(labels(state(), '+45 70 10 20 30')).toEqual([
      'Call +45 70 10 20 30',
      'Search presence for “+45 70 10 20 30”',
    ])
    const typed = buildCommands(state(), '+45 70 10 20 30', t).commands[0]!
    expect(typed.action).toEqual({ kind: 'dial', number: '+45 70 10 20 30' })
  })

  it('read the command’s own words, but list nobody for a verb alone', () => {
    expect(labels(state(), 'call mette')).toEqual([
      'Call Mette Hansen',
      'Search presence for “call mette”',
    ])
    expect(labels(state(), 'call').filter((l) => l.startsWith('Call '))).toEqual([])
  })

  it('offer no calls where no account can dial, and no search without presence', () => {
    const none = state({ capabilities: [] })
    expect(labels(none, 'lars')).toEqual([])
    expect(labels(none, '202')).toEqual([])
    expect(labels(state({ capabilities: ['presence'] }), 'lars')).toEqual([
      'Search presence for “lars”',
    ])
  })

  it('list only the sections and call controls when nothing is typed', () => {
    const result = labels(state({ calls: [call()], capabilities: ['dial', 'hangup', 'hold'] }), '')
    expect(result).toEqual([
      'Put Alice Jensen on hold',
      'Hang up the call with Alice Jensen',
      ...screens.map((s) => `Go to ${t(`nav.${s}`)}`),
    ])
  })

  it('offer hold, resume, hang up and pickup only where the PBX can and the call allows', () => {
    const calls = [
      call({ id: 'A', state: 'held' }),
      call({ id: 'B', state: 'ringing', remote: { number: '+4511' } }),
      call({ id: 'C', state: 'ringing', direction: 'outbound', remote: { number: '+4522' } }),
    ]
    expect(labels(state({ calls, capabilities: ['hold', 'pickup'] }), '')).toEqual([
      'Resume the call with Alice Jensen',
      'Pick up the call from +4511',
      ...screens.map((s) => `Go to ${t(`nav.${s}`)}`),
    ])
    expect(labels(state({ calls, capabilities: [] }), 'hang')).toEqual([])
    // Hanging up a call still ringing in is declining it; an outgoing one is hung up.
    expect(labels(state({ calls, capabilities: ['hangup'] }), 'the call')).toEqual([
      'Hang up the call with Alice Jensen',
      'Decline the call from +4511',
      'Hang up the call with +4522',
    ])
  })

  it('match the start of a command’s words, so a name fragment finds people, not verbs', () => {
    const s = state({ calls: [call()], capabilities: ['dial', 'hangup', 'presence'] })
    // Names are searched anywhere, as on the presence board; "Hang up" is not found by "an".
    expect(labels(s, 'an')).toEqual([
      'Call Anne Larsen',
      'Call Mette Hansen',
      'Search presence for “an”',
    ])
    expect(labels(s, 'hang')).toEqual([
      'Hang up the call with Alice Jensen',
      'Search presence for “hang”',
    ])
    expect(labels(s, 'alice')).toEqual([
      'Hang up the call with Alice Jensen',
      'Search presence for “alice”',
    ])
  })

  it('transfer a connected call to a colleague on its account or to the typed number', () => {
    const s = state({ calls: [call()], capabilities: ['dial', 'transfer', 'presence'] })
    const result = buildCommands(s, 'lars', t).commands
    const transfers = result.filter((c) => c.action.kind === 'transfer')
    expect(transfers.map((c) => c.label)).toEqual([
      'Transfer Alice Jensen to Lars Jensen',
      'Transfer Alice Jensen to Anne Larsen',
    ])
    expect(transfers[0]!.action).toMatchObject({ kind: 'transfer', destination: '202' })
    const toNumber = buildCommands(s, '555 1234', t).commands.find(
      (c) => c.action.kind === 'transfer',
    )
    expect(toNumber?.label).toBe('Transfer Alice Jensen to 555 1234')
    expect(toNumber?.action).toMatchObject({ destination: '555 1234' })
  })

  it('offer a colleague known by a login (jade) to call, never to transfer to', () => {
    const s = state({
      presence: [...office, person('anne', 'Anne Hansen')],
      calls: [call()],
      capabilities: ['dial', 'transfer', 'presence'],
      isPinned: () => true,
    })
    const typed = buildCommands(s, 'hansen', t).commands
    expect(typed.filter((c) => c.action.kind === 'transfer').map((c) => c.label)).toEqual([
      'Transfer Alice Jensen to Mette Hansen',
    ])
    expect(typed.find((c) => c.label === 'Call Anne Hansen')?.action).toMatchObject({
      kind: 'colleague',
      entry: { extension: 'anne' },
    })
    const pinned = buildCommands(s, '', t).commands.filter((c) => c.action.kind === 'transfer')
    expect(pinned.some((c) => c.label.includes('Anne Larsen'))).toBe(true)
    expect(pinned.some((c) => c.label.includes('Anne Hansen'))).toBe(false)
  })

  it('offer no transfer without the capability or without a connected call', () => {
    const kinds = (s: PaletteState): string[] =>
      buildCommands(s, 'lars', t).commands.map((c) => c.action.kind)
    expect(kinds(state({ calls: [call()], capabilities: ['dial'] }))).not.toContain('transfer')
    expect(
      kinds(state({ calls: [call({ state: 'ringing' })], capabilities: ['transfer'] })),
    ).not.toContain('transfer')
  })

  it('pause in a working queue and resume a paused one, without a reason', () => {
    const queues: QueueMembership[] = [
      { accountId: 'demo', queueId: '281', queueName: 'Kundeservice', paused: false },
      { accountId: 'demo', queueId: '282', queueName: 'Salg', paused: true, reason: 'Lunch' },
    ]
    const s = state({ queues, capabilities: ['queue_pause'] })
    const result = buildCommands(s, 'salg', t).commands
    expect(result.map((c) => c.label)).toEqual(['Resume Salg'])
    expect(result[0]!.action).toEqual({ kind: 'queue', pause: false, membership: queues[1] })
    expect(labels(s, 'pause')).toEqual(['Pause in Kundeservice'])
    // The hint ("Taking calls") is not searched: "calls" finds the section, not every queue.
    expect(labels(s, 'calls')).toEqual(['Go to Calls'])
    expect(labels(state({ queues, capabilities: ['queues'] }), 'salg')).toEqual([])
  })

  it('go to a section by its name', () => {
    const result = buildCommands(state(), 'queues', t).commands
    expect(result[0]).toMatchObject({
      label: 'Go to Queues',
      action: { kind: 'go', screen: 'queues' },
    })
  })

  it('keep 5,000 extensions to a short list, the search always last', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      person(String(10000 + i), `Agent ${String(i).padStart(4, '0')}`),
    )
    const s = state({
      presence: many,
      calls: [call()],
      capabilities: ['presence', 'dial', 'transfer'],
    })
    const result = buildCommands(s, 'agent', t)
    expect(result.truncated).toBe(true)
    expect(result.commands.length).toBeLessThanOrEqual(50)
    expect(result.commands.filter((c) => c.action.kind === 'colleague')).toHaveLength(20)
    // The best are the first by name, not the first seen; during a call, transfers first.
    expect(result.commands[0]!.label).toBe('Transfer Alice Jensen to Agent 0000')
    expect(result.commands.find((c) => c.action.kind === 'colleague')!.label).toBe(
      'Call Agent 0000',
    )
    expect(result.commands.at(-1)!.action).toEqual({ kind: 'search', text: 'agent' })
    expect(buildCommands(s, 'Agent 4321', t).commands[0]!.label).toBe(
      'Transfer Alice Jensen to Agent 4321',
    )
  })

  it('rank names that start with the text before names that contain it', () => {
    const s = state({
      presence: [
        person('1', 'Anna Mikkrisson'),
        person('2', 'Bo Kristensen'),
        person('3', 'Kristian Berg'),
        person('4', 'Ole Kris'),
      ],
    })
    expect(labels(s, 'kris').slice(0, 4)).toEqual([
      'Call Kristian Berg',
      'Call Bo Kristensen',
      'Call Ole Kris',
      'Call Anna Mikkrisson',
    ])
  })

  it('keep untrusted names as they are, markup included', () => {
    const hostile = '<img src=x onerror=alert(1)>'
    const s = state({ presence: [person('209', hostile)] })
    expect(labels(s, 'img')[0]).toBe(`Call ${hostile}`)
  })

  it('during a call, rank Transfer before Call for a colleague', () => {
    const s = state({ calls: [call()], capabilities: ['dial', 'transfer', 'presence'] })
    expect(labels(s, 'mette')).toEqual([
      'Transfer Alice Jensen to Mette Hansen',
      'Call Mette Hansen',
      'Search presence for “mette”',
    ])
  })

  it('mark hang up and decline as destructive, nothing else', () => {
    const calls = [call(), call({ id: 'B', state: 'ringing', remote: { number: '+4511' } })]
    const s = state({ calls, capabilities: ['hangup', 'hold', 'pickup'] })
    const destructive = buildCommands(s, '', t)
      .commands.filter((c) => c.destructive)
      .map((c) => c.label)
    expect(destructive).toEqual([
      'Hang up the call with Alice Jensen',
      'Decline the call from +4511',
    ])
  })

  it('never offer a call the agent placed as one to pick up or decline', () => {
    const own = call({
      state: 'ringing',
      direction: 'internal',
      placedBy: 'agent',
      remote: { number: '203' },
    })
    expect(labels(state({ calls: [own], capabilities: ['hangup', 'pickup'] }), 'call')).toEqual([
      'Hang up the call with 203',
      'Go to Calls',
    ])
  })

  it('never offer the agent’s own extension to call or to transfer to', () => {
    const s = state({
      calls: [call()],
      capabilities: ['dial', 'transfer'],
      isOwn: (_account, extension) => extension === '202',
    })
    expect(labels(s, 'lars')).toEqual([
      'Transfer Alice Jensen to Anne Larsen',
      'Call Lars Other Office',
      'Call Anne Larsen',
    ])
  })

  it.each([
    ['forward mette', 'Transfer Alice Jensen to Mette Hansen'],
    ['viderestil mette', 'Transfer Alice Jensen to Mette Hansen'],
    ['перевести mette', 'Transfer Alice Jensen to Mette Hansen'],
    ['dnd', 'Pause in Kundeservice'],
    ['do not disturb', 'Pause in Kundeservice'],
    ['forstyr ikke', 'Pause in Kundeservice'],
    ['не беспокоить', 'Pause in Kundeservice'],
  ])('find a command by a synonym: “%s”', (query, label) => {
    const queues: QueueMembership[] = [
      { accountId: 'demo', queueId: '281', queueName: 'Kundeservice', paused: false },
    ]
    const s = state({ calls: [call()], queues, capabilities: ['dial', 'transfer', 'queue_pause'] })
    expect(labels(s, query)).toContain(label)
  })
})
