/**
 * Core cost, per dialect: the CPU one presence + calls tick costs the main process
 * once the answers are in. The demo's face answers for an office of 5,000
 * extensions with 500 live calls (fetched over HTTP once, bench/lib/core-bodies.ts)
 * go through the provider's parsers and normalisers and the session's presence and
 * call trackers, alternating between two snapshots 100 lamps apart so every run
 * diffs real changes.
 */
import { performance } from 'node:perf_hooks'
import { CallTracker } from '../src/main/core/call-tracker'
import { PresenceTracker } from '../src/main/core/presence-tracker'
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
  /** Lamps reported changed per diff after the first (should be 100-ish). */
  changedPerDiff: number
}

/** Parse + normalise + diff of one snapshot, `runs` times. */
export function measureCoreCost(bodies: OfficeBodies, runs = 40): CoreCost {
  const presence = new PresenceTracker()
  const tracker = new CallTracker({ accountId: 'bench', ownExtension: '201' })
  const times: number[] = []
  let extensions = 0
  let calls = 0
  let changed = 0
  const now = Date.UTC(2025, 0, 6, 9, 0, 0)
  for (let i = 0; i < runs + 1; i++) {
    const at = now + i * 1000
    const start = performance.now()
    const tick = bodies.tick(i % 2 === 0 ? 0 : 1, at)
    const diff = presence.update(tick.lamps)
    tracker.update(tick.mine, at)
    const elapsed = performance.now() - start
    // The first run fills empty trackers (everything is new): not a steady-state diff.
    if (i === 0) continue
    times.push(elapsed)
    extensions = tick.lamps.length
    calls = tick.calls
    changed = diff.changed.length
  }
  return {
    dialect: bodies.dialect,
    extensions,
    calls,
    bytes: bodies.bytes,
    requests: bodies.requests,
    ms: summarise(times),
    changedPerDiff: changed,
  }
}

/** Fetches the big office from the dialect's face, then measures. */
export async function measureDialectCoreCost(runner: DialectRunner, runs = 40): Promise<CoreCost> {
  return measureCoreCost(await bigOfficeBodies(runner), runs)
}
