import { afterEach, describe, expect, it } from 'vitest'
import { allPolled, makeCall, makeRecord } from '../support/fake-provider'
import { startSession, type Harness } from './session-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.session.stop()
  h = undefined
})

describe('session: calls seen by polling', () => {
  it('a simple inbound call: rings, is answered, ends', async () => {
    h = await startSession()
    const ringing = makeCall({ id: 'c1', startedAt: h.clock.now() })
    h.provider.currentCalls = [ringing]
    await h.clock.run(5000)
    h.provider.currentCalls = [{ ...ringing, state: 'up' }]
    await h.clock.run(3000)
    h.provider.currentCalls = []
    await h.clock.run(5000)
    expect(h.calls()).toEqual(['ringing c1', 'answered c1', 'ended c1 hangup'])
    expect(h.session.snapshot().calls).toEqual([])
  })

  it('an inbound call nobody answers is missed, once, and never again', async () => {
    h = await startSession()
    h.provider.currentCalls = [makeCall({ id: 'c1', startedAt: h.clock.now() })]
    await h.clock.run(4000)
    h.provider.currentCalls = []
    // The PBX writes the call record: history must not report it a second time.
    h.provider.records = [makeRecord({ id: 'r1', callId: 'c1', startedAt: h.clock.now() - 4000 })]
    await h.clock.run(180_000)
    expect(h.calls()).toEqual(['ringing c1', 'ended c1 hangup', 'missed c1'])
  })

  it('a queue call ringing three agents and answered by another closes the popup', async () => {
    h = await startSession()
    const legs = ['201', '202', '203'].map((ext) =>
      makeCall({ id: 'q1', queue: 'Sales', local: { number: ext }, startedAt: h!.clock.now() }),
    )
    h.provider.currentCalls = legs
    await h.clock.run(4000)
    h.provider.currentCalls = [{ ...legs[1]!, state: 'up' }]
    await h.clock.run(3000)
    h.provider.currentCalls = []
    h.provider.records = [
      makeRecord({ id: 'r1', callId: 'q1', startedAt: legs[0]!.startedAt }),
      makeRecord({ id: 'r2', callId: 'q1', result: 'answered', to: { number: '202' } }),
    ]
    await h.clock.run(180_000)
    expect(h.calls()).toEqual(['ringing q1', 'ended q1 answered_elsewhere'])
  })

  it('a queue call that simply leaves the agent is settled by history: a colleague took it', async () => {
    h = await startSession()
    const mine = makeCall({ id: 'q2', queue: 'Sales', startedAt: h.clock.now() })
    h.provider.currentCalls = [mine]
    await h.clock.run(4000)
    h.provider.currentCalls = []
    h.provider.records = [
      makeRecord({ id: 'r1', callId: 'q2', startedAt: mine.startedAt }),
      makeRecord({ id: 'r2', callId: 'q2', result: 'answered', startedAt: mine.startedAt }),
    ]
    await h.clock.run(300_000)
    expect(h.calls()).toEqual(['ringing q2', 'ended q2 hangup'])
  })

  it('blind transfer by the agent, then an attended transfer to the agent', async () => {
    h = await startSession()
    const now = h.clock.now()
    const up = makeCall({ id: 'c1', state: 'up', startedAt: now })
    h.provider.currentCalls = [up]
    await h.clock.run(3000)
    await h.session.transfer('c1', '202')
    h.provider.currentCalls = [{ ...up, state: 'ringing', local: { number: '202' } }]
    await h.clock.run(5000)
    h.provider.currentCalls = []
    const consult = makeCall({
      id: 'c2',
      direction: 'internal',
      state: 'up',
      remote: { number: '203' },
    })
    h.provider.currentCalls = [consult]
    await h.clock.run(3000)
    h.provider.currentCalls = [{ ...consult, remote: { number: '+4520000077' } }]
    await h.clock.run(3000)
    expect(h.provider.actions).toEqual(['transfer c1 202'])
    expect(h.calls()).toEqual([
      'answered c1',
      'transferred c1 +4520000001>202',
      'ended c1 transferred',
      'answered c2',
      'transferred c2 203>+4520000077',
    ])
  })

  it('hold and resume', async () => {
    h = await startSession()
    const up = makeCall({ id: 'c1', state: 'up', startedAt: h.clock.now() })
    h.provider.currentCalls = [up]
    await h.clock.run(2000)
    await h.session.hold('c1')
    await h.clock.run(2000)
    h.provider.currentCalls = [up]
    await h.clock.run(2000)
    expect(h.calls()).toEqual(['answered c1', 'held c1', 'resumed c1'])
  })

  it('a call missing from one snapshot is not ended or missed', async () => {
    h = await startSession()
    const ringing = makeCall({ id: 'c1', startedAt: h.clock.now() })
    h.provider.currentCalls = [ringing]
    await h.clock.run(1500)
    h.provider.queueCalls([])
    await h.clock.run(6000)
    h.provider.currentCalls = [{ ...ringing, state: 'up' }]
    await h.clock.run(3000)
    expect(h.calls()).toEqual(['ringing c1', 'answered c1'])
  })

  it('a call that rings and stops between two polls is found in history, once, late', async () => {
    h = await startSession()
    await h.clock.run(5000)
    h.provider.records = [
      makeRecord({ id: 'r9', callId: 'blink', startedAt: h.clock.now() - 1000 }),
    ]
    await h.clock.run(70_000)
    expect(h.calls()).toEqual(['missed blink late'])
    await h.clock.run(300_000)
    expect(h.calls()).toEqual(['missed blink late'])
  })

  it('actions find the call in the latest snapshot and fail in words when it is gone', async () => {
    h = await startSession()
    h.provider.currentCalls = [makeCall({ id: 'c1', state: 'up', startedAt: h.clock.now() })]
    await h.clock.run(2000)
    const before = h.provider.count('calls')
    await h.session.hangup('c1')
    await h.clock.run(10)
    expect(h.provider.actions).toEqual(['hangup c1'])
    expect(h.provider.count('calls')).toBe(before + 1)
    await expect(h.session.hangup('nope')).rejects.toMatchObject({ kind: 'not_found' })
  })

  it('ends a parked call from the parked list, polls the list at once, and says when it is gone', async () => {
    h = await startSession({ fake: { capabilities: [...allPolled, 'parked_hangup'] } })
    h.provider.parked = [
      {
        id: 'P701',
        accountId: h.provider.accountId,
        slot: '701',
        caller: { number: '+4570121416' },
        parkedAt: h.clock.now(),
        handle: {},
      },
    ]
    await h.clock.run(20_000)
    expect(h.session.snapshot().parked.map((p) => p.id)).toEqual(['P701'])
    const before = h.provider.count('parkedCalls')
    await h.session.hangupParked('P701')
    await h.clock.run(10)
    expect(h.provider.actions).toEqual(['hangupParked P701'])
    expect(h.provider.count('parkedCalls')).toBe(before + 1)
    expect(h.session.snapshot().parked).toEqual([])
    await expect(h.session.hangupParked('P701')).rejects.toMatchObject({
      kind: 'not_found',
      message: 'That call is no longer parked.',
    })
  })
})
