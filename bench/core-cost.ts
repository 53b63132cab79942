/**
 * Core cost, per dialect: the CPU one presence + calls tick costs the main process
 * once the answers are in. The demo's face answers for an office of 5,000
 * extensions with 500 live calls (fetched over HTTP once, bench/lib/core-bodies.ts)
 * go through the provider's parsers and normalisers and the session's presence and
 * call trackers, alternating between two snapshots 100 lamps apart so every run
 * diffs real changes.
 */
import { performance } from 'node:perf_hooks'
import { CallTracker } from '../src/main/core/calls/tracker'
import { PresenceTracker } from '../src/main/core/presence/tracker'
import { bigOfficeBodies, type OfficeBodies } from './lib/core-bodies'
import type { DialectRunner } from './lib/dialects'
import { summarise, type Summary } from './lib/stats'

export { bigOfficeBodies, type OfficeBodies }

export interface CoreCost {
  dialect: string
  extensions: number
  calls: number
  /** Bytes and requests of one snapshot's answers. */
  bytes: number
  requests: number
  ms: Summary
  /**
   * `JSON.parse` alone of the same answers, timed in the same runs right after each
   * tick: the floor no parser can go under, and a yardstick that slows down with
   * the machine. `ms.median / parseMs.median` compares machines and minutes.
   */
  parseMs: Summary
  /** Lamps reported changed per diff after the first (should be 100-ish). */
  changedPerDiff: number
}

/** Ticks run first and not counted: trackers filling up, and V8 optimising the code. */
const WARM_UP = 5

/**
 * Parse + normalise + diff of one snapshot: `rounds` rounds of `runs` ticks, each
 * round after a full GC (with --expose-gc; garbage left by earlier figures would
 * otherwise be collected in the middle of these runs and counted as theirs) and a
 * pause. The rounds spread the samples over a few seconds, so a burst of work from
 * a neighbour on a shared machine spoils some samples rather than the median.
 */
export async function measureCoreCost(
  bodies: OfficeBodies,
  runs = 40,
  rounds = 1,
): Promise<CoreCost> {
  const presence = new PresenceTracker()
  const tracker = new CallTracker({ accountId: 'bench', ownExtension: '201' })
  const times: number[] = []
  const parseTimes: number[] = []
  let extensions = 0
  let calls = 0
  let changed = 0
  const now = Date.UTC(2025, 0, 6, 9, 0, 0)
  let i = 0
  for (let round = 0; round < rounds; round++) {
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, 300))
    ;(globalThis as { gc?: () => void }).gc?.()
    for (let run = 0; run < runs + (round === 0 ? WARM_UP : 0); run++, i++) {
      const at = now + i * 1000
      const start = performance.now()
      const tick = bodies.tick(i % 2 === 0 ? 0 : 1, at)
      const diff = presence.update(tick.lamps)
      tracker.update(tick.mine, at)
      const elapsed = performance.now() - start
      const parseStart = performance.now()
      for (const body of bodies.answers(i % 2 === 0 ? 0 : 1)) JSON.parse(body)
      const parsed = performance.now() - parseStart
      if (i < WARM_UP) continue
      times.push(elapsed)
      parseTimes.push(parsed)
      extensions = tick.lamps.length
      calls = tick.calls
      changed = diff.changed.length
    }
  }
  return {
    dialect: bodies.dialect,
    extensions,
    calls,
    bytes: bodies.bytes,
    requests: bodies.requests,
    ms: summarise(times),
    parseMs: summarise(parseTimes),
    changedPerDiff: changed,
  }
}

/** Fetches the big office from the dialect's face, then measures. */
export async function measureDialectCoreCost(
  runner: DialectRunner,
  runs = 40,
  rounds = 4,
): Promise<CoreCost> {
  return measureCoreCost(await bigOfficeBodies(runner), runs, rounds)
}
