/**
 * The jade provider against the demo PBX's jade face over real HTTPS and WSS on
 * 127.0.0.1 (a self-signed certificate, pinned): every capability, sign-in and
 * token expiry, both list shapes, certificate pinning, the WebSocket's drop and
 * recovery, every injected fault, and a pushed call reaching a Session at once.
 */
import { need } from '../../src/main/providers/facets'
import { registeredSecretCount } from '../../src/shared/redact'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Session } from '../../src/main/core/session/session'
import type { SessionEvent } from '../../src/main/core/session/events'
import { ManualClock, startDemoPbx, type DemoPbx } from '@switchboard/demo-pbx/testing'
import { JadeProvider, type JadeSettings } from '../../src/main/providers/jade'
import { CertificateError } from '../../src/main/providers/jade/tls'
import type { PushKind } from '../../src/main/providers/provider'
import type { Call } from '../../src/shared/model'
import { AppError } from '../../src/shared/result'

let clock: ManualClock
let demo: DemoPbx
let provider: JadeProvider
const extra: JadeProvider[] = []

function make(
  settings: Partial<JadeSettings> = {},
  secrets: { password?: string; adminPassword?: string | null } = {},
  timeoutMs = 2000,
): JadeProvider {
  const admin =
    secrets.adminPassword === null
      ? {}
      : { adminPassword: secrets.adminPassword ?? demo.jade.adminPassword }
  const p = new JadeProvider(
    'acc',
    {
      baseUrl: demo.jade.url,
      username: demo.jade.username,
      adminUsername: demo.jade.adminUsername,
      pinnedFingerprint: demo.jade.fingerprint,
      wsUrl: demo.jade.wsUrl,
      ...settings,
    },
    { password: secrets.password ?? demo.jade.password, ...admin },
    { now: () => clock.now(), timeoutMs, push: { backoffBaseMs: 50, backoffCapMs: 200 } },
  )
  extra.push(p)
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
  provider = make()
})

afterEach(async () => {
  for (const p of extra.splice(0)) await p.close()
  await demo.close()
})

describe('jade sign-in and tokens', () => {
  it('signs in as user and admin and learns the own extension from the device', async () => {
    const identity = await provider.signIn()
    expect(identity).toMatchObject({ ownExtension: '201', displayName: 'Mette Nielsen' })
    expect(identity.details?.admin).toBe('yes')
    expect([...provider.capabilities].sort()).toEqual(
      [
        'calls',
        'chat',
        'contacts',
        'dial',
        'hangup',
        'parked_calls',
        'parked_hangup',
        'presence',
        'push_events',
        'queues',
      ].sort(),
    )
    const userOnly = make({ adminUsername: undefined }, { adminPassword: null })
    expect(userOnly.capabilities.has('hangup')).toBe(false)
    expect(userOnly.capabilities.has('parked_hangup')).toBe(false)
    expect((await failure(async () => need(userOnly, 'parkedCalls')())).kind).toBe('unsupported')
  })

  it('tells wrong user credentials, wrong admin credentials and no server apart', async () => {
    const wrong = await failure(() => make({}, { password: 'not-the-password' }).signIn())
    expect(wrong.kind).toBe('auth')
    expect(wrong.message).toMatch(/user name or password/)
    const wrongAdmin = await failure(() => make({}, { adminPassword: 'nope-nope' }).signIn())
    expect(wrongAdmin).toMatchObject({ kind: 'auth' })
    expect(wrongAdmin.message).toMatch(/admin/)
    const closed = await failure(() => make({ baseUrl: 'https://127.0.0.1:1' }).signIn())
    expect(closed.kind).toBe('network')
  })

  it('signs in again ONCE when the token expired under many concurrent requests', async () => {
    await provider.signIn()
    const before = demo.jade.loginCount
    demo.jade.face.expireTokens()
    // Presence needs no token at all (jade serves /device_states without one).
    await provider.presence()
    expect(demo.jade.loginCount - before).toBe(0)
    const results = await Promise.all(Array.from({ length: 12 }, () => provider.chatRooms()))
    expect(results.every((list) => list.length === 2)).toBe(true)
    // One user sign-in for twelve requests that met the expired token.
    expect(demo.jade.loginCount - before).toBe(1)
    // Idle for over an hour: the server forgets the token; the next call recovers.
    await clock.advance(3601_000)
    await expect(provider.calls()).resolves.toEqual([])
    // calls() uses both tokens: one sign-in each.
    expect(demo.jade.loginCount - before).toBe(3)
  })

  it('forgets an expired token in log redaction once a new one replaces it', async () => {
    await provider.chatRooms()
    const registered = registeredSecretCount()
    for (let i = 0; i < 3; i++) {
      demo.jade.face.expireTokens()
      await provider.chatRooms()
    }
    // Three new user tokens, each replacing the last: the redaction set did not grow.
    expect(registeredSecretCount()).toBe(registered)
  })

  it('reads both list shapes', async () => {
    for (const shape of ['wrapped', 'bare'] as const) {
      demo.jade.face.listShape = shape
      demo.scenario.inboundCall({ from: '+4570102030', to: '201', ringMs: 4000, talkMs: 5000 })
      expect((await provider.presence()).length).toBeGreaterThan(5)
      expect((await provider.calls()).length).toBe(1)
      expect((await provider.chatRooms()).map((r) => r.name).sort()).toEqual(['Alle', 'Support'])
      expect((await need(provider, 'queues')()).length).toBe(2)
      await clock.advance(20_000)
    }
  })
})

describe('jade certificates', () => {
  it('accepts the pinned certificate and refuses a changed one, in words', async () => {
    await expect(provider.signIn()).resolves.toBeDefined()
    const next = await demo.jade.regenerateCertificate()
    const fresh = make()
    const fresh2 = make({
      pinnedFingerprint: demo.jade.fingerprint.toLowerCase().replace(/:/g, ''),
    })
    const changed = await failure(() => make({ pinnedFingerprint: '00'.repeat(32) }).signIn())
    expect(changed).toBeInstanceOf(CertificateError)
    expect(changed.message).toMatch(/certificate changed/)
    expect((changed as CertificateError).fingerprint).toBe(next)
    expect((changed as CertificateError).problem).toBe('changed')
    await expect(fresh.signIn()).resolves.toBeDefined()
    await expect(fresh2.signIn()).resolves.toBeDefined()
  })

  it('refuses an unpinned self-signed certificate and offers its fingerprint', async () => {
    const unpinned = make({ pinnedFingerprint: undefined })
    const error = await failure(() => unpinned.signIn())
    expect(error).toBeInstanceOf(CertificateError)
    expect(error.kind).toBe('network')
    expect((error as CertificateError).fingerprint).toBe(demo.jade.fingerprint)
    expect(error.message).toContain(demo.jade.fingerprint)
    // Refused before any request: the face saw none.
    expect(demo.jade.requestCount).toBe(0)
  })
})

describe('jade calls, presence, parking and queues', () => {
  it('follows an inbound call from ringing to up to ended, with the board in step', async () => {
    await provider.signIn()
    demo.scenario.inboundCall({
      from: '+4570102030',
      fromName: 'Torben Knudsen',
      to: '201',
      ringMs: 4000,
      talkMs: 20_000,
    })
    let calls = await provider.calls()
    expect(calls[0]).toMatchObject({
      direction: 'inbound',
      state: 'ringing',
      local: { number: '201' },
      remote: { number: '+4570102030', name: 'Torben Knudsen' },
    })
    const id = calls[0]!.id
    expect((await provider.presence()).find((p) => p.extension === '201')?.state).toBe('ringing')
    await clock.advance(5000)
    calls = await provider.calls()
    expect(calls[0]).toMatchObject({ id, state: 'up' })
    expect((await provider.presence()).find((p) => p.extension === '201')).toMatchObject({
      state: 'busy',
      partner: { number: '+4570102030' },
    })
    await clock.advance(20_000)
    expect(await provider.calls()).toEqual([])
  })

  it('names the queue and marks a call a colleague answered', async () => {
    await provider.signIn()
    demo.scenario.inboundCall({
      from: '+4522446688',
      queue: '281',
      ringMs: 3000,
      answeredBy: '203',
      talkMs: 30_000,
    })
    const [ringing] = await provider.calls()
    expect(ringing).toMatchObject({ state: 'ringing', queue: 'Kundeservice' })
    await clock.advance(4000)
    const after = await provider.calls()
    expect(after[0]).toMatchObject({
      id: ringing!.id,
      answeredElsewhere: { number: '203', name: 'Anne Hansen' },
    })
  })

  it('dials a colleague, hangs up, and refuses outside numbers as unsupported', async () => {
    await provider.signIn()
    await provider.dial('202')
    const [placed] = await provider.calls()
    expect(placed).toMatchObject({ direction: 'internal', remote: { number: '202' } })
    await need(provider, 'hangup')(placed!)
    expect(await provider.calls()).toEqual([])
    const outside = await failure(() => provider.dial('+4526153748'))
    expect(outside.kind).toBe('unsupported')
    expect(outside.message).toMatch(/colleagues/)
  })

  it('lists parked calls and hangs one up', async () => {
    await provider.signIn()
    demo.scenario.call({ from: '+4570102030', to: '201' }, [
      { do: 'answer', at: 1000 },
      { do: 'park', at: 2000 },
    ])
    await clock.advance(2500)
    const [parked] = await need(provider, 'parkedCalls')()
    expect(parked).toMatchObject({ caller: { number: '+4570102030' }, parkedBy: '201' })
    expect(parked!.slot).toMatch(/^\d+$/)
    await need(provider, 'hangupParked')(parked!)
    expect(await need(provider, 'parkedCalls')()).toEqual([])
  })

  it('shows queue memberships with pause, reason, waiting callers and calls taken', async () => {
    demo.state.queues.pause(demo.pbxcloud.tenant, '281', '201', 'Frokost')
    const queues = await need(provider, 'queues')()
    expect(queues.find((q) => q.queueName === 'Kundeservice')).toMatchObject({
      paused: true,
      reason: 'Frokost',
    })
    expect(queues.find((q) => q.queueName === 'Support')).toMatchObject({
      paused: false,
      waiting: 0,
      callsTaken: 0,
    })
  })
})

describe('jade contacts and chat', () => {
  it('finds colleagues by name and by extension', async () => {
    expect((await provider.searchContacts('Lars'))[0]).toMatchObject({
      name: 'Lars Jensen',
      numbers: [{ number: '202' }],
    })
    expect((await provider.searchContacts('203'))[0]?.name).toBe('Anne Hansen')
  })

  it('sends, reads newest last, and pages backwards without gaps or repeats', async () => {
    await provider.signIn()
    const room = (await provider.chatRooms()).find((r) => r.name === 'Support')!
    const sent: string[] = []
    for (let i = 1; i <= 5; i++) {
      const message = await provider.sendChat(room.id, `besked ${i}`)
      expect(message).toMatchObject({
        own: true,
        text: `besked ${i}`,
        from: { name: 'Mette Nielsen' },
      })
      sent.push(message.id)
      await clock.advance(1000)
    }
    expect(
      (await provider.chatRooms()).find((r) => r.id === room.id)?.lastMessageAt,
    ).toBeGreaterThan(0)
    const pages: string[] = []
    let before: number | undefined
    for (;;) {
      const page = await provider.chatMessages(room.id, before, 2)
      if (page.length === 0) break
      expect(page[0]!.sentAt).toBeLessThanOrEqual(page[page.length - 1]!.sentAt)
      pages.unshift(...page.map((m) => m.id))
      before = page[0]!.sentAt
    }
    expect(pages.slice(-5)).toEqual(sent)
    expect(new Set(pages).size).toBe(pages.length)
    expect((await failure(() => provider.sendChat(room.id, '   '))).kind).toBe('invalid_argument')
  })
})

describe('jade chat within one second', () => {
  it('pages backwards without gaps or repeats though jade orders times of one second as text', async () => {
    await provider.signIn()
    const room = (await provider.chatRooms()).find((r) => r.name === 'Support')!
    const demoRoom = demo.state.chat.rooms('DEMO').find((r) => r.name === 'Support')!
    // Milliseconds 0…999 of one second: jade writes their nanoseconds with 1 to 9
    // digits, so as text "…:00.5000000Z" (5 ms) sorts after "…:00.120000000Z".
    const sent: string[] = []
    await clock.advance(1000 - (clock.now() % 1000))
    for (const step of [1, 4, 5, 40, 50, 300, 400]) {
      await clock.advance(step)
      sent.push(
        demo.state.chat.send('DEMO', demoRoom.id, '202', `besked ${clock.now() % 1000}`).text,
      )
    }
    const newest = await provider.chatMessages(room.id, undefined, 3)
    expect(newest.map((m) => m.text)).toEqual(sent.slice(-3))
    const seen: string[] = []
    let before: number | undefined
    for (let pages = 0; pages < 20; pages++) {
      const page = await provider.chatMessages(room.id, before, 2)
      if (page.length === 0) break
      seen.unshift(...page.map((m) => m.text))
      before = page[0]!.sentAt
    }
    expect(seen.filter((t) => sent.includes(t))).toEqual(sent)
    expect(new Set(seen).size).toBe(seen.length)
  })
})

describe('jade under faults', () => {
  const cases = [
    { fault: { kind: 'http5xx', status: 503 }, kind: 'bad_response', words: /HTTP 503/ },
    { fault: { kind: 'reset' }, kind: 'network', words: /cut off/ },
    { fault: { kind: 'hang' }, kind: 'timeout', words: /did not answer within/ },
    {
      fault: { kind: 'malformed', mode: 'truncate' },
      kind: 'bad_response',
      words: /cannot be read/,
    },
    { fault: { kind: 'malformed', mode: 'garbage' }, kind: 'bad_response', words: /./ },
    { fault: { kind: 'html', status: 200 }, kind: 'bad_response', words: /web page/ },
    { fault: { kind: 'html', status: 502 }, kind: 'bad_response', words: /HTTP 502/ },
    { fault: { kind: 'rate_limit', retryAfterSec: 7 }, kind: 'rate_limited', words: /7 s/ },
  ] as const

  for (const { fault, kind, words } of cases) {
    it(`turns ${fault.kind}${'mode' in fault ? ` (${fault.mode})` : ''}${'status' in fault ? ` ${fault.status}` : ''} into ${kind}, then recovers`, async () => {
      provider = make({}, {}, 300)
      await provider.signIn()
      demo.jade.faults.add({ ...fault, times: 1, match: (r) => r.path.includes('device_states') })
      const error = await failure(() => provider.presence())
      expect(error.kind).toBe(kind)
      expect(error.message).toMatch(words)
      if (kind === 'rate_limited') expect(error.retryAfterMs).toBe(7000)
      expect((await provider.presence()).length).toBeGreaterThan(5)
    })
  }

  it('never lets a password, the Basic header or a token into an error', async () => {
    provider = make({}, {}, 300)
    await provider.signIn()
    const errors: AppError[] = []
    for (const { fault } of cases) {
      demo.jade.faults.add({ ...fault, times: 1 })
      errors.push(await failure(() => provider.calls()))
    }
    errors.push(await failure(() => make({}, { password: 'wrong-password-1' }).signIn()))
    errors.push(await failure(() => make({ baseUrl: 'https://127.0.0.1:1' }).signIn()))
    const secrets = [
      demo.jade.password,
      demo.jade.adminPassword,
      Buffer.from(`${demo.jade.username}:${demo.jade.password}`).toString('base64'),
      await provider.client.token('user'),
      await provider.client.token('admin'),
    ]
    for (const e of errors) {
      const everything = [
        String(e),
        e.message,
        e.stack ?? '',
        JSON.stringify(e),
        JSON.stringify(e.toShape()),
      ].join('\n')
      for (const secret of secrets) expect(everything).not.toContain(secret)
    }
  })
})

describe('jade live events', () => {
  it('signals kinds on frames, reconnects after a drop and re-syncs every kind once', async () => {
    await provider.signIn()
    const kinds: PushKind[] = []
    const off = provider.subscribe((kind) => kinds.push(kind))
    await until(() => provider.pushSockets.every((s) => s.connected))
    kinds.length = 0
    demo.scenario.inboundCall({ from: '+4570102030', to: '201', ringMs: 4000, talkMs: 5000 })
    await until(() => kinds.includes('calls'))
    kinds.length = 0
    demo.jade.face.dropSockets()
    await until(() => provider.pushSockets.every((s) => s.opens === 2 && s.connected))
    expect(new Set(kinds)).toEqual(new Set(['calls', 'presence', 'parked', 'queues', 'chat']))
    off()
    expect(provider.pushSockets).toEqual([])
  })
})

describe('jade push into a Session', () => {
  let dir: string
  let session: Session | undefined
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jade-session-'))
  })
  afterEach(async () => {
    await session?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  function start(): { events: SessionEvent[]; session: Session } {
    const p = make()
    session = new Session({
      accountId: 'acc',
      provider: p,
      dataDir: dir,
      options: {
        schedule: {
          intervals: {
            calls: { active: 10_000, idle: 10_000 },
            presence: { active: 10_000, idle: 10_000 },
            parked: { active: 30_000, idle: 30_000 },
            queues: { active: 30_000, idle: 30_000 },
            voicemail: { active: 60_000, idle: 60_000 },
            chat: { active: 30_000, idle: 30_000 },
            history: { active: 60_000, idle: 60_000 },
          },
        },
      },
    })
    const events: SessionEvent[] = []
    session.on((event) => events.push(event))
    return { events, session }
  }

  const ringing = (events: SessionEvent[]): Call[] =>
    events.flatMap((e) => (e.type === 'call.ringing' ? [e.call] : []))

  it('shows a pushed incoming call well within one poll interval', async () => {
    const { events, session: s } = start()
    await s.start()
    await until(() => s.state === 'online')
    const sockets = (s as unknown as { provider: JadeProvider }).provider.pushSockets
    await until(() => sockets.length === 2 && sockets.every((x) => x.connected))
    await sleep(300)
    const t0 = Date.now()
    demo.scenario.inboundCall({ from: '+4570102030', to: '201', ringMs: 8000, talkMs: 5000 })
    await until(() => ringing(events).length === 1, 1000)
    expect(Date.now() - t0).toBeLessThan(1000)
  })

  it('loses nothing and repeats nothing across a socket drop', async () => {
    const { events, session: s } = start()
    await s.start()
    await until(() => s.state === 'online')
    const sockets = (s as unknown as { provider: JadeProvider }).provider.pushSockets
    await until(() => sockets.length === 2 && sockets.every((x) => x.connected))
    demo.scenario.inboundCall({ from: '+4511111111', to: '201', ringMs: 60_000 })
    await until(() => ringing(events).length === 1, 1000)
    // While the sockets are down a second call starts: no frame tells of it.
    demo.jade.face.dropSockets()
    demo.scenario.inboundCall({ from: '+4522222222', to: '201', ringMs: 60_000 })
    await until(() => ringing(events).length === 2, 2000)
    await sleep(300)
    expect(
      ringing(events)
        .map((c) => c.remote.number)
        .sort(),
    ).toEqual(['+4511111111', '+4522222222'])
  })
  it('says "events unavailable, polling" while the event socket is down, and stays online', async () => {
    const { events, session: s } = start()
    await s.start()
    await until(() => s.state === 'online')
    const statuses = (): string[] =>
      events.flatMap((e) => (e.type === 'status.changed' ? [e.status.events ?? ''] : []))
    await until(() => statuses().includes('live'))
    demo.jade.face.eventsDown()
    await until(() => statuses().at(-1) === 'polling')
    const down = events.filter((e) => e.type === 'status.changed').at(-1)
    expect(down?.type === 'status.changed' && down.status.eventsReason).toMatch(/event socket/)
    // Still online: the account works on by polling.
    expect(s.state).toBe('online')
    demo.jade.face.eventsDown(false)
    await until(() => statuses().at(-1) === 'live')
  })
})
