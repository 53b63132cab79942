/**
 * PBXCloud parsers: exact on the documented shapes, and under fast-check's random,
 * truncated and oversized input they return a value or a typed AppError, never
 * another exception.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  callsFromChannels,
  groupChannels,
  historyFromCdrs,
  peerOfChannel,
  presenceFromBlfs,
} from '../../src/main/providers/pbxcloud/normalise'
import {
  errorOf,
  parseCallerId,
  parseRows,
  parseSuccess,
  splitCsvLine,
  type Row,
} from '../../src/main/providers/pbxcloud/parse'
import { AppError } from '../../src/shared/result'

const own = { accountId: 'a', number: '201', account: '201-DEMO' }

function typedOrValue(run: () => unknown): void {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    const kind = (error as AppError).kind
    expect(['bad_response', 'auth', 'not_found', 'invalid_argument']).toContain(kind)
  }
}

describe('PBXCloud answers', () => {
  it('reads a plain table with a trailing pipe, CRLF and shuffled, extra columns', () => {
    const body =
      'Mailbox|Email|Fullname|Attach|Extra|\r\n201|a@x.dk|Anna Holm|yes|z|\r\n202||Bo Berg|no|\r\n'
    expect(parseRows(body, ['mailbox', 'fullname'])).toEqual([
      { mailbox: '201', email: 'a@x.dk', fullname: 'Anna Holm', attach: 'yes', extra: 'z' },
      { mailbox: '202', email: '', fullname: 'Bo Berg', attach: 'no', extra: '' },
    ])
  })

  it('reads JSON lists and single objects, keys in any case', () => {
    expect(parseRows('[{"Number":"201","State":"INUSE","Type":"PEER"}]', ['number'])).toEqual([
      { number: '201', state: 'INUSE', type: 'PEER' },
    ])
    expect(parseRows('{"Code":"DEMO","Name":"Demo ApS"}', ['code'])).toEqual([
      { code: 'DEMO', name: 'Demo ApS' },
    ])
  })

  it('reads JSON rows whose keys change order and case from row to row, never inherited keys', () => {
    const body = JSON.stringify([
      { Number: '201', State: 'INUSE', Type: 'PEER' },
      { Type: 'PEER', number: '202', STATE: 'BUSY' },
      { Number: '203', State: 5, Type: 'PEER', Extra: null },
    ])
    const expected = [
      { number: '201', state: 'INUSE', type: 'PEER' },
      { type: 'PEER', number: '202', state: 'BUSY' },
      { number: '203', state: '5', type: 'PEER', extra: '' },
    ]
    expect(parseRows(body, ['number'])).toEqual(expected)
    const proto = Object.prototype as Record<string, unknown>
    proto.polluted = 'x'
    try {
      expect(parseRows(body, ['number']).map((row) => Object.keys(row))).toEqual(
        expected.map((row) => Object.keys(row)),
      )
    } finally {
      delete proto.polluted
    }
  })

  it('treats a 0-byte body as an empty list', () => {
    expect(parseRows('', ['x'])).toEqual([])
  })

  it('tells a wrong key, a wrong tenant and a read-only key apart', () => {
    expect(errorOf('Too bad... you mistaken the security api key.')?.kind).toBe('auth')
    expect(errorOf('Too bad... you mistaken the security api key.')?.message).toMatch(/API key/)
    expect(errorOf('Error|Invalid tenant|')?.message).toMatch(/tenant/)
    expect(errorOf('Error|Permission denied, read only key|')?.message).toMatch(/read-only/)
    expect(errorOf('Error|Channel not found|')?.kind).toBe('not_found')
    expect(errorOf('<html><body>502 Bad Gateway</body></html>')?.kind).toBe('bad_response')
  })

  it('refuses a list that lacks a required column, quoting a short excerpt', () => {
    expect(() => parseRows('Foo|Bar\n1|2', ['number'])).toThrow(/without the column\(s\) number/)
  })

  it('reads action answers', () => {
    expect(parseSuccess('Success|Originate successfully queued|15a4cfe6429054|')).toEqual([
      'Originate successfully queued',
      '15a4cfe6429054',
    ])
    expect(() => parseSuccess('OK')).toThrow(AppError)
  })

  it('reads caller ids and CSV lines', () => {
    expect(parseCallerId('"Anna Holm" <+4520304050>')).toEqual({
      number: '+4520304050',
      name: 'Anna Holm',
    })
    expect(parseCallerId('+4520304050')).toEqual({ number: '+4520304050' })
    expect(splitCsvLine('2026-01-01 10:00:00,"Holm, Anna" <201>,201')).toEqual([
      '2026-01-01 10:00:00',
      'Holm, Anna <201>',
      '201',
    ])
    expect(peerOfChannel('SIP/201-DEMO-0000001a')).toBe('201-DEMO')
    expect(peerOfChannel('PJSIP/trunk-00000002')).toBe('trunk')
  })

  it('groups channels into the agent’s calls, with direction, state and handles', () => {
    const rows = parseRows(
      JSON.stringify([
        {
          Channel: 'SIP/trunk-0000000a',
          CallerIDNum: '+4520304050',
          CallerIDName: 'Alice',
          ConnectedNum: '201',
          State: 'Up',
          Application: 'Queue',
          Duration: '12',
          LinkedID: 'L1',
          Queue: '281',
          OnHold: 'no',
        },
        {
          Channel: 'SIP/201-DEMO-0000000b',
          CallerIDNum: '201',
          ConnectedNum: '+4520304050',
          ConnectedName: 'Alice',
          State: 'Ringing',
          Application: 'AppDial',
          Duration: '3',
          LinkedID: 'L1',
          OnHold: 'no',
        },
        {
          Channel: 'SIP/203-DEMO-0000000c',
          CallerIDNum: '203',
          ConnectedNum: '204',
          State: 'Up',
          Duration: '40',
          LinkedID: 'L2',
          OnHold: 'no',
        },
      ]),
      ['channel'],
    )
    const calls = callsFromChannels(
      groupChannels(rows),
      own,
      (n) => ['201', '203', '204'].includes(n),
      100_000,
    )
    expect(calls).toEqual([
      {
        id: 'L1',
        accountId: 'a',
        direction: 'inbound',
        placedBy: 'outside',
        state: 'ringing',
        local: { number: '201' },
        remote: { number: '+4520304050', name: 'Alice' },
        queue: '281',
        startedAt: 88_000,
        handle: {
          channel: 'SIP/201-DEMO-0000000b',
          linkedId: 'L1',
          remoteChannel: 'SIP/trunk-0000000a',
        },
      },
    ])
  })

  it('maps BLFS device states, DND and offline included', () => {
    const rows = parseRows(
      'Type|Number|Name|State\nPEER|201|201-DEMO|NOT_INUSE\nPEER|202|202-DEMO|DND\nPEER|203|203-DEMO|UNAVAILABLE\nFLOW|*901|Night|INUSE\n',
      ['type'],
    )
    const list = presenceFromBlfs(rows, new Map([['201', 'Anna Holm']]), new Map(), 'a', 5)
    expect(list.map((p) => [p.extension, p.name, p.state])).toEqual([
      ['201', 'Anna Holm', 'available'],
      ['202', '202-DEMO', 'dnd'],
      ['203', '203-DEMO', 'offline'],
    ])
  })

  it('gives back the lamps that did not change since the last answer, and new ones for the rest', () => {
    const blfs = (state202: string): Row[] =>
      parseRows(`Type|Number|Name|State\nPEER|201|x|INUSE\nPEER|202|x|${state202}\n`, ['type'])
    const partners = new Map([['201', { number: '+4511', name: 'Bo' }]])
    const first = presenceFromBlfs(blfs('NOT_INUSE'), new Map(), partners, 'a', 5)
    const again = presenceFromBlfs(blfs('NOT_INUSE'), new Map(), new Map(partners), 'a', 9, first)
    expect(again[0]).toBe(first[0])
    expect(again[1]).toBe(first[1])
    const moved = presenceFromBlfs(blfs('UNAVAILABLE'), new Map(), partners, 'a', 12, again)
    expect(moved[0]).toBe(first[0])
    expect(moved[1]).toEqual({
      accountId: 'a',
      extension: '202',
      name: 'x',
      state: 'offline',
      since: 12,
    })
    const otherPartner = new Map([['201', { number: '+4522' }]])
    expect(
      presenceFromBlfs(blfs('UNAVAILABLE'), new Map(), otherPartner, 'a', 13, moved)[0],
    ).toEqual({
      accountId: 'a',
      extension: '201',
      name: 'x',
      state: 'busy',
      since: 13,
      partner: { number: '+4522' },
    })
  })

  it('turns CDRs into the agent’s history, oldest first', () => {
    const rows = parseRows(
      JSON.stringify([
        {
          calldate: '2026-03-01 10:05:00',
          clid: '"Bo" <+4511>',
          src: '+4511',
          dst: '201',
          disposition: 'NO ANSWER',
          billsec: '0',
          uniqueid: 'u2',
          linkedid: 'L2',
        },
        {
          calldate: '2026-03-01 10:00:00',
          clid: '201',
          src: '201',
          dst: '+4522',
          disposition: 'ANSWERED',
          billsec: '61',
          uniqueid: 'u1',
          linkedid: 'L1',
          userfield: 'recorded',
        },
        {
          calldate: '2026-03-01 10:01:00',
          clid: '203',
          src: '203',
          dst: '204',
          disposition: 'ANSWERED',
          billsec: '5',
          uniqueid: 'u3',
        },
      ]),
      ['calldate'],
    )
    const history = historyFromCdrs(rows, own, (n) => ['201', '203', '204'].includes(n))
    expect(history.map((r) => [r.id, r.direction, r.result, r.recordingId])).toEqual([
      ['u1', 'outbound', 'answered', 'u1'],
      ['u2', 'inbound', 'missed', undefined],
    ])
    expect(history[1]?.from).toEqual({ number: '+4511', name: 'Bo' })
  })
})

describe('PBXCloud channel names', () => {
  it('reads the peer of a channel exactly as the pattern it replaces', () => {
    const pattern = /^[A-Za-z0-9]+\/(.+)-[0-9a-f]{4,}(?:;\d)?$/i
    const reference = (channel: string): string | null => pattern.exec(channel.trim())?.[1] ?? null
    // Mostly near-valid channel names, each part sometimes off by one character.
    const usually = <T>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> =>
      fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: odd, weight: 1 })
    const piece = fc.constantFrom(
      ...'SIP PJSIP / - ; 1 0a DEMO 0000001a trunk 201 @ ø İ \u212a'.split(' '),
      ...[' ', '\t', '\n', '\r', '\u2028', '\u2029'],
    )
    const pieces = fc.array(piece, { maxLength: 5 }).map((parts) => parts.join(''))
    const hexRun = fc
      .array(
        usually(
          fc.constantFrom('0', '9', 'a', 'f', 'A', 'F'),
          fc.constantFrom('g', 'G', '@', '`', ':', '/', '-', ';', '\n'),
        ),
        { minLength: 2, maxLength: 6 },
      )
      .map((digits) => digits.join(''))
    const tech = usually(
      fc.constantFrom('SIP', 'Local', 'PJSIP', 'x0'),
      fc.constantFrom('', 'a@', 'Z[', 'x`', 'S{', 'n:', 'P-J', 'ø'),
    )
    const peer = usually(fc.constantFrom('201-DEMO', 'trunk', '1', 'a-b'), pieces)
    const suffix = usually(
      fc.constantFrom('', ';1', ';9'),
      fc.constantFrom(';12', ';', ';x', ';a', ';F', '1;2', '/'),
    )
    const shaped = fc
      .tuple(
        usually(fc.constant(''), fc.constantFrom(' ', '\n', '\u2028')),
        tech,
        usually(fc.constant('/'), fc.constantFrom('-', '//', '')),
        peer,
        usually(fc.constant('-'), fc.constantFrom('', '--', '\n-')),
        hexRun,
        suffix,
        usually(fc.constant(''), fc.constantFrom(' ', '\u2029', '\n')),
      )
      .map((parts) => parts.join(''))
    const channel = fc.oneof(shaped, shaped, pieces, fc.string({ maxLength: 20 }))
    fc.assert(
      fc.property(channel, (value) => {
        expect(peerOfChannel(value)).toBe(reference(value))
      }),
      { numRuns: 5000 },
    )
    for (const value of [
      'SIP/201-DEMO-0000001a',
      'Local/201@x-0001;2',
      'SIP/-abcd',
      'SIP/x-ABCD;1',
    ]) {
      expect(peerOfChannel(value)).toBe(reference(value))
    }
  })
})

describe('PBXCloud parsers under random input', () => {
  const tableish = fc
    .array(
      fc.array(
        fc.oneof(
          fc.string(),
          fc.constantFrom('|', '\n', '\r\n', '"', ',', '{', '[', 'Error|', 'Success|'),
        ),
        {
          maxLength: 20,
        },
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.map((p) => p.join('')).join('\n'))

  it('parseRows and parseSuccess return a value or a typed error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), tableish), (body) => {
        typedOrValue(() => parseRows(body, ['number']))
        typedOrValue(() => parseRows(body, [], true))
        typedOrValue(() => parseSuccess(body))
      }),
      { numRuns: 400 },
    )
  })

  it('truncated valid answers still give a value or a typed error', () => {
    const valid = JSON.stringify([
      { Channel: 'SIP/201-DEMO-0000000b', State: 'Up', LinkedID: 'L1', Duration: '5' },
    ])
    for (let cut = 0; cut <= valid.length; cut++) {
      typedOrValue(() => {
        const rows = parseRows(valid.slice(0, cut), ['channel'])
        callsFromChannels(groupChannels(rows), own, () => false, 0)
      })
    }
  })

  it('normalisers never throw on random rows', () => {
    const row = fc.dictionary(
      fc.constantFrom(
        'channel',
        'state',
        'linkedid',
        'duration',
        'connectednum',
        'application',
        'onhold',
        'queue',
        'src',
        'dst',
        'calldate',
        'disposition',
        'billsec',
        'uniqueid',
        'type',
        'number',
      ),
      fc.string(),
    )
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        callsFromChannels(groupChannels(rows), own, () => false, 0)
        presenceFromBlfs(rows, new Map(), new Map(), 'a', 0)
        typedOrValue(() => historyFromCdrs(rows, own, () => false))
      }),
      { numRuns: 300 },
    )
  })

  it('reads a 2 MB table without trouble', () => {
    const line = 'PEER|201|201-DEMO|INUSE\n'
    const body = `Type|Number|Name|State\n${line.repeat(Math.ceil((2 * 1024 * 1024) / line.length))}`
    expect(parseRows(body, ['type']).length).toBeGreaterThan(80_000)
  })
})
