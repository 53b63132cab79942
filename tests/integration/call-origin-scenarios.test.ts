/**
 * Who placed a call, end to end, for each dialect: the demo PBX over real HTTP(S),
 * the real provider and session on one manual clock (as scenarios.test.ts). The
 * agent is 201. What the agent would notice: a call the agent places never rings
 * "here" (no popup) and is never missed; a colleague's call to the agent does ring
 * here and, unanswered, is missed; a caller without a number still rings here; two
 * calls at once are two calls; a queue number or the agent's own extension dialled
 * by the agent is the agent's own call (no popup, never missed).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { dialectRunners, type DialectRunner } from '../../bench/lib/dialects'
import { startSim, type Sim } from '../../bench/lib/sim'
import type { CallEvent } from '../../src/main/core/session/events'
import type { Step } from '@switchboard/demo-pbx/testing'
import { placedBy, ringsHere } from '../../src/shared/call-origin'

/** Long enough after a call for history (polled every minute) to have had its say. */
const SETTLE_MS = 3 * 60_000

let sim: Sim | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

interface Heard {
  kind: string
  remote: string
  origin: string
  ringsHere: boolean
}

async function office(runner: DialectRunner) {
  sim = await startSim({ runner, office: false, autopilot: false, pushSync: true })
  const s = sim
  for (
    let waited = 0;
    s.session().state !== 'online' || !(runner.pushConnected?.(s.demo) ?? true);
    waited += 200
  ) {
    if (waited >= 60_000) throw new Error('the office never got there')
    await s.step(200)
  }
  const from = s.events.length
  return {
    sim: s,
    call: (opts: { from: string; fromName?: string; to: string }, steps: readonly Step[]) =>
      s.demo.scenario.call(opts, steps),
    finish: async (): Promise<void> => {
      await s.run(SETTLE_MS)
      expect(s.demo.scenario.skipped).toEqual([])
    },
    /** The agent's call events: kind, the other party's number, who placed it, rings here. */
    heard: (): Heard[] =>
      s.events
        .slice(from)
        .filter((e): e is CallEvent => e.type.startsWith('call.'))
        .map((e) => {
          const call = 'call' in e ? e.call : undefined
          const kind = e.type.slice('call.'.length)
          if (!call) return { kind, remote: '', origin: '', ringsHere: false }
          return {
            kind,
            remote: call.remote.number,
            origin: placedBy(call),
            ringsHere: kind === 'ringing' && ringsHere(call),
          }
        }),
  }
}

const kinds = (heard: Heard[]): string[] => heard.map((h) => h.kind)

describe.each(dialectRunners.map((runner) => [runner.dialect, runner] as const))(
  'who placed the call: %s',
  (_dialect, runner) => {
    it('the agent calls a colleague from the desk phone: no popup, and unanswered it is not missed', async () => {
      const o = await office(runner)
      o.call({ from: '201', to: '202' }, [{ do: 'hangup', at: 12_000 }])
      await o.finish()
      expect(o.heard()).toEqual([
        { kind: 'ringing', remote: '202', origin: 'agent', ringsHere: false },
        { kind: 'ended', remote: '202', origin: 'agent', ringsHere: false },
      ])
    })

    it('the agent calls a colleague who answers: the other party is the colleague', async () => {
      const o = await office(runner)
      o.call({ from: '201', to: '202' }, [
        { do: 'answer', at: 5000, by: '202' },
        { do: 'hangup', at: 25_000 },
      ])
      await o.finish()
      const answered = o.heard().find((h) => h.kind === 'answered')
      expect(answered).toMatchObject({ remote: '202', origin: 'agent' })
      expect(o.heard().some((h) => h.ringsHere)).toBe(false)
    })

    it('the agent calls a colleague from the app: the phone rings back, yet no popup; answered, the colleague is the other party', async () => {
      const o = await office(runner)
      const before = new Set(o.sim.demo.state.calls.active('DEMO').map((c) => c.id))
      await o.sim.session().dial('202')
      const placed = o.sim.demo.state.calls.active('DEMO').find((c) => !before.has(c.id))
      if (!placed) throw new Error('the app’s dial started no call')
      // The desk phone rings first (the PBX calls the agent back), then the colleague.
      o.sim.demo.scenario.script(placed, [
        { do: 'answer', at: 3000 },
        { do: 'answer', at: 8000, by: '202' },
        { do: 'hangup', at: 30_000 },
      ])
      await o.finish()
      const heard = o.heard()
      expect(heard.some((h) => h.ringsHere)).toBe(false)
      expect(heard.every((h) => h.origin === 'agent')).toBe(true)
      expect(kinds(heard)).not.toContain('missed')
      expect(heard.find((h) => h.kind === 'answered')).toMatchObject({ remote: '202' })
    })

    it('a colleague calls the agent: it rings here, and unanswered it is missed', async () => {
      const o = await office(runner)
      o.call({ from: '202', to: '201' }, [{ do: 'hangup', at: 12_000 }])
      await o.finish()
      const heard = o.heard()
      expect(heard[0]).toMatchObject({
        kind: 'ringing',
        remote: '202',
        origin: 'colleague',
        ringsHere: true,
      })
      expect(kinds(heard)).toContain('missed')
    })

    it('an outside caller who withholds the number still rings here', async () => {
      const o = await office(runner)
      o.call({ from: 'anonymous', to: '201' }, [
        { do: 'answer', at: 6000 },
        { do: 'hangup', at: 20_000 },
      ])
      await o.finish()
      const heard = o.heard()
      expect(heard[0]).toMatchObject({ kind: 'ringing', origin: 'outside', ringsHere: true })
      expect(kinds(heard)).toEqual(['ringing', 'answered', 'ended'])
    })

    it('the agent dials a queue number: it is the agent’s own call, never incoming, whoever answers', async () => {
      const o = await office(runner)
      // 201 is a member of queue 282: the queue rings the other members, never the caller.
      o.call({ from: '201', to: '282' }, [
        { do: 'answer', at: 6000, by: '206' },
        { do: 'hangup', at: 25_000 },
      ])
      await o.finish()
      const heard = o.heard()
      expect(heard.length).toBeGreaterThan(0)
      expect(heard.some((h) => h.ringsHere)).toBe(false)
      expect(heard.every((h) => h.origin === 'agent')).toBe(true)
      expect(kinds(heard)).not.toContain('missed')
      expect(kinds(heard)).toContain('ended')
    })

    it('the agent dials a queue nobody answers: no popup, and not missed', async () => {
      const o = await office(runner)
      o.call({ from: '201', to: '281' }, [{ do: 'hangup', at: 15_000 }])
      await o.finish()
      const heard = o.heard()
      expect(heard[0]).toMatchObject({ kind: 'ringing', origin: 'agent', ringsHere: false })
      expect(heard.some((h) => h.ringsHere)).toBe(false)
      expect(kinds(heard)).not.toContain('missed')
    })

    it('the agent dials their own extension on the desk phone: whatever the PBX does, no popup and nothing missed', async () => {
      const o = await office(runner)
      o.call({ from: '201', to: '201' }, [{ do: 'hangup', at: 12_000 }])
      await o.finish()
      const heard = o.heard()
      // The demo rings the same phone (call waiting); the agent's own leg and the rung
      // leg are one call the agent placed ("Calling…"), never a second, incoming one.
      expect(heard).toEqual([
        { kind: 'ringing', remote: '201', origin: 'agent', ringsHere: false },
        { kind: 'ended', remote: '201', origin: 'agent', ringsHere: false },
      ])
    })

    it('a caller with no caller id at all still rings here, and unanswered it is missed', async () => {
      const o = await office(runner)
      o.call({ from: '', to: '201' }, [{ do: 'hangup', at: 12_000 }])
      await o.finish()
      const heard = o.heard()
      expect(heard[0]).toMatchObject({ kind: 'ringing', origin: 'outside', ringsHere: true })
      expect(kinds(heard)).toContain('missed')
    })

    it('two outside calls at once are two calls, each ringing here', async () => {
      const o = await office(runner)
      o.call({ from: '+4520304050', to: '201' }, [
        { do: 'answer', at: 6000 },
        { do: 'hangup', at: 30_000 },
      ])
      o.call({ from: '+4540506070', to: '201' }, [{ do: 'hangup', at: 12_000 }])
      await o.finish()
      const ringing = o.heard().filter((h) => h.kind === 'ringing')
      expect(ringing.map((h) => h.remote).sort()).toEqual(['+4520304050', '+4540506070'])
      expect(ringing.every((h) => h.ringsHere)).toBe(true)
    })
  },
)
