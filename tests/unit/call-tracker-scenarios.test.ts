import { describe, expect, it } from 'vitest'
import { CallTracker } from '../../src/main/core/calls/tracker'
import type { Call } from '../../src/shared/model'
import type { CallEvent } from '../../src/main/core/session/events'
import { describeEvent, makeCall, makeRecord } from '../support/fake-provider'

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0)

/** Feeds one snapshot per second and returns the events in words. */
function feed(tracker: CallTracker, snapshots: Call[][], start = T0): string[] {
  const out: string[] = []
  snapshots.forEach((calls, i) => {
    for (const event of tracker.update(calls, start + i * 1000)) out.push(describeEvent(event))
  })
  return out
}

const tracker = (deferQueueMissed = false): CallTracker =>
  new CallTracker({ accountId: 'acc1', ownExtension: '201', deferQueueMissed })

describe('call tracker', () => {
  it('an inbound call that is answered rings, is answered and ends', () => {
    const ringing = makeCall({ id: 'c1' })
    const up = { ...ringing, state: 'up' as const }
    expect(feed(tracker(), [[ringing], [ringing], [up], [up], [], [], []])).toEqual([
      'ringing c1',
      'answered c1',
      'ended c1 hangup',
    ])
  })

  it('an inbound call nobody answers is missed, once', () => {
    const ringing = makeCall({ id: 'c1' })
    expect(feed(tracker(), [[ringing], [ringing], [], [], [], [], []])).toEqual([
      'ringing c1',
      'ended c1 hangup',
      'missed c1',
    ])
  })

  it('a call missing from one snapshot is not ended', () => {
    const ringing = makeCall({ id: 'c1' })
    const up = { ...ringing, state: 'up' as const }
    expect(feed(tracker(), [[ringing], [], [ringing], [up], [], [up], [], [], []])).toEqual([
      'ringing c1',
      'answered c1',
      'ended c1 hangup',
    ])
  })

  it('a queue call answered by a colleague closes the popup at once and is not missed', () => {
    const legs = ['201', '202', '203'].map((ext) =>
      makeCall({ id: 'q1', queue: 'Sales', local: { number: ext } }),
    )
    const taken = makeCall({ id: 'q1', queue: 'Sales', state: 'up', local: { number: '202' } })
    expect(feed(tracker(), [legs, legs, [taken], [taken], [], [], []])).toEqual([
      'ringing q1',
      'ended q1 answered_elsewhere',
    ])
  })

  it('a call the provider marks answered elsewhere closes at once and is not the agent’s answer', () => {
    // Providers that list only the agent's calls keep the agent as `local` and say who took it.
    const mine = makeCall({ id: 'q1', queue: 'Sales' })
    const taken = { ...mine, state: 'up' as const, answeredElsewhere: { number: '202' } }
    expect(feed(tracker(), [[mine], [mine], [taken], [taken], [], [], []])).toEqual([
      'ringing q1',
      'ended q1 answered_elsewhere',
    ])
  })

  it('a queue call that leaves the list waits for history: taken by a colleague', () => {
    const t = tracker(true)
    const mine = makeCall({ id: 'q1', queue: 'Sales' })
    expect(feed(t, [[mine], [mine], [], [], []])).toEqual(['ringing q1', 'ended q1 hangup'])
    const records = [
      makeRecord({ id: 'r1', callId: 'q1', result: 'missed' }),
      makeRecord({ id: 'r2', callId: 'q1', result: 'answered', to: { number: '202' } }),
    ]
    expect(t.reconcile(records, T0 + 10_000, () => false)).toEqual([])
    expect(t.update([], T0 + 300_000)).toEqual([])
  })

  it('a queue call that leaves the list and history says missed is missed', () => {
    const t = tracker(true)
    const mine = makeCall({ id: 'q1', queue: 'Sales' })
    feed(t, [[mine], [mine], [], [], []])
    const events = t.reconcile([makeRecord({ id: 'r1', callId: 'q1' })], T0 + 8000, () => false)
    expect(events.map(describeEvent)).toEqual(['missed q1'])
  })

  it('a deferred verdict history never settles is reported as missed after the wait', () => {
    const t = tracker(true)
    const mine = makeCall({ id: 'q1', queue: 'Sales' })
    feed(t, [[mine], [mine], [], [], []])
    expect(t.update([], T0 + 60_000)).toEqual([])
    expect(t.update([], T0 + 130_000).map(describeEvent)).toEqual(['missed q1 late'])
  })

  it('a blind transfer by the agent: the call leaves for 202 and ends for us', () => {
    const up = makeCall({ id: 'c1', state: 'up' })
    const atColleague = makeCall({ id: 'c1', local: { number: '202' } })
    expect(feed(tracker(), [[up], [atColleague], [atColleague], [atColleague]])).toEqual([
      'answered c1',
      'transferred c1 +4520000001>202',
      'ended c1 transferred',
    ])
  })

  it('an attended transfer to the agent: same call, new remote party', () => {
    const consult = makeCall({ id: 'c7', direction: 'internal', remote: { number: '202' } })
    const talking = { ...consult, state: 'up' as const }
    const customer = { ...talking, remote: { number: '+4520000042', name: 'Big customer' } }
    expect(feed(tracker(), [[consult], [talking], [customer], [customer], [], [], []])).toEqual([
      'ringing c7',
      'answered c7',
      'transferred c7 202>+4520000042',
      'ended c7 hangup',
    ])
  })

  it('hold and resume, twice, each with its own id', () => {
    const t = tracker()
    const up = makeCall({ id: 'c1', state: 'up' })
    const held = { ...up, state: 'held' as const }
    const events: CallEvent[] = []
    ;[[up], [held], [up], [held], [up]].forEach((calls, i) =>
      events.push(...t.update(calls, T0 + i * 1000)),
    )
    expect(events.map((e) => e.id)).toEqual([
      'acc1:c1:answered',
      'acc1:c1:held:1',
      'acc1:c1:resumed:1',
      'acc1:c1:held:2',
      'acc1:c1:resumed:2',
    ])
  })

  it('outbound calls ring and end but are never missed', () => {
    const out = makeCall({ id: 'o1', direction: 'outbound' })
    expect(feed(tracker(), [[out], [], [], []])).toEqual(['ringing o1', 'ended o1 hangup'])
  })

  it('an internal call the agent placed to a colleague who never answers is not missed', () => {
    const out = makeCall({
      id: 'i1',
      direction: 'internal',
      placedBy: 'agent',
      remote: { number: '202' },
    })
    expect(feed(tracker(), [[out], [], [], []])).toEqual(['ringing i1', 'ended i1 hangup'])
  })

  it('a colleague’s internal call the agent did not answer is missed, for a call back', () => {
    const ringing = makeCall({
      id: 'i2',
      direction: 'internal',
      placedBy: 'colleague',
      remote: { number: '202' },
    })
    expect(feed(tracker(), [[ringing], [], [], []])).toEqual([
      'ringing i2',
      'ended i2 hangup',
      'missed i2',
    ])
  })

  it('history: a colleague’s unanswered internal call is missed, the agent’s own is not', () => {
    const t = tracker(true)
    const records = [
      makeRecord({
        id: 'r1',
        callId: 'mine',
        direction: 'internal',
        placedBy: 'agent',
        from: { number: '201' },
        to: { number: '201' },
      }),
      makeRecord({
        id: 'r2',
        callId: 'theirs',
        direction: 'internal',
        placedBy: 'colleague',
        from: { number: '202' },
      }),
    ]
    expect(t.reconcile(records, T0, () => false).map(describeEvent)).toEqual(['missed theirs late'])
  })

  it('calls of colleagues in a tenant-wide list are ignored', () => {
    const other = makeCall({ id: 'x1', local: { number: '205' } })
    expect(feed(tracker(), [[other], [], [], []])).toEqual([])
  })

  it('takes a call on another SIP user of the same number (201-B) for a colleague’s', () => {
    const t = new CallTracker({ accountId: 'acc1', ownExtension: '201' })
    const theirs = makeCall({ id: 'c2', local: { number: '201-B' } })
    expect(feed(t, [[makeCall({ id: 'c1' }), theirs]])).toEqual(['ringing c1'])
  })

  it('picks up where it stopped from exported state: nothing is announced again', () => {
    const first = tracker()
    const up = makeCall({ id: 'c1', state: 'up' })
    feed(first, [[makeCall({ id: 'c1' })], [up]])
    const second = new CallTracker({ accountId: 'acc1', ownExtension: '201' }, first.exportState())
    expect(feed(second, [[up], [up], [], [], []], T0 + 5000)).toEqual(['ended c1 hangup'])
  })

  it('history reports a call missed between polls once, as late, only when it is ours', () => {
    const t = tracker(true)
    const records = [
      makeRecord({ id: 'r1', callId: 'short' }),
      makeRecord({ id: 'r2', callId: 'other', to: { number: '205' } }),
      makeRecord({ id: 'r3', callId: 'out', direction: 'outbound' }),
      makeRecord({ id: 'r4', callId: 'ok', result: 'answered' }),
      makeRecord({ id: 'r5' }),
    ]
    const events = t.reconcile(records, T0, () => false)
    expect(events.map(describeEvent)).toEqual(['missed short late', 'missed r5 late'])
    expect(events.map((e) => e.id)).toEqual(['acc1:short:missed', 'acc1:cdr-r5:missed'])
    const seen = new Set(['short', 'cdr-r5'])
    expect(t.reconcile(records, T0 + 1000, (key) => seen.has(key))).toEqual([])
  })

  it('history does not report a call the tracker saw live', () => {
    const t = tracker()
    feed(t, [[makeCall({ id: 'c1' })], [], [], []])
    expect(t.reconcile([makeRecord({ id: 'r1', callId: 'c1' })], T0 + 9000, () => false)).toEqual(
      [],
    )
  })
})
