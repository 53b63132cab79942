/**
 * Ring → popup through a rate limit: the face answers the next request with a 429
 * (Retry-After 30 s), and one second later a call rings for the agent. On the
 * demo's manual clock, over real HTTP(S), the real provider and session: the time
 * from the ring to the session's `call.ringing` (what the popup shows from). The
 * target is the Retry-After plus one calls interval: calls must come back as soon
 * as the server allows and must not be the kind the 429 slows down.
 */
import { defaultScheduleOptions } from '../src/main/core/session/poll-plan'
import type { DialectRunner } from './lib/dialects'
import { startSim } from './lib/sim'
import { summarise, type Summary } from './lib/stats'

export interface RateLimitedRing {
  dialect: string
  retryAfterSec: number
  ms: Summary
  /** Rings never announced within two minutes. */
  lost: number
  /** Retry-After + one (idle, jittered) calls interval, in ms. */
  targetMs: number
}

export async function measureRateLimitedRing(
  runner: DialectRunner,
  trials = 10,
  retryAfterSec = 30,
): Promise<RateLimitedRing> {
  const sim = await startSim({ runner, office: false, seed: 11 })
  const faults = runner.faults(sim.demo)
  const latencies: number[] = []
  let lost = 0
  try {
    await sim.run(90_000)
    for (let i = 0; i < trials; i++) {
      const fault = faults.add({ kind: 'rate_limit', retryAfterSec, times: 1 })
      while (fault.hits === 0) await sim.step(50)
      // The 429 has arrived; the call rings one second later.
      await sim.run(1000, 50)
      const ringAt = sim.clock.now()
      const call = sim.demo.scenario.inboundCall({
        from: `+45401000${String(10 + i)}`,
        fromName: 'Rate-limit bench',
        to: runner.ownExtension,
        ringMs: 90_000,
        outcome: 'missed',
      })
      const wire = runner.callId(sim.demo, call.id)
      const seen = (): number | undefined =>
        sim.events.find((e) => e.type === 'call.ringing' && e.call.id === wire)?.at
      while (seen() === undefined && sim.clock.now() - ringAt < 120_000) await sim.step(100)
      const at = seen()
      if (at === undefined) lost++
      else latencies.push(at - ringAt)
      // Let the call end and the 429's slow-down wear off before the next trial.
      await sim.run(5 * 60_000, 500)
    }
  } finally {
    await sim.close()
  }
  const calls = defaultScheduleOptions.intervals.calls.idle * (1 + defaultScheduleOptions.jitter)
  return {
    dialect: runner.dialect,
    retryAfterSec,
    ms: summarise(latencies),
    lost,
    targetMs: retryAfterSec * 1000 + calls,
  }
}
