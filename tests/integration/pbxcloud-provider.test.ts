/**
 * The PBXCloud provider against the demo PBX over real HTTP on 127.0.0.1: every
 * capability, every injected fault and the typed error it becomes, and the API key
 * kept out of every error.
 */
import { need } from '../../src/main/providers/facets'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '@switchboard/demo-pbx/testing'
import { PbxCloudProvider } from '../../src/main/providers/pbxcloud'
import { AppError } from '../../src/shared/result'

let clock: ManualClock
let demo: DemoPbx
let provider: PbxCloudProvider

function make(
  overrides: {
    apiKey?: string
    tenant?: string
    baseUrl?: string
    timeoutMs?: number
    phonebook?: string
  } = {},
): PbxCloudProvider {
  return new PbxCloudProvider(
    'acc',
    {
      baseUrl: overrides.baseUrl ?? demo.pbxcloud.url,
      tenant: overrides.tenant ?? demo.pbxcloud.tenant,
      ownExtension: '201-DEMO',
      ...(overrides.phonebook ? { phonebook: overrides.phonebook } : {}),
    },
    overrides.apiKey ?? demo.pbxcloud.apiKey,
    { now: () => clock.now(), timeoutMs: overrides.timeoutMs ?? 2000 },
  )
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

describe('PBXCloud sign-in', () => {
  it('proves the key and tenant and names the agent', async () => {
    const identity = await provider.signIn()
    expect(identity.ownExtension).toBe('201')
    expect(identity.displayName).toBe('Mette Nielsen')
    expect(identity.details?.tenant).toBe('Demo ApS')
  })

  it('tells a wrong key from a wrong tenant from no network', async () => {
    const wrongKey = await failure(() => make({ apiKey: 'not-the-key-123' }).signIn())
    expect(wrongKey.kind).toBe('auth')
    expect(wrongKey.message).toMatch(/API key/)
    const wrongTenant = await failure(() => make({ tenant: 'NOPE' }).signIn())
    expect(wrongTenant.kind).toBe('auth')
    expect(wrongTenant.message).toMatch(/tenant/)
    const closed = await failure(() =>
      make({ baseUrl: 'http://127.0.0.1:1/pbx/proxyapi.php' }).signIn(),
    )
    expect(closed.kind).toBe('network')
    expect(closed.message).toMatch(/connection was refused/)
  })
})

describe('PBXCloud presence and calls', () => {
  it('shows the whole office with one BLFS request per tick', async () => {
    await provider.signIn()
    demo.pbxcloud.resetCounts()
    const presence = await provider.presence()
    expect(demo.pbxcloud.requestCount).toBe(1)
    expect(presence.length).toBeGreaterThanOrEqual(12)
    const byExt = new Map(presence.map((p) => [p.extension, p]))
    expect(byExt.get('202')).toMatchObject({ name: 'Lars Jensen', state: 'available' })
    expect(byExt.get('212')?.state).toBe('offline')
    await provider.calls()
    expect(demo.pbxcloud.requestCount).toBe(2)
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
      remote: { number: '+4570102030', name: 'Torben Knudsen' },
    })
    const id = calls[0]!.id
    expect((await provider.presence()).find((p) => p.extension === '201')?.state).toBe('ringing')
    await clock.advance(5000)
    calls = await provider.calls()
    expect(calls[0]).toMatchObject({ id, state: 'up' })
    const board = await provider.presence()
    expect(board.find((p) => p.extension === '201')).toMatchObject({
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
    expect(ringing[0]).toMatchObject({ state: 'ringing', queue: '281' })
    await clock.advance(4000)
    const after = await provider.calls()
    expect(after).toHaveLength(1)
    expect(after[0]).toMatchObject({
      id: ringing[0]!.id,
      answeredElsewhere: { number: '203', name: 'Anne Hansen' },
    })
  })

  it('dials, hangs up, transfers and makes attended transfers', async () => {
    await provider.signIn()
    const { callId } = await provider.dial('+4526153748')
    expect(callId).toMatch(/\w+/)
    await clock.advance(100)
    const outbound = await provider.calls()
    expect(outbound[0]?.direction).toBe('outbound')
    await provider.hangup(outbound[0]!)
    await clock.advance(100)
    expect(await provider.calls()).toEqual([])

    demo.scenario.inboundCall({ from: '+4570102030', to: '201', ringMs: 1000, talkMs: 60_000 })
    await clock.advance(1500)
    const [up] = await provider.calls()
    expect(up?.state).toBe('up')
    await provider.transfer(up!, '204')
    await clock.advance(100)
    // No longer the agent's: listed where it went, so the session can say "transferred".
    expect(await provider.calls()).toEqual([
      { ...up!, state: 'ringing', local: { number: '204', name: 'Søren Pedersen' } },
    ])
    expect((await provider.presence()).find((p) => p.extension === '204')?.state).toMatch(
      /ringing|busy/,
    )

    demo.scenario.inboundCall({ from: '+4522446688', to: '201', ringMs: 1000, talkMs: 60_000 })
    await clock.advance(1500)
    const second = (await provider.calls()).find((c) => c.remote.number === '+4522446688')
    await provider.attendedTransfer(second!, '205')
    await clock.advance(100)
    expect((await provider.presence()).find((p) => p.extension === '205')?.state).toMatch(
      /ringing|busy/,
    )
  })

  it('cancels an attended transfer, then completes one by hanging up the consultation', async () => {
    await provider.signIn()
    demo.scenario.inboundCall({ from: '+4522113344', to: '201', ringMs: 1000, talkMs: 60_000 })
    await clock.advance(1500)
    const call = (await provider.calls()).find((c) => c.remote.number === '+4522113344')!
    await provider.attendedTransfer(call, '206')
    await clock.advance(100)
    const firstTry = (await provider.calls()).find((c) => c.id !== call.id)!
    expect(firstTry.remote.number).toBe('206')
    await provider.cancelAttendedTransfer(firstTry, call)
    await clock.advance(100)
    let mine = await provider.calls()
    expect(mine.map((c) => [c.id, c.state])).toEqual([[call.id, 'up']])

    await provider.attendedTransfer(mine[0]!, '206')
    await clock.advance(100)
    const sim = demo.state.calls.active('DEMO').find((c) => c.consultFor)!
    demo.state.calls.answer('DEMO', sim.id, '206')
    await clock.advance(100)
    const consult = (await provider.calls()).find((c) => c.id !== call.id)!
    expect(consult.state).toBe('up')
    await provider.hangup(consult)
    await clock.advance(100)
    // Completed: the caller talks to 206 and the agent has no call left.
    mine = await provider.calls()
    expect(mine.map((c) => [c.id, c.state, c.local.number, c.answeredElsewhere])).toEqual([
      [call.id, 'up', '206', undefined],
    ])
    expect((await provider.presence()).find((p) => p.extension === '206')?.state).toBe('busy')
  })

  it('refuses a destination that is not a number, before asking the PBX', async () => {
    const before = demo.pbxcloud.requestCount
    expect((await failure(() => provider.dial('203; rm -rf /'))).kind).toBe('invalid_argument')
    expect(demo.pbxcloud.requestCount).toBe(before)
  })
})

describe('PBXCloud queue work, voicemail, history, contacts and flows', () => {
  it('pauses with a reason and resumes', async () => {
    let queues = await provider.queues()
    expect(queues.map((q) => q.queueName).sort()).toEqual(['Kundeservice', 'Support'])
    await provider.pauseQueue('281', 'Frokost')
    queues = await provider.queues()
    expect(queues.find((q) => q.queueId === '281')).toMatchObject({
      paused: true,
      reason: 'Frokost',
    })
    await provider.resumeQueue('281')
    expect((await provider.queues()).find((q) => q.queueId === '281')?.paused).toBe(false)
  })

  it('lists voicemail, streams real WAV audio, marks heard and deletes', async () => {
    const list = await provider.voicemails()
    expect(list.length).toBeGreaterThanOrEqual(2)
    const fresh = list.find((v) => !v.heard)!
    const audio = await provider.voicemailAudio(fresh)
    expect(audio.contentType).toBe('audio/wav')
    expect(audio.data.subarray(0, 4).toString('ascii')).toBe('RIFF')
    expect(audio.data.subarray(8, 12).toString('ascii')).toBe('WAVE')
    await provider.markVoicemailHeard(fresh)
    expect((await provider.voicemails()).find((v) => v.id === fresh.id)?.heard).toBe(true)
    await provider.deleteVoicemail(fresh)
    expect((await provider.voicemails()).some((v) => v.id === fresh.id)).toBe(false)
    expect((await failure(() => provider.voicemailAudio(fresh))).kind).toMatch(
      /not_found|invalid_argument/,
    )
  })

  it('reads the history of calls since a time, with recordings', async () => {
    demo.scenario.inboundCall({
      from: '+4570102030',
      to: '201',
      ringMs: 1000,
      talkMs: 5000,
      recorded: true,
    })
    demo.scenario.inboundCall({ from: '+4522446688', to: '201', ringMs: 3000, outcome: 'missed' })
    const since = clock.now() - 1000
    await clock.advance(10_000)
    const history = await provider.history(since, clock.now())
    const answered = history.find((r) => r.from.number === '+4570102030')
    const missed = history.find((r) => r.from.number === '+4522446688')
    expect(answered).toMatchObject({ direction: 'inbound', result: 'answered', durationSec: 5 })
    expect(missed).toMatchObject({ direction: 'inbound', result: 'missed' })
    const recording = await provider.recording(answered!.recordingId!)
    expect(recording.data.subarray(0, 4).toString('ascii')).toBe('RIFF')
  })

  it('searches and adds phone book contacts', async () => {
    const byName = await provider.searchContacts('Torben')
    expect(byName[0]).toMatchObject({
      name: 'Torben Knudsen',
      numbers: [{ number: '+4570102030' }],
    })
    const byNumber = await provider.searchContacts('70 10 20 30')
    expect(byNumber[0]?.name).toBe('Torben Knudsen')
    const added = await provider.addContact({
      name: 'Nye Kunde',
      numbers: [{ label: 'phone', number: '+4540404040' }],
    })
    expect(added.id).not.toBe('')
    expect((await provider.searchContacts('Nye'))[0]?.name).toBe('Nye Kunde')
  })

  it('offers the tenant phone books at sign-in and uses the one chosen; a missing one is said', async () => {
    expect((await provider.signIn()).phonebooks).toEqual(['kunder'])
    const chosen = make({ phonebook: 'KUNDER' })
    expect((await chosen.searchContacts('Torben'))[0]?.name).toBe('Torben Knudsen')
    await chosen.close()
    const wrong = make({ phonebook: 'default' })
    const error = await failure(() => wrong.searchContacts('Torben'))
    expect(error.message).toMatch(/phonebook not found/i)
    await wrong.close()
  })

  it('lists and switches day/night flows', async () => {
    const flows = await provider.flows()
    expect(flows.find((f) => f.id === '*901')).toMatchObject({ name: 'Night mode', active: false })
    await provider.setFlow('*901', true)
    expect((await provider.flows()).find((f) => f.id === '*901')?.active).toBe(true)
  })

  it('refuses writes with a read-only key, in words', async () => {
    const readOnly = make({ apiKey: demo.pbxcloud.readOnlyKey })
    await expect(readOnly.flows()).resolves.toBeDefined()
    const error = await failure(() => readOnly.setFlow('*901', true))
    expect(error.kind).toBe('auth')
    expect(error.message).toMatch(/read-only/)
    await readOnly.close()
  })

  it('says unsupported, never a silent no-op, for what the API lacks', async () => {
    const [call] = [
      {
        id: 'x',
        accountId: 'acc',
        direction: 'inbound',
        state: 'up',
        local: { number: '201' },
        remote: { number: '1' },
        startedAt: 0,
        handle: {},
      },
    ] as const
    for (const run of [
      () =>
        need(
          provider,
          'hold',
        )({
          ...call,
          local: { ...call.local },
          remote: { ...call.remote },
          handle: {},
        }),
      () => need(provider, 'chatRooms')(),
      () => need(provider, 'parkedCalls')(),
    ]) {
      expect((await failure(run)).kind).toBe('unsupported')
    }
    expect(provider.capabilities.has('hold')).toBe(false)
  })
})

describe('PBXCloud under faults', () => {
  const cases = [
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
      words: /cannot be read|without|unexpected/,
    },
    { fault: { kind: 'malformed', mode: 'garbage' }, kind: 'bad_response', words: /./ },
    { fault: { kind: 'html', status: 200 }, kind: 'bad_response', words: /web page/ },
    { fault: { kind: 'html', status: 502 }, kind: 'bad_response', words: /HTTP 502/ },
    { fault: { kind: 'rate_limit', retryAfterSec: 7 }, kind: 'rate_limited', words: /7 s/ },
  ] as const

  for (const { fault, kind, words } of cases) {
    it(`turns ${fault.kind}${'mode' in fault ? ` (${fault.mode})` : ''}${'status' in fault ? ` ${fault.status}` : ''} into ${kind}, then recovers`, async () => {
      provider = make({ timeoutMs: 300 })
      demo.pbxcloud.faults.add({ ...fault, times: 1, match: (r) => r.reqtype === 'BLFS' })
      const error = await failure(() => provider.presence())
      expect(error.kind).toBe(kind)
      expect(error.message).toMatch(words)
      if (kind === 'rate_limited') expect(error.retryAfterMs).toBe(7000)
      expect((await provider.presence()).length).toBeGreaterThan(10)
    })
  }

  it('waits out added latency within the timeout', async () => {
    demo.pbxcloud.faults.add({ kind: 'latency', ms: 150, times: 1 })
    await expect(provider.calls()).resolves.toEqual([])
  })

  it('never lets the API key into an error, a message or a stack, even with the URL at hand', async () => {
    const key = demo.pbxcloud.apiKey
    const errors: unknown[] = []
    provider = make({ timeoutMs: 300 })
    for (const fault of cases.map((c) => c.fault)) {
      demo.pbxcloud.faults.add({ ...fault, times: 1 })
      errors.push(await failure(() => provider.presence()))
    }
    errors.push(await failure(() => make({ tenant: 'NOPE' }).signIn()))
    errors.push(
      await failure(() => make({ baseUrl: 'http://127.0.0.1:1/pbx/proxyapi.php' }).calls()),
    )
    errors.push(await failure(() => make({ baseUrl: `http://127.0.0.1:1/x?key=${key}` }).calls()))
    for (const error of errors) {
      const e = error as AppError
      const everything = [
        String(e),
        e.message,
        e.stack ?? '',
        JSON.stringify(e),
        JSON.stringify(e.toShape()),
      ].join('\n')
      expect(everything).not.toContain(key)
    }
  })
})

describe('PBXCloud against every variation of what the sources leave open', () => {
  it.each([3, 5, 8, 13, 21, 34])(
    'signs in, shows the board, queues, voicemail, flows and contacts (format seed %i)',
    async (formatSeed) => {
      const varied = await startDemoPbx({ clock, autopilot: false, jade: false, formatSeed })
      const p = new PbxCloudProvider(
        'acc',
        { baseUrl: varied.pbxcloud.url, tenant: varied.pbxcloud.tenant, ownExtension: '201-DEMO' },
        varied.pbxcloud.apiKey,
        { now: () => clock.now(), timeoutMs: 2000 },
      )
      try {
        expect(await p.signIn()).toMatchObject({
          displayName: 'Mette Nielsen',
          details: { tenant: 'Demo ApS' },
          phonebooks: ['kunder'],
        })
        expect((await p.presence()).length).toBe(12)
        expect((await p.queues()).map((q) => q.queueId)).toEqual(['281', '282'])
        await p.pauseQueue('281')
        expect((await p.queues()).find((q) => q.queueId === '281')?.paused).toBe(true)
        expect((await p.voicemails()).map((v) => v.heard)).toEqual([true, false, false])
        expect((await p.flows()).map((f) => f.id)).toEqual(['*901', '*902'])
        expect((await p.searchContacts('Torben'))[0]?.name).toBe('Torben Knudsen')
      } finally {
        await p.close()
        await varied.close()
      }
    },
  )
})
