/**
 * The REST ver1.0 provider against answers written from the documents, not from
 * the demo (tests/fixtures/wire/restv1/, README there names each file's source):
 * a tiny local server replays the fixtures, so the client's HTTP handling (token
 * at the host root, 201/204, rate-limit headers, 429, paging, repeated ids) and
 * the readers are checked on exactly what PLATFORM-FACTS R1–R7 say a server sends.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  parseCallList,
  parseExtensions,
  parseRecords,
  parseRegistrations,
  parseToken,
  rowReaders,
} from '../../src/main/providers/restv1/parse'
import { RestV1Provider } from '../../src/main/providers/restv1'
import { AppError, isAppError } from '../../src/shared/result'

const dir = join(__dirname, '../fixtures/wire/restv1')
interface Wire {
  status: number
  headers: Record<string, string>
  body: unknown
}
const wire = (name: string): Wire => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Wire
const text = (w: Wire): string => (typeof w.body === 'string' ? w.body : JSON.stringify(w.body))

/** Seed 002's call_mdl (R4). */
const R4 = [
  'answer_time_gmt',
  'call_api_id',
  'call_flow',
  'callback_id',
  'called_did',
  'called_number',
  'caller_id_name',
  'caller_id_number',
  'extension_id',
  'init_time_gmt',
  'real_call',
  'record_uuid',
]

interface Seen {
  method: string
  path: string
  query: URLSearchParams
  body: string
}

let server: Server
let seen: Seen[]
let calls: string
let limited: boolean
let host: string

function route(req: Seen): Wire {
  const { method, path, query } = req
  if (limited) return wire('rate-limited-429.json')
  if (method === 'POST' && path === '/oauth/token') return wire('token.json')
  if (method === 'GET' && path === '/api/ver1.0/client/@me/current_calls/') return wire(calls)
  if (method === 'GET' && path === '/api/ver1.0/client/@me/extension/')
    return wire(`extensions-page${query.get('page') ?? '1'}.json`)
  if (method === 'GET' && path === '/api/ver1.0/extension/registration/')
    return wire('registration.json')
  if (method === 'GET' && /^\/api\/ver1\.0\/extension\/\d+\/record\/$/.test(path))
    return query.get('page') === '1' ? wire('records.json') : { ...wire('extensions-page3.json') }
  if (method === 'POST' && /\/callback\/$/.test(path)) return wire('callback-201.json')
  if (method === 'DELETE' && /\/current_calls\/[^/]+$/.test(path)) return wire('hangup-204.json')
  if (method === 'PUT' && /\/current_calls\/[^/]+$/.test(path))
    return { status: 200, headers: wire('token.json').headers, body: {} }
  // Anything seed 002 does not document: what a real server answers (R7).
  return {
    status: 404,
    headers: wire('token.json').headers,
    body: { message: 'Not found', status: 'not_found' },
  }
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

beforeEach(async () => {
  seen = []
  calls = 'current_calls-ringing-and-talking.json'
  limited = false
  server = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const entry = { method: req.method ?? '', path: url.pathname, query: url.searchParams, body }
      seen.push(entry)
      const answer = route(entry)
      res.writeHead(answer.status, answer.headers)
      res.end(answer.status === 204 ? undefined : text(answer))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const providerAt = (extensionId: string): RestV1Provider =>
  new RestV1Provider('acc', { host, clientId: 'app', extensionId }, 'secret-for-wire-tests', {
    now: () => Date.UTC(2025, 0, 6, 9, 3, 0),
  })

async function failure(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run()
  } catch (error) {
    if (isAppError(error)) return error
    throw error
  }
  throw new Error('expected a failure')
}

describe('REST ver1.0 readers over every wire fixture', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'))

  it.each(files)('%s is read without error', (file) => {
    const w = wire(file)
    const body = text(w)
    if (file.startsWith('token')) expect(parseToken(body).expiresInSec).toBe(3600)
    if (file.startsWith('current_calls-one')) {
      const row = rowReaders.call.read(w.body as Record<string, unknown>)
      expect(Object.keys(row).sort()).toEqual(R4)
    } else if (file.startsWith('current_calls')) {
      const rows = parseCallList(body)
      expect(rows.length).toBeGreaterThan(0)
      for (const row of rows) expect(Object.keys(row).sort()).toEqual(R4)
    }
    if (file.startsWith('extensions')) expect(Array.isArray(parseExtensions(body))).toBe(true)
    if (file.startsWith('registration')) expect(parseRegistrations(body)).toHaveLength(3)
    if (file.startsWith('records')) expect(parseRecords(body)).toHaveLength(2)
  })

  it('the seed-order fixture has exactly the R4 fields and no state field', () => {
    const rows = (wire('current_calls-ringing-and-talking.json').body as { call_list: object[] })
      .call_list
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(R4)
  })
})

describe('REST ver1.0 provider on the documented wire', () => {
  it('signs in at the host root (R1) and keeps the rate-limit budget every answer carries (R3)', async () => {
    const provider = providerAt('4101')
    const identity = await provider.signIn()
    expect(identity.ownExtension).toBe('201')
    const token = seen.find((s) => s.method === 'POST')
    expect(token?.path).toBe('/oauth/token')
    expect(new URLSearchParams(token?.body).get('grant_type')).toBe('client_credentials')
    expect(provider.stats.rateLimit).toEqual({
      limit: 1000,
      remaining: 993,
      resetAt: 1736157600_000,
    })
  })

  it('pages the extension list until a short or empty page, however few per page the server gives (R5)', async () => {
    await providerAt('4101').signIn()
    const pages = seen.filter((s) => s.path.endsWith('/client/@me/extension/'))
    expect(pages.map((p) => p.query.get('page'))).toEqual(['1', '2', '3'])
    expect(pages.every((p) => p.query.get('per_page') !== null)).toBe(true)
  })

  it('shows who rings, who talks and who is offline from registrations and unanswered calls (R4, R6)', async () => {
    const provider = providerAt('4101')
    await provider.signIn()
    const lamps = await provider.presence()
    expect(lamps.map((l) => `${l.extension}:${l.state}`)).toEqual([
      '201:ringing',
      '202:busy',
      '203:offline',
    ])
    const registration = seen.find((s) => s.path.endsWith('/extension/registration/'))
    expect(registration?.query.getAll('extension_id')).toEqual(['4101', '4102', '4103'])
    const [call] = await provider.calls()
    expect(call).toMatchObject({
      state: 'ringing',
      direction: 'inbound',
      placedBy: 'outside',
      remote: { number: '+4520304050', name: 'Alice Mortensen' },
    })
  })

  it("a call the agent placed is theirs and talking; hold is known from the agent's own action only", async () => {
    const provider = providerAt('4102')
    await provider.signIn()
    const [call] = await provider.calls()
    expect(call).toMatchObject({ state: 'up', direction: 'outbound', placedBy: 'agent' })
    await provider.hold(call!)
    expect((await provider.calls())[0]?.state).toBe('held')
    expect((await provider.presence()).find((l) => l.extension === '202')?.state).toBe('on_hold')
    await provider.resume(call!)
    expect((await provider.calls())[0]?.state).toBe('up')
  })

  it("picks up the colleague's call that has no answer time yet", async () => {
    const provider = providerAt('4102')
    await provider.signIn()
    await provider.pickupAt('201')
    // The colleague's entry, with the agent's number in send_dst (Current Calls page).
    const put = seen.filter((s) => s.method === 'PUT').at(-1)
    expect(put?.path).toBe(
      '/api/ver1.0/extension/4101/current_calls/3f2a6c1e-0b1d-4c55-9a7e-1c2d3e4f5a60',
    )
    expect(JSON.parse(put?.body ?? '{}')).toEqual({ action: 'pickup', send_dst: '202' })
    calls = 'current_calls-later-page-fields.json'
    // 203 talks (answer time set): there is nothing ringing to pick up.
    expect((await failure(() => provider.pickupAt('203'))).kind).toBe('not_found')
  })

  it('takes 201 with a body for a callback and 204 with none for a hang-up (R2)', async () => {
    const provider = providerAt('4101')
    await provider.signIn()
    expect(await provider.dial('+4522446688')).toEqual({
      callId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    })
    const [call] = await provider.calls()
    await expect(provider.hangup(call!)).resolves.toBeUndefined()
  })

  it('turns 429 into rate_limited after the Retry-After the server gives (R3)', async () => {
    const provider = providerAt('4101')
    await provider.signIn()
    limited = true
    const error = await failure(() => provider.calls())
    expect(error.kind).toBe('rate_limited')
    expect(error.retryAfterMs).toBe(17_000)
    expect(error.detail).toEqual({ code: 'rate_limited', params: { seconds: 17 } })
    expect(provider.stats.rateLimit?.remaining).toBe(0)
  })

  it("reads the agent's records per extension (R7) into history with who placed each call", async () => {
    const provider = providerAt('4101')
    await provider.signIn()
    const history = await provider.history(Date.UTC(2025, 0, 5), Date.UTC(2025, 0, 6))
    expect(seen.some((s) => s.path === '/api/ver1.0/extension/4101/record/')).toBe(true)
    expect(history.map((r) => [r.from.number, r.result, r.placedBy, r.durationSec])).toEqual([
      ['+4520304050', 'answered', 'outside', 65],
      ['+4522446688', 'missed', 'outside', 0],
    ])
    expect(history[0]?.recordingId).toBe('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d')
  })

  it('asks once for what no document names, then says this PBX does not offer it (R7)', async () => {
    const provider = providerAt('4101')
    await provider.signIn()
    for (const run of [() => provider.voicemails(), () => provider.parkedCalls()]) {
      const before = seen.length
      expect((await failure(run)).detail?.code).toBe('not_offered')
      expect((await failure(run)).detail?.code).toBe('not_offered')
      expect(seen.length - before).toBe(1)
    }
    expect(provider.capabilities.has('voicemail')).toBe(false)
    expect(provider.capabilities.has('parked_calls')).toBe(false)
    expect(provider.capabilities.has('calls')).toBe(true)
  })
})
