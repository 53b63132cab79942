/**
 * A busy office with the window focused, per dialect: half an hour of office
 * traffic on a manual clock plus calls to the agent, through the real provider,
 * the real session engine and (jade) the live event socket. Every call to the agent
 * is announced promptly and the session never goes quiet: the office's stream of
 * changes (jade pushes one notice per channel change anywhere in the office) must
 * not spend the request budget so fast that the session has to stop polling.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { dialectRunners } from '../../bench/lib/dialects'
import { seeded, startSim, type Sim } from '../../bench/lib/sim'
import { defaultScheduleOptions } from '../../src/main/core/session/poll-plan'

const MINUTES = 30

let sim: Sim | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

describe.each(dialectRunners.map((runner) => [runner.dialect, runner] as const))(
  'busy office, window focused: %s',
  (_dialect, runner) => {
    it(`announces every call to the agent within 2 s and never stops polling (${MINUTES} min)`, async () => {
      sim = await startSim({ runner, office: true, officeIntervalMs: 10_000, seed: 5 })
      const s = sim
      s.session().signal('focus')
      const random = seeded(17)
      const rang = new Map<string, number>()
      const announced = new Map<string, number>()
      s.manager.on((event) => {
        if (event.type === 'call.ringing') announced.set(event.call.remote.number, s.clock.now())
      })
      const arrivals: number[] = []
      let seen = runner.requestCount(s.demo)
      let next = s.clock.now() + 30_000
      const end = s.clock.now() + MINUTES * 60_000
      await s.run(end - s.clock.now(), 200, () => {
        const now = s.clock.now()
        for (const count = runner.requestCount(s.demo); seen < count; seen++) arrivals.push(now)
        if (now < next || now > end - 60_000) return
        const from = `+4540${String(100000 + Math.floor(random() * 899_999))}`
        rang.set(from, now)
        s.demo.scenario.inboundCall({
          from,
          to: runner.ownExtension,
          ringMs: 8000,
          talkMs: 30_000,
          outcome: 'missed',
        })
        next = now + 20_000 + random() * 40_000
      })
      expect(rang.size).toBeGreaterThan(30)
      const slow = [...rang]
        .map(([from, at]) => ({ from, after: (announced.get(from) ?? Infinity) - at }))
        .filter((call) => call.after > 2000)
      expect(slow).toEqual([])
      // Never quiet for long, and never over the budget, counted where requests arrive.
      const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!)
      expect(Math.max(...gaps)).toBeLessThanOrEqual(5000)
      let worst = 0
      for (let i = 0, j = 0; i < arrivals.length; i++) {
        while (arrivals[j]! <= arrivals[i]! - 60_000) j++
        worst = Math.max(worst, i - j + 1)
      }
      // The session's own budget: the user's, times the dialect's scale (jade reads
      // each phone alone and asks for 2.5x; PbxProvider.budgetScale).
      expect(s.session().budget.perMinute).toBe(
        defaultScheduleOptions.budgetPerMinute * (runner.dialect === 'jade' ? 2.5 : 1),
      )
      expect(worst).toBeLessThanOrEqual(s.session().budget.perMinute)
    }, 120_000)
  },
)
