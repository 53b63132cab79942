/**
 * One call, several rows: on a real REST ver1.0 server each extension on a call has
 * its own `call_api_id` (PLATFORM-FACTS R4, seed 002 `call_mdl`). The provider
 * against answers written from the documents (tests/fixtures/wire/restv1/, README
 * there): a queue call answered by a colleague, a call transferred away, and an
 * internal call, each seen from the agent's phone, with every action addressed to
 * the row it belongs to.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RestV1Provider } from '../../src/main/providers/restv1'
import { SeenCalls } from '../../src/main/providers/restv1/call-legs'
import { buildDirectory, historyFrom } from '../../src/main/providers/restv1/normalise'
import { parseExtensions, parseRecords } from '../../src/main/providers/restv1/parse'
import type { Call } from '../../src/shared/model'

const dir = join(__dirname, '../fixtures/wire/restv1')
interface Wire {
  status: number
  headers: Record<string, string>
  body: unknown
}
const wire = (name: string): Wire => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Wire

let server: Server
let host: string
/** The fixture the next `current_calls` request gets. */
let calls: string
let writes: { method: string; path: string; body: string }[]

function answer(method: string, path: string, page: string | null): Wire {
  const api = '/api/ver1.0'
  if (method === 'POST' && path === '/oauth/token') return wire('token.json')
  if (path === `${api}/client/@me/current_calls/`) return wire(calls)
  if (path === `${api}/client/@me/extension/`) return wire(`extensions-page${page ?? '1'}.json`)
  if (path === `${api}/extension/registration/`) return wire('registration.json')
  if (method === 'DELETE') return wire('hangup-204.json')
  return { status: 200, headers: wire('token.json').headers, body: {} }
}

beforeEach(async () => {
  writes = []
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const method = req.method ?? ''
      if (method === 'PUT' || method === 'DELETE') {
        writes.push({ method, path: url.pathname, body: Buffer.concat(chunks).toString('utf8') })
      }
      const w = answer(method, url.pathname, url.searchParams.get('page'))
      res.writeHead(w.status, w.headers)
      res.end(w.status === 204 ? undefined : JSON.stringify(w.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

async function agentAt(extensionId: string): Promise<RestV1Provider> {
  const provider = new RestV1Provider(
    'acc',
    { host, clientId: 'app', extensionId },
    'secret-for-wire-tests',
    { now: () => Date.UTC(2025, 0, 6, 9, 3, 0) },
  )
  await provider.signIn()
  return provider
}

describe('REST ver1.0: every extension on a call has its own call_api_id (R4)', () => {
  it('a queue call that rang here and was answered at 203 closes as answered elsewhere, not missed', async () => {
    const agent = await agentAt('4101')
    calls = 'current_calls-queue-ringing-three.json'
    const [ringing] = await agent.calls()
    expect(ringing).toMatchObject({
      id: '5d0e7c1a-2b3c-4d5e-8f60-7a8b9c0d1e2f',
      state: 'ringing',
      queue: 'Kundeservice',
      placedBy: 'outside',
    })
    calls = 'current_calls-queue-answered-by-203.json'
    expect(await agent.calls()).toEqual([
      {
        ...ringing,
        state: 'up',
        answeredElsewhere: { number: '203', name: 'Sofie Holm' },
        handle: { callApiId: '0b7e2d4c-6a8f-4e1d-9c3b-5a7f9e1d3c5b', extensionId: '4103' },
      },
    ])
  })

  it('a call the agent transferred to 203 keeps its id in the app, and is acted on through 203’s row', async () => {
    const agent = await agentAt('4101')
    calls = 'current_calls-agent-talking.json'
    const [talking] = await agent.calls()
    expect(talking).toMatchObject({ state: 'up', remote: { number: '+4520304050' } })
    calls = 'current_calls-transferred-to-203.json'
    const [moved] = await agent.calls()
    expect(moved).toMatchObject({
      id: talking!.id,
      state: 'ringing',
      local: { number: '203', name: 'Sofie Holm' },
      handle: { callApiId: '3c5e7a9b-2d4f-4a6c-8e0b-1d3f5a7c9e2d', extensionId: '4103' },
    })
    // Taking it back while it rings at 203: the colleague's row, the agent's number.
    await agent.pickup(moved!)
    expect(writes.at(-1)).toEqual({
      method: 'PUT',
      path: '/api/ver1.0/extension/4103/current_calls/3c5e7a9b-2d4f-4a6c-8e0b-1d3f5a7c9e2d',
      body: JSON.stringify({ action: 'pickup', send_dst: '201' }),
    })
  })

  it('an internal call is one call on each side, both phones busy, each hung up by its own row', async () => {
    calls = 'current_calls-internal-201-to-202.json'
    const caller = await agentAt('4101')
    const mine = await caller.calls()
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({
      id: '6f8a0c2e-4b6d-4f8a-9c1e-3b5d7f9a1c3e',
      direction: 'internal',
      placedBy: 'agent',
      remote: { number: '202' },
    })
    const lamps = await caller.presence()
    expect(lamps.filter((l) => l.state === 'busy').map((l) => l.extension)).toEqual(['201', '202'])
    await caller.hangup(mine[0]!)
    expect(writes.at(-1)?.path).toBe(
      '/api/ver1.0/extension/4101/current_calls/6f8a0c2e-4b6d-4f8a-9c1e-3b5d7f9a1c3e',
    )

    const callee = await agentAt('4102')
    const theirs = await callee.calls()
    expect(theirs).toHaveLength(1)
    expect(theirs[0]).toMatchObject({
      id: 'd2f4a6c8-e0b2-4d4f-8a6c-8e0b2d4f6a8c',
      placedBy: 'colleague',
      remote: { number: '201' },
    })
  })

  it('a ringing call whose caller is on no other phone is gone (the session calls it missed)', async () => {
    const agent = await agentAt('4101')
    calls = 'current_calls-queue-ringing-three.json'
    expect(await agent.calls()).toHaveLength(1)
    // Alice hung up; 201 now talks to 202: that row is another call, not where Alice went.
    calls = 'current_calls-internal-201-to-202.json'
    const now = await agent.calls()
    expect(now.map((c) => [c.id, c.remote.number, c.answeredElsewhere])).toEqual([
      ['6f8a0c2e-4b6d-4f8a-9c1e-3b5d7f9a1c3e', '202', undefined],
    ])
  })

  it('a call record names the call as the live list did, so a missed call is not reported twice', () => {
    const directory = buildDirectory(
      ['extensions-page1.json', 'extensions-page2.json'].flatMap((f) =>
        parseExtensions(JSON.stringify(wire(f).body)),
      ),
    )
    const own = { accountId: 'acc', extensionId: '4101', number: '201' }
    const seen = new SeenCalls()
    // The agent's row rang from 15:10:01 (its own id; the record's call_uuid is not it).
    const live: Call = {
      id: '1e3d5c7b-9a8f-4e6d-8c4b-2a1f3e5d7c9b',
      accountId: 'acc',
      direction: 'inbound',
      placedBy: 'outside',
      state: 'ringing',
      local: { number: '201' },
      remote: { number: '+4522446688' },
      startedAt: Date.UTC(2025, 0, 5, 15, 10, 1),
      handle: { callApiId: '1e3d5c7b-9a8f-4e6d-8c4b-2a1f3e5d7c9b', extensionId: '4101' },
    }
    seen.remember(live)
    const records = historyFrom(
      parseRecords(JSON.stringify(wire('records.json').body)),
      own,
      seen,
      directory,
    )
    expect(records.map((r) => [r.from.number, r.callId])).toEqual([
      // Another caller: its own call_uuid.
      ['+4520304050', 'c0ffee00-1111-4222-8333-444455556666'],
      ['+4522446688', live.id],
    ])
    // The same caller ten minutes earlier was another call.
    const earlier = new SeenCalls()
    earlier.remember({ ...live, startedAt: live.startedAt + 10 * 60_000 })
    const [, again] = historyFrom(
      parseRecords(JSON.stringify(wire('records.json').body)),
      own,
      earlier,
      directory,
    )
    expect(again?.callId).toBe('c0ffee00-7777-4888-9999-aaaabbbbcccc')
  })
})
