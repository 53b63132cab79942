/**
 * Flaky snapshots, generated: calls come and go with random timing, each poll may
 * fail or drop a call for one snapshot. Whatever happens, no event is invented,
 * none is duplicated, none is lost. The calls are of every kind the agent meets:
 * from outside, from a colleague, placed by the agent (internal or outgoing), queue
 * calls a colleague takes, calls whose far party changes, and calls first seen up.
 * The seed is random and logged: a failure names the seed that reproduces it.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CallTracker } from '../../src/main/core/calls/tracker'
import type { Call, CallOrigin, CallState } from '../../src/shared/model'
import { describeEvent, makeCall } from '../support/fake-provider'

interface Script {
  start: number
  placedBy: CallOrigin
  /** For the agent's own calls: to a colleague (internal) or out of the office. */
  internal: boolean
  /** A queue call from outside that a colleague answers after it rang here. */
  takenElsewhere: boolean
  /** Already talking when first seen (the app started while it was up). */
  firstSeenUp: boolean
  /** The far party changes when the second segment starts (an attended transfer to us). */
  newRemote: boolean
  ring: number
  /** Alternating up / held segments after answering; empty: never answered. */
  segments: readonly number[]
}

const script = fc
  .record({
    start: fc.integer({ min: 0, max: 40 }),
    placedBy: fc.constantFrom<CallOrigin>('outside', 'colleague', 'agent'),
    internal: fc.boolean(),
    takenElsewhere: fc.boolean(),
    firstSeenUp: fc.boolean(),
    newRemote: fc.boolean(),
    ring: fc.integer({ min: 2, max: 6 }),
    segments: fc.oneof(
      fc.constant([]),
      fc.array(fc.integer({ min: 2, max: 5 }), { minLength: 1, maxLength: 5 }),
    ),
  })
  .map((s): Script => {
    // A colleague takes only an outside queue call that the agent did not answer.
    const takenElsewhere = s.takenElsewhere && s.placedBy === 'outside' && !s.firstSeenUp
    const segments = takenElsewhere ? [] : s.firstSeenUp && !s.segments.length ? [3] : s.segments
    return {
      ...s,
      takenElsewhere,
      segments,
      ring: s.firstSeenUp ? 0 : s.ring,
      newRemote: s.newRemote && segments.length >= 2,
    }
  })

/** Steps a taken queue call stays listed as answered elsewhere before it leaves. */
const TAKEN_STEPS = 3
const FIRST_REMOTE = '+4520304050'
const SECOND_REMOTE = '+4560708090'

function directionOf(s: Script): Call['direction'] {
  if (s.placedBy === 'outside') return 'inbound'
  if (s.placedBy === 'colleague') return 'internal'
  return s.internal ? 'internal' : 'outbound'
}

/** The call as the PBX lists it at step `t`, or undefined when it does not exist. */
function callAt(s: Script, t: number, id: string, base: Call): Call | undefined {
  const state = stateAt(s, t)
  if (!state) return undefined
  const call: Call = { ...base, id, direction: directionOf(s), placedBy: s.placedBy, state }
  if (s.placedBy === 'outside' && s.takenElsewhere) call.queue = 'Sales'
  if (s.takenElsewhere && t >= s.start + s.ring) call.answeredElsewhere = { number: '202' }
  const second = s.start + s.ring + (s.segments[0] ?? 0)
  call.remote = { number: s.newRemote && t >= second ? SECOND_REMOTE : FIRST_REMOTE }
  return call
}

/** The true state of a call at step `t`, or undefined when it does not exist. */
function stateAt(s: Script, t: number): CallState | undefined {
  let at = s.start
  if (t < at) return undefined
  if (t < (at += s.ring)) return 'ringing'
  if (s.takenElsewhere) return t < at + TAKEN_STEPS ? 'up' : undefined
  for (const [i, length] of s.segments.entries()) {
    if (t < (at += length)) return i % 2 === 0 ? 'up' : 'held'
  }
  return undefined
}

function expected(id: string, s: Script): string[] {
  const out = s.firstSeenUp ? [] : [`ringing ${id}`]
  if (s.takenElsewhere) return [...out, `ended ${id} answered_elsewhere`]
  if (s.segments.length) out.push(`answered ${id}`)
  for (let i = 1; i < s.segments.length; i++) {
    if (i === 1 && s.newRemote) out.push(`transferred ${id} ${FIRST_REMOTE}>${SECOND_REMOTE}`)
    out.push(`${i % 2 === 1 ? 'held' : 'resumed'} ${id}`)
  }
  out.push(`ended ${id} hangup`)
  // Whoever rang the agent unanswered is missed; the agent's own calls never are.
  if (!s.segments.length && s.placedBy !== 'agent') out.push(`missed ${id}`)
  return out
}

/** Random per run, and said, so a failure can be replayed with FC_SEED. */
const seed = Number(process.env['FC_SEED'] ?? Math.floor(Math.random() * 2 ** 31))
console.info(`call tracker property seed: ${seed} (replay with FC_SEED=${seed})`)

describe('call tracker under flaky snapshots', () => {
  it('never invents, duplicates or loses an event', () => {
    fc.assert(
      fc.property(
        fc.array(script, { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 400, maxLength: 400 }),
        (scripts, dice) => {
          const tracker = new CallTracker({ accountId: 'acc1', ownExtension: '201' })
          const ids = scripts.map((_, i) => `c${i}`)
          const base = makeCall({ id: 'x' })
          const hiddenBefore = new Set<string>()
          const events: string[] = []
          const seen = new Set<string>()
          let d = 0
          const roll = (): number => dice[d++ % dice.length]!
          for (let t = 0; t < 90; t++) {
            const truth: Call[] = []
            scripts.forEach((s, i) => {
              const call = callAt(s, t, ids[i]!, base)
              if (call) truth.push(call)
            })
            // A failed poll: no snapshot at all, unless a call was hidden last time.
            if (roll() < 0.1 && hiddenBefore.size === 0) {
              for (const call of truth) hiddenBefore.add(call.id)
              continue
            }
            const shown = truth.filter((call) => {
              // One snapshot may drop a call, never two in a row.
              if (hiddenBefore.has(call.id) || roll() >= 0.2) return true
              return false
            })
            hiddenBefore.clear()
            for (const call of truth) if (!shown.includes(call)) hiddenBefore.add(call.id)
            for (const event of tracker.update(shown, t * 1000)) {
              expect(seen.has(event.id)).toBe(false)
              seen.add(event.id)
              events.push(describeEvent(event))
            }
          }
          // The PBX answers again: a few clean polls settle what is still open.
          for (let t = 90; t < 94; t++) {
            for (const event of tracker.update([], t * 1000)) {
              expect(seen.has(event.id)).toBe(false)
              seen.add(event.id)
              events.push(describeEvent(event))
            }
          }
          for (const [i, s] of scripts.entries()) {
            const id = ids[i]!
            // After a long outage a missed call is rightly flagged late; the flag is not the point here.
            const mine = events
              .filter((e) => e.split(' ')[1] === id)
              .map((e) => e.replace(/ late$/, ''))
            expect(`${id} ${mine.join(',')}`).toEqual(`${id} ${expected(id, s).join(',')}`)
          }
        },
      ),
      { seed, numRuns: 300 },
    )
  })
})
