/**
 * REST ver1.0 parsers and normalisers: exact on the documented shapes, and under
 * fast-check's random, truncated and oversized input they return a value or a
 * typed AppError, never another exception. Also the token keeper's one-renewal
 * rule, without any network.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildDirectory,
  historyFrom,
  ownCalls,
  presenceFrom,
  shortNumber,
} from '../../src/main/providers/restv1/normalise'
import {
  errorOf,
  parseAgents,
  parseCallList,
  parseCallback,
  parseExtensions,
  parseGmt,
  parseQueueStatus,
  parseRateLimit,
  parseRecords,
  parseRegistrations,
  parseSlots,
  parseToken,
  parseUser,
  parseVoicemails,
  tokenErrorOf,
} from '../../src/main/providers/restv1/parse'
import { RestV1Provider } from '../../src/main/providers/restv1/restv1-provider'
import { TokenKeeper } from '../../src/main/providers/restv1/token'
import { BaseProvider, capabilityFor, type PbxProvider } from '../../src/main/providers/provider'
import { AppError } from '../../src/shared/result'

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
  call_state: 'ringing',
  caller_id_number: '+4570102030',
  caller_id_name: 'Torben \u202eKnudsen\u0000',
  called_number: '281',
  called_did: null,
  init_time_gmt: '2026-01-02 10:00:00',
  answer_time_gmt: null,
  record_uuid: null,
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

  it('reads records into history with talk time, recording and call id', () => {
    const directory = buildDirectory(parseExtensions(extensions))
    const own = { accountId: 'a', extensionId: '4101', number: '201' }
    const [entry] = historyFrom(parseRecords(JSON.stringify([record])), own, new Set(), directory)
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
    JSON.stringify({ call_list: [call, { ...call, call_api_id: 'c2', call_state: 'answered' }] }),
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
      call_state: fc.constantFrom(
        'ringing',
        'calling',
        'answered',
        'hold',
        'parked',
        'queued',
        '?',
      ),
      caller_id_number: fc.string({ maxLength: 20 }),
      caller_id_name: fc.string({ maxLength: 20 }),
      called_number: fc.constantFrom('201', '281', '+451234', ''),
      called_did: fc.string({ maxLength: 5 }),
      init_time_gmt: fc.constantFrom('2026-01-02 10:00:00', '', 'junk'),
      answer_time_gmt: fc.constantFrom('2026-01-02 10:00:05', ''),
      record_uuid: fc.string({ maxLength: 5 }),
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
  it('claims exactly the capabilities whose methods it implements', () => {
    const provider = new RestV1Provider('a', { clientId: 'c' }, 'secret-for-test')
    const methods = Object.getOwnPropertyNames(BaseProvider.prototype) as (keyof PbxProvider)[]
    for (const method of methods) {
      const capability = capabilityFor(method)
      if (typeof capability !== 'string') continue
      const mine = RestV1Provider.prototype as unknown as Record<string, unknown>
      const base = BaseProvider.prototype as unknown as Record<string, unknown>
      const own = mine[method] !== base[method]
      expect({ method, own }).toEqual({ method, own: provider.capabilities.has(capability) })
    }
    expect(provider.capabilities.has('chat')).toBe(false)
    // The agent status has no field for a reason: the window must not ask for one.
    expect(provider.capabilities.has('queue_pause_reason')).toBe(false)
  })
})
