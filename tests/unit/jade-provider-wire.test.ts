/**
 * The jade provider as the real server lets it work (PLATFORM-FACTS J1–J3, J7),
 * against the demo PBX's jade face, which serves the same: device states at the
 * root without a token, colleagues as users, calls by user uuid, event sockets.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { ManualClock, startDemoPbx, type DemoPbx } from '@switchboard/demo-pbx/testing'
import type { FaultRequest } from '@switchboard/demo-pbx/testing'
import { JadeProvider, type JadeSettings } from '../../src/main/providers/jade'
import { PushSocket } from '../../src/main/providers/jade/push'
import type { PushKind } from '../../src/main/providers/provider'
import { accountConfigSchema } from '../../src/shared/account-config'
import { AppError } from '../../src/shared/result'

let clock: ManualClock
let demo: DemoPbx
const made: JadeProvider[] = []
let seen: FaultRequest[] = []

function make(
  settings: Partial<JadeSettings> = {},
  admin = true,
  statesPerPoll?: number,
): JadeProvider {
  const p = new JadeProvider(
    'acc',
    {
      baseUrl: demo.jade.url,
      username: demo.jade.username,
      ...(admin ? { adminUsername: demo.jade.adminUsername } : {}),
      pinnedFingerprint: demo.jade.fingerprint,
      wsUrl: demo.jade.wsUrl,
      ...settings,
    },
    { password: demo.jade.password, ...(admin ? { adminPassword: demo.jade.adminPassword } : {}) },
    {
      now: () => clock.now(),
      timeoutMs: 2000,
      push: { backoffBaseMs: 20, backoffCapMs: 80 },
      ...(statesPerPoll ? { statesPerPoll } : {}),
    },
  )
  made.push(p)
  return p
}

async function failure(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected a failure')
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await sleep(10)
  }
}

beforeEach(async () => {
  clock = new ManualClock()
  demo = await startDemoPbx({ clock, autopilot: false })
  seen = []
  // A fault that never strikes: it only lets the test see every request.
  demo.jade.faults.add({ kind: 'reset', match: (r) => (seen.push(r), false) })
})

afterEach(async () => {
  for (const p of made.splice(0)) await p.close()
  await demo.close()
})

describe('jade as the real server serves it', () => {
  it('shows lamps from /device_states, without a token and never from /v1/device_states', async () => {
    const provider = make()
    await provider.signIn()
    demo.state.setDnd('DEMO', '203', true)
    seen = []
    const lamps = await provider.presence()
    // Asterisk has no do-not-disturb device state: the phone answers busy.
    expect(lamps.find((l) => l.extension === '203')?.state).toBe('busy')
    expect(lamps.find((l) => l.extension === '203')?.name).toBe('Anne Hansen')
    const states = seen.filter((r) => r.path.includes('device_states'))
    expect(states.map((r) => r.path)).toContain('/device_states')
    expect(states.filter((r) => r.path === '/device_states/').length).toBeGreaterThan(5)
    expect(states.every((r) => !r.path.startsWith('/v1') && r.params.authtoken === undefined)).toBe(
      true,
    )
  })

  it('reads a bounded number of device states per poll, calls first, every lamp in turn', async () => {
    const provider = make({}, true, 3)
    await provider.signIn()
    await provider.presence() // the first poll fills the board (4 × 3 devices)
    const perPoll = async (): Promise<number> => {
      seen = []
      await provider.presence()
      return seen.filter((r) => r.path === '/device_states/').length
    }
    // A colleague's phone rings: the next poll shows it, whatever the turn.
    demo.scenario.inboundCall({ from: '+4570102030', to: '205', ringMs: 60_000 })
    clock.advance(500)
    await provider.calls()
    expect(await perPoll()).toBeLessThanOrEqual(3)
    const lamp = async (ext: string) => (await provider.presence()).find((l) => l.extension === ext)
    expect((await lamp('205'))?.state).toBe('ringing')
    // An idle colleague's change is read in turn, even while others keep the
    // urgent slots busy: within the 12 devices of the office.
    demo.state.setDnd('DEMO', '209', true)
    let polls = 0
    while ((await lamp('209'))?.state !== 'busy') {
      polls++
      expect(polls).toBeLessThanOrEqual(12)
    }
    expect(await perPoll()).toBeLessThanOrEqual(3)
  })

  it('calls a colleague whose buddy entry has no name or extension, by user uuid', async () => {
    const provider = make()
    await provider.signIn()
    const found = await provider.searchContacts('Lars')
    expect(found).toContainEqual(
      expect.objectContaining({
        name: 'Lars Jensen',
        numbers: [{ label: 'extension', number: '202' }],
      }),
    )
    expect(found.every((c) => c.name.includes('Lars'))).toBe(true)
    await provider.dial('202')
    const posted = seen.find((r) => r.method === 'POST' && r.path === '/v1/me/calls')
    expect(posted).toBeDefined()
    // jade rings the agent's own phone first, then the colleague's.
    const calls = await provider.calls()
    expect(calls.length).toBeGreaterThan(0)
    expect(calls.every((c) => c.placedBy !== undefined)).toBe(true)
    expect(calls.some((c) => c.placedBy === 'agent')).toBe(true)
  })

  it('calls a colleague with no device of theirs listed by uuid, and refuses a user it never listed', async () => {
    const provider = make({}, false)
    await provider.signIn()
    const [anne] = await provider.searchContacts('anne')
    expect(anne).toMatchObject({ name: 'Anne Hansen', numbers: [] })
    seen = []
    await provider.dialContact(anne!.id)
    const posted = seen.filter((r) => r.method === 'POST').map((r) => r.path)
    expect(posted).toEqual(['/v1/me/calls'])
    expect(demo.state.calls.active('DEMO').map((c) => c.to)).toEqual(['203'])
    seen = []
    const error = await failure(() => provider.dialContact('5e0c0c1e-0000-4000-8000-000000000000'))
    expect(error.detail?.code).toBe('contact.unknown')
    expect(seen.some((r) => r.method === 'POST')).toBe(false)
  })

  it('a user-only account shows the lamps listed under colleagues’ logins, names everyone, and says what its events lack', async () => {
    const provider = make({}, false)
    await provider.signIn()
    // No user request lists a colleague's devices: a lamp only where /device_states
    // lists one under the colleague's login (the demo: logins are the number on even
    // extensions), never a guess for the others.
    expect((await provider.presence()).map((l) => l.extension)).toEqual([
      '201',
      '202',
      '204',
      '206',
      '208',
      '210',
      '212',
    ])
    const everyone = await provider.searchContacts('')
    expect(everyone).toHaveLength(11)
    expect(everyone.every((c) => c.name !== '')).toBe(true)
    expect(everyone.find((c) => c.name === 'Anne Hansen')?.numbers).toEqual([])
    expect(seen.some((r) => r.path.startsWith('/v1/admin'))).toBe(false)
    expect(provider.pushStatus().limits).toMatch(/supervisor/)
  })

  it('shows chat messages of one second whatever digits their times have, and the newest time of a room', async () => {
    const provider = make()
    await provider.signIn()
    const room = (await provider.chatRooms()).find((r) => r.name === 'Support')!
    // At .050 s jade writes `.50000000Z` (+ the message's nanoseconds); read at .100 s
    // its own now, `.100…Z`, sorts before that text.
    await clock.advance(1000 - (clock.now() % 1000) + 50)
    demo.state.chat.send('DEMO', 'support', '206', 'Samme sekund')
    await clock.advance(50)
    const latest = await provider.chatMessages(room.id)
    expect(latest.map((m) => m.text)).toContain('Samme sekund')
    // A later message of the same second with MORE digits sorts first as text:
    // the room still reports the newest time.
    await clock.advance(60) // .160 s: `.160…Z` sorts after `.50…Z` as text
    demo.state.chat.send('DEMO', 'support', '207', 'Endnu senere')
    const rooms = await provider.chatRooms()
    expect(rooms.find((r) => r.id === room.id)?.lastMessageAt).toBe(clock.now())
  })

  it('refuses a chat room id that would climb out of its path, before any request', async () => {
    const provider = make()
    await provider.signIn()
    seen = []
    for (const id of ['.', '..', '']) {
      expect((await failure(() => provider.chatMessages(id))).kind).toBe('invalid_argument')
      expect((await failure(() => provider.sendChat(id, 'hej'))).kind).toBe('invalid_argument')
    }
    expect(seen).toEqual([])
  })

  it('says wrong credentials in words with a code, from the 404 jade answers', async () => {
    const provider = new JadeProvider(
      'acc',
      {
        baseUrl: demo.jade.url,
        username: demo.jade.username,
        pinnedFingerprint: demo.jade.fingerprint,
      },
      { password: 'wrong' },
      { now: () => clock.now(), timeoutMs: 2000 },
    )
    made.push(provider)
    const error = await failure(() => provider.signIn())
    expect(error.kind).toBe('auth')
    expect(error.detail?.code).toBe('auth.bad_credentials')
  })

  it('keeps the event socket through a token expiry: it signs in again and reconnects', async () => {
    const provider = make()
    await provider.signIn()
    const kinds: PushKind[] = []
    const off = provider.subscribe((kind) => kinds.push(kind))
    await until(() => provider.pushSockets.every((s) => s.connected))
    expect(provider.pushStatus().live).toBe(true)
    const logins = demo.jade.loginCount
    demo.jade.face.expireTokens()
    demo.jade.face.dropSockets()
    await until(() => provider.pushSockets.every((s) => s.opens === 2 && s.connected))
    expect(demo.jade.loginCount).toBeGreaterThan(logins)
    off()
  })

  it('says events are unavailable while the event service is down, and comes back', async () => {
    const provider = make()
    await provider.signIn()
    const off = provider.subscribe(() => undefined)
    await until(() => provider.pushStatus().live)
    demo.jade.face.eventsDown()
    await until(() => !provider.pushStatus().live)
    expect(provider.pushStatus().reason).toMatch(/event socket/)
    demo.jade.face.eventsDown(false)
    await until(() => provider.pushStatus().live)
    off()
  })
})

describe('the event socket address', () => {
  it('Test connection says whether the event socket answers, in words', async () => {
    const provider = make()
    await provider.signIn()
    expect(await provider.checkEvents()).toMatch(/^live at wss:\/\/127\.0\.0\.1:\d+\/$/)
    demo.jade.face.eventsDown()
    expect(await provider.checkEvents()).toMatch(/^refused at .*\(HTTP 503\); the account polls$/)
    const elsewhere = make({ wsUrl: 'ws://pbx.example.com:8083/' })
    expect(await elsewhere.checkEvents()).toMatch(/only on this computer/)
  })

  it('works over ws:// on this computer, with no stray rejection', async () => {
    const server = createServer()
    const wss = new WebSocketServer({ server })
    wss.on('connection', (ws) =>
      ws.send(JSON.stringify({ '/me/chats/r': { 'me.chats.message.create': {} } })),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const kinds: string[] = []
    const socket = new PushSocket({
      url: `ws://127.0.0.1:${port}/`,
      // A TLS agent would throw on ws://; the socket must not hand it over.
      agent: new (await import('node:https')).Agent(),
      covers: ['chat'],
      token: () => Promise.resolve('t0ken'),
      refused: () => undefined,
      onChange: (kind, resync) => kinds.push(`${kind}${resync ? '!' : ''}`),
    })
    socket.start()
    await until(() => kinds.includes('chat'))
    expect(kinds).toEqual(['chat!', 'chat'])
    socket.stop()
    wss.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('refuses ws:// to another machine when the account is saved, and never connects to it', async () => {
    const config = {
      id: 'j',
      displayName: 'jade',
      dialect: 'jade',
      baseUrl: 'https://pbx.example.com:8081',
      username: 'mette',
    }
    const refused = accountConfigSchema.safeParse({
      ...config,
      wsUrl: 'ws://pbx.example.com:8083/',
    })
    expect(refused.success).toBe(false)
    expect(JSON.stringify(refused.error?.issues)).toContain('accepted only for this computer')
    expect(
      accountConfigSchema.safeParse({ ...config, wsUrl: 'ws://127.0.0.1:8083/' }).success,
    ).toBe(true)
    expect(
      accountConfigSchema.safeParse({ ...config, wsUrl: 'wss://pbx.example.com:9000/' }).success,
    ).toBe(true)
    let asked = 0
    const socket = new PushSocket({
      url: 'ws://pbx.example.com:8083/',
      agent: new (await import('node:https')).Agent(),
      covers: ['chat'],
      token: () => {
        asked++
        return Promise.resolve('t0ken')
      },
      refused: () => undefined,
      onChange: () => undefined,
    })
    socket.start()
    await sleep(20)
    expect(socket.state).toBe('refused')
    expect(socket.reason).toMatch(/only on this computer/)
    expect(asked).toBe(0)
    socket.stop()
  })
})
