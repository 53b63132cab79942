/**
 * The REST ver1.0 provider against the demo PBX's REST face over real HTTP on
 * 127.0.0.1: every capability, token renewal under concurrency, revoked and
 * blocked clients, the hourly budget, every injected fault, and the secret and
 * tokens kept out of every error.
 */
import { need } from '../../src/main/providers/facets'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '@switchboard/demo-pbx/testing'
import { RestV1Provider } from '../../src/main/providers/restv1'
import type { Call } from '../../src/shared/model'
import { AppError } from '../../src/shared/result'

let clock: ManualClock
let demo: DemoPbx
let provider: RestV1Provider

function make(
  overrides: {
    clientId?: string
    secret?: string
    host?: string
    timeoutMs?: number
    extensionId?: string
  } = {},
): RestV1Provider {
  const settings: { host: string; clientId: string; extensionId?: string } = {
    host: overrides.host ?? demo.restv1.url,
    clientId: overrides.clientId ?? demo.restv1.clientId,
  }
  if (overrides.extensionId) settings.extensionId = overrides.extensionId
  return new RestV1Provider('acc', settings, overrides.secret ?? demo.restv1.clientSecret, {
    now: () => clock.now(),
    timeoutMs: overrides.timeoutMs ?? 2000,
  })
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

beforeEach(async () => {
  clock = new ManualClock()
  demo = await startDemoPbx({ clock, autopilot: false })
  provider = make()
})

afterEach(async () => {
  await provider.close()
  await demo.close()
})

describe('REST ver1.0 sign-in', () => {
  it('gets a token, finds the agent through /user/ and names them', async () => {
    const identity = await provider.signIn()
    expect(identity.ownExtension).toBe('201')
    expect(identity.displayName).toBe('Mette Nielsen')
    expect(identity.details?.extensionId).toBe(String(demo.restv1.extensionId))
    expect(demo.restv1.tokenRequests).toBe(1)
  })

  it('uses a configured extension id without asking /user/', async () => {
    provider = make({ extensionId: String(demo.restv1.extensionId) })
    expect((await provider.signIn()).ownExtension).toBe('201')
  })

  it('shares one token, one /user/ and one directory among polls that start together', async () => {
    const results = await Promise.all([
      provider.calls(),
      provider.presence(),
      provider.calls(),
      provider.parkedCalls(),
    ])
    expect(results).toHaveLength(4)
    expect(demo.restv1.tokenRequests).toBe(1)
    expect(demo.restv1.countOf('GET /user')).toBe(1)
    expect(demo.restv1.countOf('GET /client/{client}/extension')).toBe(1)
  })

  it('tells wrong credentials, a blocked user and no network apart', async () => {
    const wrongSecret = await failure(() => make({ secret: 'not-the-secret-1234' }).signIn())
    expect(wrongSecret.kind).toBe('auth')
    expect(wrongSecret.message).toMatch(/client id or secret was refused/)
    const wrongId = await failure(() => make({ clientId: 'nobody-here' }).signIn())
    expect(wrongId.kind).toBe('auth')
    expect(wrongId.message).toMatch(/client id or secret was refused/)
    demo.restv1.face.blockUser(true)
    const blocked = await failure(() => make().signIn())
    expect(blocked.kind).toBe('auth')
    expect(blocked.message).toMatch(/this user is blocked/)
    demo.restv1.face.blockUser(false)
    const closed = await failure(() => make({ host: 'http://127.0.0.1:1' }).signIn())
    expect(closed.kind).toBe('network')
    expect(closed.message).toMatch(/connection was refused/)
  })
})

describe('REST ver1.0 presence and calls', () => {
  it('shows the whole office with one registration and one current_calls request per tick', async () => {
    await provider.signIn()
    await provider.presence() // the name directory is cached after this
    const before = demo.restv1.requestCount
    const calls = await provider.calls()
    const presence = await provider.presence()
    expect(demo.restv1.requestCount - before).toBe(2)
    expect(calls).toEqual([])
    expect(presence.length).toBeGreaterThanOrEqual(12)
    const byExt = new Map(presence.map((p) => [p.extension, p]))
    expect(byExt.get('202')).toMatchObject({ name: 'Lars Jensen', state: 'available' })
    expect(byExt.get('212')?.state).toBe('offline')
    // A busy office costs the same: two requests per tick, however many calls.
    for (const to of ['202', '203', '204', '205']) {
      demo.scenario.inboundCall({ from: '+4570102030', to, ringMs: 1000, talkMs: 60_000 })
    }
    for (let tick = 0; tick < 5; tick++) {
      await clock.advance(1000)
      const start = demo.restv1.requestCount
      await provider.calls()
      const board = await provider.presence()
      expect(demo.restv1.requestCount - start).toBe(2)
      if (tick > 1) expect(board.filter((p) => p.state === 'busy')).toHaveLength(4)
    }
    expect(provider.stats.rateLimit).toMatchObject({ limit: 5000 })
    expect(provider.stats.rateLimit!.remaining).toBeLessThan(5000)
    expect(provider.stats.rateLimit!.resetAt).toBeGreaterThan(clock.now())
  })

  it('follows an inbound call from ringing to answered to ended, with the caller named', async () => {
    await provider.signIn()
    demo.scenario.inboundCall({
      from: '+4570102030',
      fromName: 'Torben Knudsen',
      to: '201',
      ringMs: 4000,
      talkMs: 20_000,
    })
    let calls = await provider.calls()
    expect(calls).toHaveLength(1)
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
    expect(calls[0]!.answeredAt).toBeGreaterThan(0)
    expect((await provider.presence()).find((p) => p.extension === '201')).toMatchObject({
      state: 'busy',
      partner: { number: '+4570102030' },
    })
    await clock.advance(20_000)
    expect(await provider.calls()).toEqual([])
  })

  it('marks a queue call answered by a colleague as answered elsewhere', async () => {
    await provider.signIn()
    demo.scenario.inboundCall({
      from: '+4522446688',
      queue: '281',
      ringMs: 3000,
      answeredBy: '203',
      talkMs: 30_000,
    })
    const ringing = await provider.calls()
    expect(ringing).toHaveLength(1)
    expect(ringing[0]).toMatchObject({ state: 'ringing', queue: 'Kundeservice' })
    await clock.advance(4000)
    const after = await provider.calls()
    expect(after).toHaveLength(1)
    expect(after[0]).toMatchObject({
      id: ringing[0]!.id,
      answeredElsewhere: { number: '203', name: 'Anne Hansen' },
    })
  })

  it('dials, holds, resumes, transfers and hangs up; a transfer keeps the call id in the app', async () => {
    await provider.signIn()
    const { callId } = await provider.dial('+4526153748')
    expect(callId).toMatch(/\w+/)
    await clock.advance(100)
    const [outbound] = await provider.calls()
    expect(outbound).toMatchObject({ id: callId, direction: 'outbound' })
    await provider.hangup(outbound!)
    await clock.advance(100)
    expect(await provider.calls()).toEqual([])

    demo.scenario.inboundCall({ from: '+4570102030', to: '201', ringMs: 1000, talkMs: 60_000 })
    await clock.advance(1500)
    const [up] = await provider.calls()
    expect(up?.state).toBe('up')
    await provider.hold(up!)
    expect((await provider.calls())[0]?.state).toBe('held')
    await provider.resume(up!)
    expect((await provider.calls())[0]?.state).toBe('up')
    await provider.transfer(up!, '204')
    await clock.advance(100)
    // No longer the agent's: listed where it went, so the session can say "transferred".
    expect((await provider.calls()).map((c) => [c.id, c.state, c.local.number])).toEqual([
      [up!.id, 'ringing', '204'],
    ])
    const board = await provider.presence()
    expect(board.find((p) => p.extension === '204')?.state).toMatch(/ringing|busy/)
    // 204's phone sees the same caller under its own entry's call_api_id (R4).
    const other = make({ extensionId: String(demo.restv1.face.extensionIdOf('204')) })
    await other.signIn()
    const [there] = await other.calls()
    expect(there).toMatchObject({ remote: { number: '+4570102030' }, state: 'ringing' })
    expect(there?.id).not.toBe(up!.id)
    await other.close()
  })

  it('does not call a call answered here and then transferred "answered elsewhere"', async () => {
    await provider.signIn()
    const sim = demo.scenario.inboundCall({
      from: '+4570102030',
      to: '201',
      ringMs: 1000,
      talkMs: 60_000,
    })
    expect((await provider.calls())[0]?.state).toBe('ringing')
    await clock.advance(1500)
    const [up] = await provider.calls()
    expect(up?.state).toBe('up')
    await provider.transfer(up!, '204')
    demo.state.calls.answer('DEMO', sim.id, '204')
    // 204 talks to the caller now: a transfer, not a call the agent missed.
    // Still the agent's call id; acting on it now addresses 204's own entry (R4).
    expect(await provider.calls()).toEqual([
      {
        ...up!,
        local: { number: '204', name: 'Søren Pedersen' },
        handle: {
          callApiId: demo.restv1.face.callApiIdOf(sim.id, '204'),
          extensionId: String(demo.restv1.face.extensionIdOf('204')),
        },
      },
    ])
  })

  it('makes an attended transfer that completes when the consultation hangs up', async () => {
    await provider.signIn()
    demo.scenario.inboundCall({ from: '+4522446688', to: '201', ringMs: 1000, talkMs: 60_000 })
    await clock.advance(1500)
    const [call] = await provider.calls()
    await provider.attendedTransfer(call!, '205')
    await clock.advance(100)
    expect((await provider.presence()).find((p) => p.extension === '205')?.state).toBe('ringing')
    const mine = await provider.calls()
    expect(mine.find((c) => c.id === call!.id)?.state).toBe('held')
    expect(mine.length).toBe(2)
  })

  it('completes an attended transfer by hanging up the answered consultation, or cancels it', async () => {
    await provider.signIn()
    demo.scenario.inboundCall({ from: '+4522446688', to: '201', ringMs: 1000, talkMs: 60_000 })
    await clock.advance(1500)
    const [call] = await provider.calls()
    await provider.attendedTransfer(call!, '205')
    await clock.advance(100)
    let consult = (await provider.calls()).find((c) => c.id !== call!.id)!
    // Cancelled before 205 answers: the caller is back with the agent.
    await provider.cancelAttendedTransfer(consult, call!)
    const mine = await provider.calls()
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ id: call!.id, state: 'up' })

    await provider.attendedTransfer(mine[0]!, '205')
    await clock.advance(100)
    expect((await provider.calls()).find((c) => c.id !== call!.id)?.state).toBe('ringing')
    const sim = demo.state.calls.active('DEMO').find((c) => c.consultFor)!
    demo.state.calls.answer('DEMO', sim.id, '205')
    await clock.advance(100)
    consult = (await provider.calls()).find((c) => c.id !== call!.id)!
    expect(consult.state).toBe('up')
    await provider.hangup(consult)
    await clock.advance(100)
    // Completed: the caller talks to 205 and the agent has no call left.
    expect(
      (await provider.calls()).map((c) => [c.id, c.state, c.local.number, c.answeredElsewhere]),
    ).toEqual([[call!.id, 'up', '205', undefined]])
    expect((await provider.presence()).find((p) => p.extension === '205')?.state).toBe('busy')
  })

  it('parks, lists the parked call in its slot, and picks it up again', async () => {
    await provider.signIn()
    demo.scenario.inboundCall({ from: '+4570102030', to: '201', ringMs: 1000, talkMs: 60_000 })
    await clock.advance(1500)
    const [call] = await provider.calls()
    await provider.park(call!)
    const parked = await provider.parkedCalls()
    expect(parked).toHaveLength(1)
    expect(parked[0]).toMatchObject({ id: call!.id, caller: { number: '+4570102030' } })
    expect(parked[0]!.slot).toMatch(/^7\d\d$/)
    await provider.pickup(parked[0]!)
    expect(await provider.parkedCalls()).toEqual([])
    expect((await provider.calls())[0]).toMatchObject({ id: call!.id, state: 'up' })
  })

  it('picks up a call ringing for a colleague', async () => {
    await provider.signIn()
    const sim = demo.scenario.inboundCall({
      from: '+4570102030',
      to: '202',
      ringMs: 20_000,
      talkMs: 5000,
    })
    await clock.advance(500)
    const ringing: Call = {
      id: 'x',
      accountId: 'acc',
      direction: 'inbound',
      state: 'ringing',
      local: { number: '202' },
      remote: { number: '+4570102030' },
      startedAt: 0,
      // The colleague's entry: each extension on a call has its own call_api_id (R4).
      handle: {
        callApiId: demo.restv1.face.callApiIdOf(sim.id, '202'),
        extensionId: String(demo.restv1.face.extensionIdOf('202')),
      },
    }
    await provider.pickup(ringing)
    expect((await provider.calls())[0]).toMatchObject({ state: 'up' })
  })

  it('picks up whatever rings at a colleague’s extension, and says so when nothing does', async () => {
    await provider.signIn()
    demo.scenario.inboundCall({ from: '+4570607080', to: '203', ringMs: 20_000, talkMs: 5000 })
    await clock.advance(500)
    await provider.pickupAt('203')
    const [mine] = await provider.calls()
    expect(mine).toMatchObject({ state: 'up', remote: { number: '+4570607080' } })
    const nothing = await failure(() => provider.pickupAt('204'))
    expect(nothing).toMatchObject({ kind: 'not_found', message: 'Nothing is ringing at 204 now.' })
  })

  it('refuses a destination that is not a number, before asking the PBX', async () => {
    await provider.signIn()
    const before = demo.restv1.requestCount
    expect((await failure(() => provider.dial('203; rm -rf /'))).kind).toBe('invalid_argument')
    expect(demo.restv1.requestCount).toBe(before)
  })
})

describe('REST ver1.0 queues, voicemail, history and chat', () => {
  it('lists queue memberships and logs the agent out of (and back into) all queues', async () => {
    await provider.signIn()
    let queues = await provider.queues()
    expect(queues.map((q) => q.queueName).sort()).toEqual(['Kundeservice', 'Support'])
    expect(queues.every((q) => !q.paused)).toBe(true)
    const kundeservice = queues.find((q) => q.queueName === 'Kundeservice')!
    await provider.pauseQueue(kundeservice.queueId, 'Frokost')
    queues = await provider.queues()
    // The API has one agent status for all queues and keeps no reason: both say so.
    expect(queues.every((q) => q.paused && q.reason === 'logged out of all queues')).toBe(true)
    await provider.resumeQueue(kundeservice.queueId)
    expect((await provider.queues()).every((q) => !q.paused)).toBe(true)
    expect((await failure(() => provider.pauseQueue('999999'))).kind).toBe('not_found')
  })

  it('asks which queues the agent is in once per ten minutes, not on every queue poll', async () => {
    await provider.signIn()
    const memberLists = (): number => demo.restv1.countOf('GET /extension/{ext}/queue/agents/local')
    await provider.queues()
    const perListing = memberLists()
    expect(perListing).toBeGreaterThan(0)
    await Promise.all([provider.queues(), provider.queues()])
    clock.advance(9 * 60_000)
    expect((await provider.queues()).map((q) => q.queueName).sort()).toEqual([
      'Kundeservice',
      'Support',
    ])
    expect(memberLists()).toBe(perListing)
    clock.advance(2 * 60_000)
    await provider.queues()
    expect(memberLists()).toBe(2 * perListing)
  })

  it('says plainly the PBX offers no voicemail list, asks once, and still plays a message by its uuid', async () => {
    await provider.signIn()
    const changes: string[] = []
    provider.onCapabilitiesChanged(({ feature, withdrawn }) =>
      changes.push(`${feature}: ${withdrawn.join(',')}`),
    )
    const before = demo.restv1.requestCount
    const first = await failure(() => provider.voicemails())
    expect(first.detail).toEqual({ code: 'not_offered', params: { feature: 'voicemail' } })
    expect(demo.restv1.requestCount - before).toBe(1)
    const again = await failure(() => provider.voicemails())
    expect(again.detail?.code).toBe('not_offered')
    expect(demo.restv1.requestCount - before).toBe(1)
    expect(changes).toEqual(['voicemail: voicemail,voicemail_delete,voicemail_mark_heard'])
    expect(provider.capabilities.has('voicemail')).toBe(false)
    // Seed 002 documents one message's file by its uuid (which seed 003's event names).
    const msgid = demo.state.voicemail.mailbox('DEMO', '201')?.messages.at(-1)?.msgid ?? ''
    const id = demo.restv1.face.voicemailUuidOf('201', msgid) ?? ''
    const audio = await provider.voicemailAudio({
      id,
      accountId: 'acc',
      mailbox: '201',
      caller: { number: '' },
      receivedAt: 0,
      durationSec: 0,
      heard: false,
    })
    expect(audio.contentType).toBe('audio/wav')
    expect(audio.data.subarray(0, 4).toString('ascii')).toBe('RIFF')
  })

  it('tries the undocumented voicemail PUT and DELETE once each, then never again', async () => {
    await provider.signIn()
    const message = {
      id:
        demo.restv1.face.voicemailUuidOf(
          '201',
          demo.state.voicemail.mailbox('DEMO', '201')?.messages[0]?.msgid ?? '',
        ) ?? '',
      accountId: 'acc',
      mailbox: '201',
      caller: { number: '' },
      receivedAt: 0,
      durationSec: 0,
      heard: false,
    }
    const before = demo.restv1.requestCount
    for (let i = 0; i < 2; i++) {
      expect((await failure(() => provider.markVoicemailHeard(message))).detail?.code).toBe(
        'not_offered',
      )
      expect((await failure(() => provider.deleteVoicemail(message))).detail?.code).toBe(
        'not_offered',
      )
    }
    expect(demo.restv1.requestCount - before).toBe(2)
    expect(provider.capabilities.has('voicemail_delete')).toBe(false)
    expect(provider.capabilities.has('voicemail_mark_heard')).toBe(false)
    expect(demo.state.voicemail.mailbox('DEMO', '201')?.messages).toHaveLength(3)
  })

  it("reads the agent's call records with recordings, a week in one request even across a new year", async () => {
    await provider.signIn()
    const since = clock.now() - 1000
    demo.scenario.inboundCall({
      from: '+4570102030',
      to: '201',
      ringMs: 1000,
      talkMs: 5000,
      recorded: true,
    })
    demo.scenario.inboundCall({ from: '+4522446688', to: '201', ringMs: 3000, outcome: 'missed' })
    await clock.advance(10_000)
    const history = await provider.history(since, clock.now())
    const answered = history.find((r) => r.from.number === '+4570102030')
    const missed = history.find((r) => r.from.number === '+4522446688')
    expect(answered).toMatchObject({ direction: 'inbound', result: 'answered', durationSec: 5 })
    expect(missed).toMatchObject({ direction: 'inbound', result: 'missed' })
    const recording = await provider.recording(answered!.recordingId!)
    expect(recording.data.subarray(0, 4).toString('ascii')).toBe('RIFF')

    const before = demo.restv1.requestCount
    // 30 Dec – 6 Jan: two calendar months, one window (R7: two months at most each).
    const week = await provider.history(clock.now() - 7 * 86_400_000, clock.now())
    expect(demo.restv1.requestCount - before).toBe(1)
    // 6 Jan – 6 Jan: Jan–Feb, Mar–Apr, May–Jun, Jul–Aug, Sep–Oct, Nov–Dec, Jan.
    const year = await provider.history(clock.now() - 365 * 86_400_000, clock.now())
    expect(demo.restv1.requestCount - before).toBe(1 + 7)
    expect(year.filter((r) => r.callId === answered!.callId)).toHaveLength(1)
    expect(week.filter((r) => r.callId === answered!.callId)).toHaveLength(1)
    expect(week.length).toBeGreaterThanOrEqual(history.length)
  })

  it('offers no chat: the seed can mark a chat read or delete it, but neither list nor send', async () => {
    await provider.signIn()
    expect(provider.capabilities.has('chat')).toBe(false)
    for (const run of [
      () => need(provider, 'chatRooms')(),
      () => need(provider, 'sendChat')('general', 'hej'),
      () => need(provider, 'searchContacts')('Torben'),
      () => need(provider, 'flows')(),
    ]) {
      expect((await failure(run)).kind).toBe('unsupported')
    }
  })
})

/** Tokens the face has issued and not yet dropped (read from its private map: tests only). */
function liveTokens(): string[] {
  const auth = demo.restv1.face.auth as unknown as { tokens: Map<string, unknown> }
  return [...auth.tokens.keys()]
}

describe('REST ver1.0 tokens and the hourly budget', () => {
  it('renews a token that died mid-poll with exactly one token request for many calls', async () => {
    await provider.signIn()
    expect(demo.restv1.tokenRequests).toBe(1)
    demo.restv1.face.expireTokens()
    const results = await Promise.all([
      provider.calls(),
      provider.presence(),
      provider.queues(),
      provider.parkedCalls(),
      ...Array.from({ length: 10 }, () => provider.calls()),
    ])
    expect(results).toHaveLength(14)
    expect(demo.restv1.tokenRequests).toBe(2)
    await provider.calls()
    expect(demo.restv1.tokenRequests).toBe(2)
  })

  it('renews shortly before expires_in runs out, once for a burst', async () => {
    await provider.signIn()
    await clock.advance(3600_000)
    await Promise.all(Array.from({ length: 8 }, () => provider.calls()))
    expect(demo.restv1.tokenRequests).toBe(2)
  })

  it('turns a revoked client into auth errors without a retry storm', async () => {
    await provider.signIn()
    demo.restv1.face.revokeClient()
    const before = demo.restv1.requestCount
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => provider.calls()))
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected')
      const error = (outcome as PromiseRejectedResult).reason as AppError
      expect(error.kind).toBe('auth')
      expect(error.message).toMatch(/client id or secret was refused/)
    }
    expect(demo.restv1.tokenRequests).toBe(2)
    // Each call was sent once (refused), then all waited on the one token request.
    expect(demo.restv1.requestCount - before).toBe(11)
    const next = await failure(() => provider.calls())
    expect(next.kind).toBe('auth')
    expect(demo.restv1.requestCount - before).toBe(12)
  })

  it('tells a user blocked mid-session apart, without renewing the token', async () => {
    await provider.signIn()
    demo.restv1.face.blockUser(true)
    const error = await failure(() => provider.calls())
    expect(error.kind).toBe('auth')
    expect(error.message).toMatch(/this user is blocked/)
    expect(demo.restv1.tokenRequests).toBe(1)
  })

  it('turns 429 into rate_limited with retryAfterMs and fills stats.rateLimit', async () => {
    await provider.signIn()
    await provider.calls()
    const used = 5000 - provider.stats.rateLimit!.remaining
    demo.restv1.face.setRateBudget(used + 1)
    await provider.calls()
    expect(provider.stats.rateLimit).toMatchObject({ limit: used + 1, remaining: 0 })
    const error = await failure(() => provider.calls())
    expect(error.kind).toBe('rate_limited')
    expect(error.retryAfterMs).toBeGreaterThan(0)
    expect(error.retryAfterMs).toBeLessThanOrEqual(3600_000)
    const { resetAt, remaining } = provider.stats.rateLimit!
    expect(remaining).toBe(0)
    expect(resetAt).toBeGreaterThan(clock.now())
    expect(Math.abs(resetAt - clock.now() - error.retryAfterMs!)).toBeLessThanOrEqual(1000)
    demo.restv1.face.resetRateLimits()
    await expect(provider.calls()).resolves.toEqual([])
  })
})

const callsRoute = 'GET /CLIENT/{CLIENT}/CURRENT_CALLS'
const faultCases = [
  {
    fault: { kind: 'http5xx', status: 503 },
    kind: 'bad_response',
    words: /server error \(HTTP 503\)/,
  },
  { fault: { kind: 'reset' }, kind: 'network', words: /cut off/ },
  { fault: { kind: 'hang' }, kind: 'timeout', words: /did not answer within/ },
  {
    fault: { kind: 'malformed', mode: 'truncate' },
    kind: 'bad_response',
    words: /cannot be read|unexpected shape/,
  },
  { fault: { kind: 'malformed', mode: 'garbage' }, kind: 'bad_response', words: /./ },
  { fault: { kind: 'html', status: 200 }, kind: 'bad_response', words: /web page/ },
  { fault: { kind: 'html', status: 502 }, kind: 'bad_response', words: /HTTP 502/ },
  { fault: { kind: 'rate_limit', retryAfterSec: 7 }, kind: 'rate_limited', words: /7 s/ },
] as const

describe('REST ver1.0 under faults', () => {
  for (const { fault, kind, words } of faultCases) {
    const name = `${fault.kind}${'mode' in fault ? ` (${fault.mode})` : ''}${'status' in fault ? ` ${fault.status}` : ''}`
    it(`turns ${name} into ${kind}, then recovers`, async () => {
      provider = make({ timeoutMs: 300 })
      await provider.signIn()
      demo.restv1.faults.add({ ...fault, times: 1, match: (r) => r.reqtype === callsRoute })
      const error = await failure(() => provider.calls())
      expect(error.kind).toBe(kind)
      expect(error.message).toMatch(words)
      if (kind === 'rate_limited') expect(error.retryAfterMs).toBe(7000)
      await expect(provider.calls()).resolves.toEqual([])
    })
  }

  it('turns a fault on the token request into its typed error', async () => {
    demo.restv1.faults.add({ kind: 'reset', times: 1, match: (r) => r.path === '/oauth/token' })
    expect((await failure(() => provider.signIn())).kind).toBe('network')
    await expect(provider.signIn()).resolves.toMatchObject({ ownExtension: '201' })
  })

  it('waits out added latency within the timeout', async () => {
    await provider.signIn()
    demo.restv1.faults.add({ kind: 'latency', ms: 150, times: 1 })
    await expect(provider.calls()).resolves.toEqual([])
  })

  it('never lets the client secret or an access token into an error, a message or a stack', async () => {
    const secret = demo.restv1.clientSecret
    const tokens = new Set<string>()
    const errors: unknown[] = []
    provider = make({ timeoutMs: 300 })
    await provider.signIn()
    for (const t of liveTokens()) tokens.add(t)
    for (const { fault } of faultCases) {
      demo.restv1.faults.add({ ...fault, times: 1 })
      errors.push(await failure(() => provider.calls()))
    }
    errors.push(await failure(() => make({ secret: `${secret}x` }).signIn()))
    errors.push(await failure(() => make({ host: 'http://127.0.0.1:1' }).signIn()))
    errors.push(await failure(() => provider.dial('nope nope')))
    errors.push(await failure(() => provider.hold({ ...fakeCall, handle: { callApiId: 'gone' } })))
    for (const t of liveTokens()) tokens.add(t)
    demo.restv1.face.blockUser(true)
    errors.push(await failure(() => provider.calls()))
    demo.restv1.face.blockUser(false)
    demo.restv1.face.revokeClient()
    errors.push(await failure(() => provider.calls()))
    expect(tokens.size).toBeGreaterThan(0)
    for (const error of errors) {
      const e = error as AppError
      const everything = [
        String(e),
        e.message,
        e.stack ?? '',
        JSON.stringify(e),
        JSON.stringify(e.toShape()),
      ].join('\n')
      expect(everything).not.toContain(secret)
      for (const t of tokens) expect(everything).not.toContain(t)
    }
  })
})

const fakeCall: Call = {
  id: 'x',
  accountId: 'acc',
  direction: 'inbound',
  state: 'up',
  local: { number: '201' },
  remote: { number: '1' },
  startedAt: 0,
  handle: {},
}
