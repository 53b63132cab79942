/**
 * REST ver1.0 parsers and normalisers: exact on the documented shapes, and under
 * fast-check's random, truncated and oversized input they return a value or a
 * typed AppError, never another exception. Also the token keeper's one-renewal
 * rule, without any network.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CallMemory, ownCalls as ownCallsWith } from '../../src/main/providers/restv1/call-rows'
import { SeenCalls } from '../../src/main/providers/restv1/call-legs'
import {
  buildDirectory,
  historyFrom,
  presenceFrom,
  Registrations,
  shortNumber,
} from '../../src/main/providers/restv1/normalise'
import {
  errorOf,
  parseAgents,
  parseCallList,
  parseCallback,
  parseExtensions,
  parseGmt,
  parseLongestWait,
  parseQueueStatus,
  parseRateLimit,
  parseRecords,
  parseRegistrations,
  parseSlots,
  parseToken,
  parseUser,
  parseVoicemails,
  rowReaders,
  tokenErrorOf,
  type RegistrationRow,
} from '../../src/main/providers/restv1/parse'
import { readRows } from '../../src/main/providers/restv1/row-readers'
import { RestV1Provider } from '../../src/main/providers/restv1'
import { TokenKeeper } from '../../src/main/providers/restv1/token'
import { deriveCapabilities } from '../../src/main/providers/facets'
import type { Presence } from '../../src/shared/model'
import { AppError } from '../../src/shared/result'
import { redact } from '../../src/shared/redact'

const ownCalls = (
  ...args: Parameters<typeof ownCallsWith> extends [...infer A, CallMemory] ? A : never
) => ownCallsWith(...args, new CallMemory())

const parsers: Record<string, (body: string) => unknown> = {
  parseToken,
  parseUser,
  parseExtensions,
  parseRegistrations,
  parseCallList,
  parseCallback,
  parseSlots,
  parseAgents,
  parseQueueStatus,
  parseLongestWait,
  parseRecords,
  parseVoicemails,
}

function typedOrValue(run: () => unknown): void {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).kind).toBe('bad_response')
  }
}

const extensions = JSON.stringify([
  { id: 4101, name: '700*201', label: 'Mette Nielsen', type: 'phone', status: 'active' },
  { id: '4102', name: '700*202', label: 'Lars Jensen', type: 'phone', extra: { x: 1 } },
  { id: 4281, name: '700*281', label: 'Kundeservice', type: 'queue' },
])
const call = {
  call_api_id: 'c1',
  extension_id: 4101,
  call_flow: 'in',
  caller_id_number: '+4570102030',
  caller_id_name: 'Torben \u202eKnudsen\u0000',
  called_number: '281',
  called_did: null,
  init_time_gmt: '2026-01-02 10:00:00',
  answer_time_gmt: null,
  record_uuid: null,
  real_call: true,
  callback_id: null,
}
const record = {
  call_uuid: 'c1',
  record_uuid: 'r1',
  init_time_gmt: '2026-01-02 10:00:00',
  start_time_gmt: '2026-01-02 10:00:04',
  hangup_time_gmt: '2026-01-02 10:00:09',
  duration: 9,
  flow: 'in',
  source_number: '+4570102030',
  from_screen_name: 'Torben',
  dest_number: '281',
  to_username: '201',
  result: 'answered',
  extension_id: 4101,
}

describe('REST ver1.0 answers', () => {
  it('reads a token, and never quotes a token body in an error', () => {
    expect(
      parseToken('{"access_token":"abcdefgh1234","expires_in":3600,"token_type":"Bearer"}'),
    ).toEqual({ value: 'abcdefgh1234', expiresInSec: 3600 })
    for (const body of [
      '{"access_token":"abcdefgh1234","token_type":"mac"}',
      '{"access_token":"abcdefgh1234"',
      '{"token":"abcdefgh1234"}',
    ]) {
      const error = (() => {
        try {
          parseToken(body)
        } catch (e) {
          return e as AppError
        }
        throw new Error('expected a failure')
      })()
      expect(error.kind).toBe('bad_response')
      expect(error.message).not.toContain('abcdefgh1234')
    }
  })

  it('tells wrong credentials, a blocked user and other refusals apart', () => {
    const denied = '{"message":"Access denied","status":"access_denied"}'
    expect(tokenErrorOf(401, denied).message).toMatch(/client id or secret was refused/)
    expect(tokenErrorOf(401, '{"message":"x","status":"client_not_found"}').kind).toBe('auth')
    expect(tokenErrorOf(403, '{"message":"x","status":"user_blocked"}').message).toMatch(
      /this user is blocked/,
    )
    expect(tokenErrorOf(400, '{"status":"unsupported_grant_type"}').kind).toBe('bad_response')
    expect(errorOf(403, '{"message":"Blocked","status":"user_blocked"}').message).toMatch(
      /this user is blocked/,
    )
    expect(errorOf(403, '{"message":"Not yours","status":"access_denied"}').kind).toBe('auth')
    expect(errorOf(404, '{"message":"Call not found"}')).toMatchObject({ kind: 'not_found' })
    expect(errorOf(409, '{"message":"Call is not answered"}').kind).toBe('invalid_argument')
    expect(errorOf(400, '{"message":"Bad send_dst"}').message).toMatch(/Bad send_dst/)
    expect(errorOf(405, '').kind).toBe('unsupported')
    expect(errorOf(418, '<html>teapot</html>').kind).toBe('bad_response')
  })

  it('reads extensions, ids as numbers or strings, and short numbers', () => {
    const directory = buildDirectory(parseExtensions(extensions))
    expect(directory.byNumber.get('202')).toEqual({
      id: '4102',
      number: '202',
      name: 'Lars Jensen',
      type: 'phone',
    })
    expect(directory.byId.get('4281')?.type).toBe('queue')
    expect(shortNumber('700*201')).toBe('201')
    expect(shortNumber('201')).toBe('201')
  })

  it('reads a call list and cleans the caller name where it enters', () => {
    const rows = parseCallList(JSON.stringify({ call_list: [call] }))
    const directory = buildDirectory(parseExtensions(extensions))
    const own = { accountId: 'a', extensionId: '4101', number: '201' }
    const [mine] = ownCalls(rows, own, directory, 0)
    expect(mine).toMatchObject({
      id: 'c1',
      direction: 'inbound',
      state: 'ringing',
      local: { number: '201' },
      remote: { number: '+4570102030', name: 'Torben Knudsen' },
      queue: 'Kundeservice',
      startedAt: Date.UTC(2026, 0, 2, 10, 0, 0),
    })
    const board = presenceFrom(
      directory,
      [{ extension_id: '4102', registered: false }],
      rows,
      'a',
      5,
    )
    expect(board.find((p) => p.extension === '201')?.state).toBe('ringing')
    expect(board.find((p) => p.extension === '202')?.state).toBe('offline')
    expect(board.some((p) => p.extension === '281')).toBe(false)
  })

  it('reads registrations in any order into the board, and gives back unchanged lamps', () => {
    const directory = buildDirectory(parseExtensions(extensions))
    const rows = (registered: boolean): RegistrationRow[] => [
      { extension_id: '4102', registered },
      { extension_id: '4999', registered: true },
      { extension_id: '4101', registered: false },
      { extension_id: '4101', registered: true },
    ]
    const lamps = (list: RegistrationRow[] | Registrations, previous?: Presence[]): string[] =>
      presenceFrom(directory, list, [], 'a', 5, previous).map((l) => `${l.extension}:${l.state}`)
    expect(lamps(rows(false))).toEqual(['201:available', '202:offline'])
    const answers = new Registrations(directory)
      .add(rows(true).slice(0, 2))
      .add(rows(true).slice(2))
    expect(lamps(answers)).toEqual(['201:available', '202:available'])
    expect(lamps([])).toEqual(['201:unknown', '202:unknown'])
    const first = presenceFrom(directory, rows(false), [], 'a', 5)
    const again = presenceFrom(directory, rows(false), [], 'a', 9, first)
    expect(again[0]).toBe(first[0])
    expect(again[1]).toBe(first[1])
    const moved = presenceFrom(directory, rows(true), [], 'a', 12, again)
    expect(moved[0]).toBe(first[0])
    expect(moved[1]).toMatchObject({ extension: '202', state: 'available', since: 12 })
  })

  it('takes no word from the object prototype for a direction or a result', () => {
    const directory = buildDirectory(parseExtensions(extensions))
    const own = { accountId: 'a', extensionId: '4101', number: '201' }
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const rows = parseCallList(JSON.stringify({ call_list: [{ ...call, call_flow: word }] }))
      expect(ownCalls(rows, own, directory, 0).map((c) => [c.state, c.direction])).toEqual([
        ['ringing', 'inbound'],
      ])
      const lamps = presenceFrom(
        directory,
        [{ extension_id: '4101', registered: true }],
        rows,
        'a',
        0,
      )
      expect(lamps.map((lamp) => typeof lamp.state)).toEqual(['string', 'string'])
      expect(lamps[0]).toMatchObject({ state: 'ringing' })
      const records = parseRecords(JSON.stringify([{ ...record, result: word }]))
      expect(historyFrom(records, own, new SeenCalls(), directory)[0]?.result).toBe('failed')
    }
  })

  it("reads keys and words in any case: an answered outgoing call is the agent's, talking", () => {
    const directory = buildDirectory(parseExtensions(extensions))
    const own = { accountId: 'a', extensionId: '4101', number: '201' }
    const { call_flow: _flow, answer_time_gmt: _answer, ...rest } = call
    const shouting = parseCallList(
      JSON.stringify({
        CALL_LIST: [{ ...rest, Call_Flow: 'OUT', ANSWER_TIME_GMT: '2026-01-02 10:00:05' }],
      }),
    )
    expect(ownCalls(shouting, own, directory, 0)[0]).toMatchObject({
      state: 'up',
      direction: 'outbound',
      placedBy: 'agent',
      answeredAt: Date.UTC(2026, 0, 2, 10, 0, 5),
    })
  })

  it('reads records into history with talk time, recording and call id', () => {
    const directory = buildDirectory(parseExtensions(extensions))
    const own = { accountId: 'a', extensionId: '4101', number: '201' }
    const [entry] = historyFrom(
      parseRecords(JSON.stringify([record])),
      own,
      new SeenCalls(),
      directory,
    )
    expect(entry).toMatchObject({
      id: 'c1',
      callId: 'c1',
      recordingId: 'r1',
      result: 'answered',
      direction: 'inbound',
      durationSec: 5,
      to: { number: '201', name: 'Mette Nielsen' },
    })
  })

  it('reads rate-limit headers as epoch seconds or seconds from now', () => {
    const now = 1_700_000_000_000
    expect(
      parseRateLimit(
        {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '12',
          'x-ratelimit-reset': '1700000600',
        },
        now,
      ),
    ).toEqual({ limit: 5000, remaining: 12, resetAt: 1_700_000_600_000 })
    expect(
      parseRateLimit(
        { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' },
        now,
      )?.resetAt,
    ).toBe(now + 30_000)
    expect(parseRateLimit({ 'x-ratelimit-limit': '10' }, now)).toBeUndefined()
    expect(
      parseRateLimit(
        { 'x-ratelimit-limit': 'x', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '1' },
        now,
      ),
    ).toBeUndefined()
  })

  it('reads GMT times and refuses junk without throwing', () => {
    expect(parseGmt('2026-01-02 10:00:00')).toBe(Date.UTC(2026, 0, 2, 10))
    expect(parseGmt('2026-01-02T10:00:00Z')).toBe(Date.UTC(2026, 0, 2, 10))
    expect(parseGmt('')).toBeUndefined()
    expect(parseGmt('yesterday')).toBeUndefined()
  })
})

describe('REST ver1.0 parsers under random input', () => {
  const samples = [
    extensions,
    JSON.stringify({
      call_list: [call, { ...call, call_api_id: 'c2', answer_time_gmt: '2026-01-02 10:00:05' }],
    }),
    JSON.stringify([record]),
    '{"access_token":"abcdefgh1234","expires_in":3600,"token_type":"Bearer"}',
    JSON.stringify([{ slot: 701, call_api_id: 'c1', caller_id_number: '1' }]),
  ]

  for (const [name, parse] of Object.entries(parsers)) {
    it(`${name}: any text, any JSON, any cut of a real answer → a value or bad_response`, () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 300 }), (body) => typedOrValue(() => parse(body))),
        { numRuns: 150 },
      )
      fc.assert(
        fc.property(fc.json({ maxDepth: 4 }), (body) => typedOrValue(() => parse(body))),
        { numRuns: 150 },
      )
      fc.assert(
        fc.property(fc.constantFrom(...samples), fc.nat(), (body, cut) =>
          typedOrValue(() => parse(body.slice(0, cut % (body.length + 1)))),
        ),
        { numRuns: 150 },
      )
    })
  }

  it('survives oversized fields and long lists, and keeps names bounded', () => {
    const huge = 'x'.repeat(200_000)
    const rows = parseCallList(
      JSON.stringify({ call_list: [{ ...call, caller_id_name: huge, caller_id_number: huge }] }),
    )
    const directory = buildDirectory(parseExtensions(extensions))
    const own = { accountId: 'a', extensionId: '4101', number: '201' }
    const [mine] = ownCalls(rows, own, directory, 0)
    expect(mine!.remote.number.length).toBeLessThanOrEqual(40)
    expect((mine!.remote.name ?? '').length).toBeLessThanOrEqual(120)
    const many = JSON.stringify(
      Array.from({ length: 20_000 }, (_, i) => ({ ...record, call_uuid: `c${i}` })),
    )
    expect(parseRecords(many)).toHaveLength(20_000)
  })

  it('normalisers never throw on any shape the parsers accept', () => {
    const row = fc.record({
      call_api_id: fc.string({ minLength: 1, maxLength: 8 }),
      extension_id: fc.constantFrom('4101', '4102', '4281', '', 'zz'),
      call_flow: fc.constantFrom('in', 'out', '', 'sideways'),
      caller_id_number: fc.string({ maxLength: 20 }),
      caller_id_name: fc.string({ maxLength: 20 }),
      called_number: fc.constantFrom('201', '281', '+451234', ''),
      called_did: fc.string({ maxLength: 5 }),
      init_time_gmt: fc.constantFrom('2026-01-02 10:00:00', '', 'junk'),
      answer_time_gmt: fc.constantFrom('2026-01-02 10:00:05', ''),
      record_uuid: fc.string({ maxLength: 5 }),
      real_call: fc.boolean(),
      callback_id: fc.string({ maxLength: 5 }),
    })
    const directory = buildDirectory(parseExtensions(extensions))
    const own = { accountId: 'a', extensionId: '4101', number: '201' }
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (rows) => {
        const calls = ownCalls(rows, own, directory, 0)
        expect(new Set(calls.map((c) => c.id)).size).toBe(calls.length)
        presenceFrom(directory, [], rows, 'a', 0)
      }),
      { numRuns: 200 },
    )
  })
})

describe('REST ver1.0 rows read without zod', () => {
  // Any JSON value and then some: edge lengths and numbers, NaN and infinities.
  const value = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom('', 'true', '1', 'false', '0', 'x'.repeat(200), 'x'.repeat(201)),
    fc.integer(),
    fc.double(),
    fc.constantFrom(1, 0, -0, 1.5, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), Number.NaN, Infinity),
    fc.boolean(),
    fc.constantFrom(null, undefined),
    fc.array(fc.integer(), { maxLength: 2 }),
    fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
  )

  for (const [name, { schema, read }] of Object.entries(rowReaders)) {
    it(`${name} rows: the reader takes exactly what the schema takes, and reads it the same`, () => {
      const fields = Object.keys(schema.shape)
      const row = fc.record(Object.fromEntries(fields.map((field) => [field, value])), {
        requiredKeys: [],
      })
      fc.assert(
        fc.property(fc.oneof(row, value), (item) => {
          const expected = schema.safeParse(item)
          const rows = readRows([item], read as never, 1) as unknown[] | undefined
          expect(rows !== undefined).toBe(expected.success)
          if (rows && expected.success) {
            expect(rows[0]).toStrictEqual(expected.data)
            expect(JSON.stringify(rows[0])).toBe(JSON.stringify(expected.data))
          }
        }),
        { numRuns: 2000 },
      )
    })
  }

  it('reads a whole answer as the schema would, and refuses what it refuses', () => {
    const good = { call_api_id: 7, extension_id: 4101, call_flow: 'in', called_did: null }
    const [row] = parseCallList(JSON.stringify({ call_list: [good] }))
    expect(row).toMatchObject({ call_api_id: '7', extension_id: '4101', called_did: '' })
    // A bare array (no `call_list` wrapper) is read the same; `real_call` defaults to true.
    expect(parseCallList(JSON.stringify([good]))).toEqual([row])
    expect(row?.real_call).toBe(true)
    expect(parseRegistrations('[{"extension_id":"4101","registered":"1"}]')).toEqual([
      { extension_id: '4101', registered: true },
    ])
    for (const body of [
      JSON.stringify({ call_list: [good, { ...good, call_api_id: '' }] }),
      JSON.stringify({ call_list: [good, { ...good, caller_id_name: { x: 1 } }] }),
      JSON.stringify({ call_list: [good, 'c2'] }),
      JSON.stringify([good, 'c2']),
    ]) {
      expect(() => parseCallList(body)).toThrow(AppError)
    }
    for (const body of ['[{"extension_id":1.5}]', '[{"extension_id":1,"registered":[]}]', '{}']) {
      expect(() => parseRegistrations(body)).toThrow(AppError)
    }
  })
})

describe('TokenKeeper', () => {
  const fetched = { value: 'token-value-1', expiresInSec: 3600 }

  it('asks once for many concurrent requests, and once for many refused ones', async () => {
    let asked = 0
    let now = 0
    const keeper = new TokenKeeper(
      async () => {
        asked++
        await Promise.resolve()
        return { ...fetched, value: `token-value-${asked}` }
      },
      () => now,
    )
    const first = await Promise.all(Array.from({ length: 20 }, () => keeper.current()))
    expect(asked).toBe(1)
    expect(new Set(first.map((t) => t.value)).size).toBe(1)
    const renewed = await Promise.all(first.map((t) => keeper.after(t)))
    expect(asked).toBe(2)
    expect(new Set(renewed.map((t) => t.value))).toEqual(new Set(['token-value-2']))
    now = 3600_000
    await Promise.all(Array.from({ length: 5 }, () => keeper.current()))
    expect(asked).toBe(3)
  })

  it('forgets a replaced token in the log redaction, so a long run does not keep every token', async () => {
    let asked = 0
    const keeper = new TokenKeeper(
      async () => ({ value: `rotating-token-${++asked}-abcdef`, expiresInSec: 3600 }),
      () => 0,
    )
    const first = await keeper.current()
    expect(redact(`Bearer ${first.value}`)).not.toContain(first.value)
    await keeper.after(first)
    expect(redact(`Bearer ${first.value}`)).toContain(first.value)
    expect(redact('Bearer rotating-token-2-abcdef')).not.toContain('rotating-token-2')
  })

  it('fails a whole burst once when the secret is refused, and tries again on the next request', async () => {
    let asked = 0
    let refuse = false
    const keeper = new TokenKeeper(
      async () => {
        asked++
        if (refuse) throw new AppError('auth', 'refused')
        return fetched
      },
      () => 0,
    )
    const token = await keeper.current()
    refuse = true
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => keeper.after(token)))
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true)
    expect(asked).toBe(2)
    await expect(keeper.current()).rejects.toMatchObject({ kind: 'auth' })
    expect(asked).toBe(3)
  })
})

describe('RestV1Provider capabilities', () => {
  it('claims exactly the capabilities its facet methods back', () => {
    const provider = new RestV1Provider('a', { clientId: 'c' }, 'secret-for-test')
    expect(provider.capabilities).toEqual(deriveCapabilities(provider))
    expect(provider.capabilities.has('chat')).toBe(false)
    // The agent status has no field for a reason: the window must not ask for one.
    expect(provider.capabilities.has('queue_pause_reason')).toBe(false)
  })
})

describe('REST queue waits (issue 15, finding 14)', () => {
  it('reads the longest wait of the callers not yet answered from the queue members', () => {
    const members = JSON.stringify([
      {
        state: 'answered',
        number: '+4511',
        wait_time: 400,
        joined_datetime: '',
        serving_agent: '700*201',
      },
      { state: 'waiting', number: '+4522', wait_time: 95, joined_datetime: '', serving_agent: '' },
      {
        state: 'trying',
        number: '+4533',
        wait_time: '130',
        joined_datetime: '',
        serving_agent: '',
      },
    ])
    expect(parseLongestWait(members)).toBe(130)
    expect(parseLongestWait('[]')).toBeUndefined()
    expect(() => parseLongestWait('{"list":1}')).toThrow(AppError)
  })
})
