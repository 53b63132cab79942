/**
 * The benchmarks' regression guard, part of `npm test`: small, fast versions of
 * ring latency, API cost and core cost, for every dialect, that fail only on a
 * gross regression, never on a busy machine (budgets: bench/README.md).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDemoForApp } from '@switchboard/demo-pbx/testing'
import { describe, expect, it } from 'vitest'
import { measureApiCost } from '../../bench/api-cost'
import { browseWithinIdle, measureBrowseCost } from '../../bench/browse-cost'
import { bigOfficeBodies, measureCoreCost } from '../../bench/core-cost'
import { dialectRunners, type DialectRunner } from '../../bench/lib/dialects'
import { callsRoundTrip } from '../../bench/lib/round-trip'
import { sleep, summarise } from '../../bench/lib/stats'
import { createTestingCore } from '../../src/main/core/app/testing'
import { createLogger } from '../../src/main/log'

const quiet = createLogger('guard', () => undefined)

/**
 * The fastest of 10 core-cost runs must stay under this: ten times the 5 ms target,
 * about ten times the fastest run on a busy two-core machine, for every dialect.
 */
const coreGuardMs: Record<DialectRunner['dialect'], number> = {
  pbxcloud: 50,
  restv1: 50,
  jade: 50,
}

describe.each(dialectRunners.map((runner) => [runner.dialect, runner] as const))(
  'benchmark guard: %s',
  (dialect, runner) => {
    it('announces a ringing call within 3 × floor + 1 s (10 calls, wall clock)', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'sb-guard-'))
      const core = await createTestingCore({
        dataDir,
        shell: 'browser',
        version: '0.1.0',
        log: quiet,
        demo: { office: false, dialect, start: startDemoForApp },
      })
      try {
        const demo = core.demo!
        const ringing = new Map<string, number>()
        core.sessions.on((event) => {
          if (event.type === 'call.ringing') ringing.set(event.call.remote.number, Date.now())
        })
        core.signal('focus')
        await sleep(1500)
        const rtt = await callsRoundTrip(runner, demo, 5)
        // Half the calls interval the session runs with (focused), plus the round trip.
        const interval = core.sessions.get('demo')!.schedule.pace('calls')
        const floor = interval / 2 + rtt.median
        const latencies: number[] = []
        for (let i = 0; i < 10; i++) {
          const number = `+4531${String(100000 + i)}`
          const start = Date.now()
          demo.scenario.inboundCall({
            from: number,
            to: runner.ownExtension,
            ringMs: 1500,
            talkMs: 100,
          })
          for (let waited = 0; !ringing.has(number) && waited < 6000; waited += 20) await sleep(20)
          latencies.push((ringing.get(number) ?? Date.now()) - start)
          await sleep(400 + Math.random() * 400)
        }
        expect(summarise(latencies).median).toBeLessThan(floor * 3 + 1000)
      } finally {
        await core.close()
        await rm(dataDir, { recursive: true, force: true })
      }
    }, 60_000)

    it('stays within twice the request budget per simulated minute, idle and in a call', async () => {
      const cost = await measureApiCost(runner, { minutes: 1 })
      const limit = 2 * cost.budgetPerMinute
      expect(cost.idlePerMinute).toBeLessThanOrEqual(limit)
      expect(cost.inCallPerMinute).toBeLessThanOrEqual(limit)
      expect(cost.focusedPerMinute).toBeLessThanOrEqual(limit)
      const tick = cost.tickRequests
      expect(tick.calls + tick.presence).toBeLessThanOrEqual(2 * tick.floor)
    }, 60_000)

    it('costs no more than idle polling plus the reads themselves while the agent searches contacts and pages chat', async () => {
      const cost = await measureBrowseCost(runner, { minutes: 1 })
      expect(browseWithinIdle(cost), JSON.stringify(cost)).toBe(true)
    }, 60_000)

    it(`parses, normalises and diffs 5,000 extensions and 500 calls in under ${coreGuardMs[dialect]} ms`, async () => {
      const cost = await measureCoreCost(await bigOfficeBodies(runner), 10)
      expect(cost.extensions).toBe(5000)
      expect(cost.calls).toBe(500)
      expect(cost.changedPerDiff).toBe(100)
      // The fastest run: a busy machine slows some runs, a gross regression slows them all.
      expect(cost.ms.min).toBeLessThan(coreGuardMs[dialect])
    }, 120_000)
  },
)
