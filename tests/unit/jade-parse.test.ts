/**
 * jade readers: exact on the documented shapes (both list shapes), and under
 * fast-check's random, truncated and mangled input they return a value or a typed
 * AppError, never another exception.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { callsOf, groupByCall } from '../../src/main/providers/jade/calls'
import {
  endpointOf,
  membershipsOf,
  messageOf,
  parkedOf,
  presenceOf,
} from '../../src/main/providers/jade/normalise'
import {
  formatTime,
  listOf,
  parseAnswer,
  timeOf,
  TokenRejected,
  type Rec,
} from '../../src/main/providers/jade/parse'
import { kindsOfFrame } from '../../src/main/providers/jade/push'
import { judgeCertificate, normaliseFingerprint } from '../../src/main/providers/jade/tls'
import type { Presence } from '../../src/shared/model'
import { AppError } from '../../src/shared/result'

function typedOrValue(run: () => unknown): void {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    expect(['bad_response', 'auth', 'not_found', 'invalid_argument']).toContain(
      (error as AppError).kind,
    )
  }
}

const envelope = (result: unknown): string =>
  JSON.stringify({
    api_ver: '0.1',
    result,
    statuscode: 200,
    timestamp: '2025-01-06T09:00:00.000000000Z',
  })

const channel = (over: Record<string, unknown>): Rec => ({
  unique_id: '1.2',
  linked_id: '1.1',
  channel: 'PJSIP/201-0000001a',
  channel_state: 5,
  caller_id_num: '201',
  connected_line_num: '+4570102030',
  connected_line_name: 'Torben',
  application: 'AppDial',
  bridge_id: null,
  duration: 3,
  ...over,
})

const ctx = () => ({
  accountId: 'a',
  ownExtension: '201',
  now: 10_000,
  directory: { names: new Map([['202', 'Lars']]) },
  queueOf: new Map<string, string>(),
})

describe('jade envelopes and lists', () => {
  it('reads a list wrapped in {"list": …} and a bare array alike', () => {
    const items = [{ device: 'PJSIP/201', state: 'INUSE' }]
    expect(listOf(parseAnswer(200, envelope({ list: items }), 'x'), 'x')).toEqual(items)
    expect(listOf(parseAnswer(200, envelope(items), 'x'), 'x')).toEqual(items)
    expect(listOf(parseAnswer(200, JSON.stringify(items), 'x'), 'x')).toEqual(items)
    expect(listOf(undefined, 'x')).toEqual([])
  })

  it('turns statuses into typed errors in our own words', () => {
    const body = (code: number): string =>
      JSON.stringify({ api_ver: '0.1', statuscode: code, error: { code, message: '' } })
    expect(() => parseAnswer(403, body(403), 'x')).toThrow(TokenRejected)
    expect(() => parseAnswer(404, body(404), 'the call')).toThrow(/does not know the call/)
    expect(() => parseAnswer(400, body(400), 'x')).toThrow(AppError)
    // A 200 whose envelope says 403 is a refused token too.
    expect(() => parseAnswer(200, body(403), 'x')).toThrow(TokenRejected)
    expect(() => parseAnswer(200, '<html>502</html>', 'x')).toThrow(/web page/)
    expect(() => listOf({ nope: 1 }, 'x')).toThrow(/something other than a list/)
  })

  it('never throws anything but a typed error on random, truncated or mangled bodies', () => {
    const good = envelope({ list: [channel({}), channel({ unique_id: '1.1' })] })
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.nat(good.length).map((n) => good.slice(0, n)),
          fc
            .tuple(fc.nat(good.length), fc.string())
            .map(([n, s]) => good.slice(0, n) + s + good.slice(n)),
        ),
        fc.constantFrom(200, 400, 403, 404, 500),
        (body, status) => {
          typedOrValue(() => {
            const list = listOf(parseAnswer(status, body, 'x'), 'x')
            const calls = callsOf(groupByCall(list), '201', ctx())
            for (const call of calls) expect(typeof call.id).toBe('string')
            parkedOf(list, 'a', 0)
            membershipsOf(list, list, '201', 'a', { list, at: 0 })
            presenceOf([{ extension: '201', name: 'M' }], list, new Map(), 'a', 0)
            for (const m of list) messageOf(m, 'r', 'u', new Map(), 'a')
          })
        },
      ),
      { numRuns: 400 },
    )
  })

  it('reads nanosecond UTC times and writes what jade reads back', () => {
    expect(timeOf('2017-12-22T12:48:17.211205731Z')).toBe(Date.UTC(2017, 11, 22, 12, 48, 17, 211))
    expect(timeOf(null)).toBeUndefined()
    expect(timeOf('yesterday')).toBeUndefined()
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), (ms) => {
        expect(timeOf(formatTime(ms))).toBe(ms)
      }),
    )
  })
})

describe('jade queue waits (issue 15, finding 14)', () => {
  const members: Rec[] = [
    { location: 'PJSIP/201', queue_name: 'Kundeservice', paused: 0, calls_taken: 3 },
    { location: 'PJSIP/201', queue_name: 'Support', paused: 0, calls_taken: 0 },
  ]
  const queues: Rec[] = [
    { name: 'Kundeservice', calls: 2 },
    { name: 'Support', calls: 0 },
  ]

  it('shows since when the longest-waiting caller waits, from the queue entries', () => {
    const entries: Rec[] = [
      { queue_name: 'Kundeservice', position: 1, wait: 95 },
      { queue_name: 'Kundeservice', position: 2, wait: '12' },
      { queue_name: 'Support', position: 1, wait: null },
    ]
    const mine = membershipsOf(members, queues, '201', 'a', { list: entries, at: 1_000_000 })
    expect(mine.map((m) => [m.queueName, m.waiting, m.waitingSince])).toEqual([
      ['Kundeservice', 2, 1_000_000 - 95_000],
      ['Support', 0, undefined],
    ])
  })
})

describe('jade objects', () => {
  it('names devices from channels and device names', () => {
    expect(endpointOf('PJSIP/201-0000001a')).toBe('201')
    expect(endpointOf('PJSIP/201')).toBe('201')
    expect(endpointOf('PJSIP/pjagent-01-00000007')).toBe('pjagent-01')
    expect(endpointOf('PJSIP/pjagent-01')).toBe('pjagent-01')
    expect(endpointOf('Agent:1001')).toBeNull()
  })

  it('reads a ringing inbound queue call, an answered one and our own outgoing call', () => {
    const caller = channel({
      unique_id: '1.1',
      channel: 'PJSIP/trunk-00000019',
      channel_state: 6,
      application: 'Queue',
      application_data: 'Kundeservice',
      variables: { QUEUENAME: 'Kundeservice' },
      caller_id_num: '+4570102030',
      caller_id_name: 'Torben',
    })
    const c = ctx()
    const [ringing] = callsOf(groupByCall([caller, channel({})]), '201', c)
    expect(ringing).toMatchObject({ direction: 'inbound', state: 'ringing', queue: 'Kundeservice' })
    const [up] = callsOf(groupByCall([channel({ channel_state: 6, bridge_id: 'b' })]), '201', c)
    // The queue is remembered for the call's life though the caller left the queue.
    expect(up).toMatchObject({ state: 'up', queue: 'Kundeservice' })
    const own = channel({
      unique_id: '1.1',
      connected_line_num: '202',
      connected_line_name: '<unknown>',
    })
    const [placed] = callsOf(groupByCall([own]), '201', ctx())
    expect(placed).toMatchObject({ direction: 'internal', remote: { number: '202', name: 'Lars' } })
    const [out] = callsOf(
      groupByCall([channel({ unique_id: '1.1', channel_state: 4 })]),
      '201',
      ctx(),
    )
    expect(out?.direction).toBe('outbound')
  })

  it('reads the board whatever order the devices come in, and gives back unchanged lamps', () => {
    const people = [
      { extension: '201', name: 'Mette' },
      { extension: '202', name: 'Lars' },
      { extension: '203', name: '' },
      { extension: '202', name: 'Lars again' },
    ]
    const device = (name: string, state: string): Rec => ({ device: name, state })
    const board = (devices: Rec[], previous: Presence[] = []): Presence[] =>
      presenceOf(people, devices, new Map(), 'a', previous.length ? 9 : 5, previous)
    const states = (lamps: Presence[]): string[] => lamps.map((l) => `${l.extension}:${l.state}`)
    const first = board([
      device('PJSIP/201', 'INUSE'),
      device('PJSIP/202', 'NOT_INUSE'),
      device('PJSIP/999', 'INUSE'),
    ])
    expect(states(first)).toEqual(['201:busy', '202:available', '203:unknown', '202:available'])
    // The same device names at other places, one gone and one new: read afresh.
    const second = board(
      [
        device('PJSIP/999', 'INUSE'),
        device('PJSIP/203-0000001a', 'RINGING'),
        device('PJSIP/201', 'INUSE'),
        device('PJSIP/202', 'not inuse'),
      ],
      first,
    )
    expect(states(second)).toEqual(['201:busy', '202:available', '203:ringing', '202:available'])
    expect(second[0]).toBe(first[0])
    expect(second[2]).toMatchObject({ name: '203', since: 9 })
    const third = board([device('PJSIP/201', 'UNAVAILABLE')], second)
    expect(states(third)).toEqual(['201:offline', '202:unknown', '203:unknown', '202:unknown'])
  })

  it('keeps no SIP secret and no read marks: a message is text and an owner', () => {
    const m = messageOf(
      {
        uuid: 'm1',
        uuid_owner: 'u1',
        message: { message: 'hej\u202e du' },
        tm_create: '2025-01-06T09:00:05.000000012Z',
      },
      'r',
      'u1',
      new Map([['u1', 'Mette']]),
      'a',
    )
    expect(m).toMatchObject({ text: 'hej du', own: true, from: { name: 'Mette' } })
  })
})

describe('jade device names', () => {
  it('reads the endpoint of a channel or device exactly as the pattern it replaces', () => {
    const pattern = /^[A-Za-z0-9]+\/(.+?)(?:-[0-9a-f]{8})?(?:;\d+)?$/i
    const reference = (value: string): string | null => pattern.exec(value.trim())?.[1] ?? null
    // Mostly near-valid names, each part sometimes off by one character.
    const usually = <T>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> =>
      fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: odd, weight: 1 })
    const piece = fc.constantFrom(
      ...'PJSIP / - ; 1 0a 201 pjagent-01 00000007 trunk @ ø İ \u212a'.split(' '),
      ...[' ', '\t', '\n', '\r', '\u2028', '\u2029'],
    )
    const pieces = fc.array(piece, { maxLength: 5 }).map((parts) => parts.join(''))
    const hexRun = fc
      .array(
        usually(
          fc.constantFrom('0', '9', 'a', 'f', 'A', 'F'),
          fc.constantFrom('g', 'G', '@', '`', ':', '/', '-', ';', '\n'),
        ),
        { minLength: 6, maxLength: 10 },
      )
      .map((digits) => digits.join(''))
    const shaped = fc
      .tuple(
        usually(fc.constant(''), fc.constantFrom(' ', '\n', '\u2028')),
        usually(
          fc.constantFrom('PJSIP', 'SIP', 'x0'),
          fc.constantFrom('', 'a@', 'Z[', 'x`', 'S{', 'n:', 'P-J', 'Agent:'),
        ),
        usually(fc.constant('/'), fc.constantFrom('-', '//', '')),
        usually(fc.constantFrom('201', 'pjagent-01', 'a', 'a;1', ''), pieces),
        fc.oneof(
          fc.constant(''),
          fc.tuple(fc.constantFrom('-', '', '--'), hexRun).map(([d, h]) => d + h),
        ),
        usually(
          fc.constantFrom('', ';1', ';12'),
          fc.constantFrom(';', ';x', ';a', ';1a', '1;2', ';;1', '/'),
        ),
        usually(fc.constant(''), fc.constantFrom(' ', '\u2029', '\n')),
      )
      .map((parts) => parts.join(''))
    const name = fc.oneof(shaped, shaped, pieces, fc.string({ maxLength: 20 }))
    fc.assert(
      fc.property(name, (value) => {
        expect(endpointOf(value)).toBe(reference(value))
      }),
      { numRuns: 5000 },
    )
    for (const value of [
      'PJSIP/-abcdef12',
      'PJSIP/;2',
      'PJSIP/a;1;2',
      'PJSIP/',
      'PJSIP/x-0000000a;',
      'PJSIP/-abcdef12;1',
    ]) {
      expect(endpointOf(value)).toBe(reference(value))
    }
  })
})

describe('jade frames and certificates', () => {
  it('maps each topic to the kinds to re-read, and ignores what it does not know', () => {
    expect(
      kindsOfFrame('{"/admin/core/channels":{"admin.core.channel.create":{}}}').sort(),
    ).toEqual(['calls', 'presence'])
    expect(kindsOfFrame('{"/me/chats/x/messages":{"me.chats.message.create":{}}}')).toEqual([
      'chat',
    ])
    expect(
      kindsOfFrame('{"/admin/park/parkedcalls":{"admin.park.parkedcall.delete":{}}}').sort(),
    ).toEqual(['calls', 'parked'])
    expect(kindsOfFrame('{"/me/buddies":{"me.buddies.update":{}}}')).toEqual(['presence'])
    expect(kindsOfFrame('not json')).toEqual([])
    fc.assert(fc.property(fc.string(), (s) => Array.isArray(kindsOfFrame(s))))
  })

  it('accepts exactly the pinned certificate and offers the fingerprint of an untrusted one', () => {
    const fp = 'AB:'.repeat(31) + 'AB'
    const socket = (authorized: boolean) => ({
      authorized,
      authorizationError: new Error('DEPTH_ZERO_SELF_SIGNED_CERT'),
      getPeerCertificate: () => ({ fingerprint256: fp }) as never,
    })
    expect(normaliseFingerprint('ab'.repeat(32))).toBe(fp)
    expect(normaliseFingerprint('ab')).toBeNull()
    expect(judgeCertificate(socket(false), { label: 'x', pinnedFingerprint: fp }, 'h')).toBeNull()
    expect(judgeCertificate(socket(true), { label: 'x' }, 'h')).toBeNull()
    const changed = judgeCertificate(
      socket(true),
      { label: 'x', pinnedFingerprint: 'CD:'.repeat(31) + 'CD' },
      'h',
    )
    expect(changed).toMatchObject({ problem: 'changed', fingerprint: fp })
    const untrusted = judgeCertificate(socket(false), { label: 'x' }, 'h')
    expect(untrusted).toMatchObject({ problem: 'untrusted', fingerprint: fp, kind: 'network' })
    expect(untrusted?.message).toContain(fp)
  })
})
