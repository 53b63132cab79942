/**
 * API cost: requests per minute per account with the default settings, counted
 * where they arrive (the demo's face), on simulated minutes; and the requests one
 * tick (presence + calls) costs for an office of 200 extensions.
 */
import { need } from '../src/main/providers/facets'
import type { DialectRunner } from './lib/dialects'
import { startSim, type Sim } from './lib/sim'

export interface ApiCost {
  dialect: string
  budgetPerMinute: number
  /** Window not focused, no call. */
  idlePerMinute: number
  /** Window focused, no call. */
  focusedPerMinute: number
  /** A call up on the agent's phone, window not focused. */
  inCallPerMinute: number
  /** The most the session's own counter showed in any sliding minute. */
  sessionMaxLastMinute: number
  /** Requests of one calls + presence tick, office of 200 extensions; `floor`: the fewest possible. */
  tickRequests: { presence: number; calls: number; extensions: number; floor: number }
}

/** Requests the face receives over `minutes` simulated minutes (per minute). */
async function perMinute(sim: Sim, minutes: number, max: { value: number }): Promise<number> {
  const before = sim.runner.requestCount(sim.demo)
  await sim.run(minutes * 60_000, 250, () => {
    max.value = Math.max(max.value, sim.session().snapshot().requests.lastMinute)
  })
  return (sim.runner.requestCount(sim.demo) - before) / minutes
}

export async function measureApiCost(
  runner: DialectRunner,
  options: { minutes?: number } = {},
): Promise<ApiCost> {
  const minutes = options.minutes ?? 5
  const max = { value: 0 }
  const sim = await startSim({ runner, office: false })
  let idle: number
  let focused: number
  let inCall: number
  let budgetPerMinute: number
  try {
    // Sign-in and the first round of every kind are start-up, not steady state.
    await sim.run(90_000)
    idle = await perMinute(sim, minutes, max)
    sim.demo.scenario.inboundCall({
      from: '+4570102030',
      to: runner.ownExtension,
      ringMs: 2000,
      talkMs: (minutes + 2) * 60_000,
    })
    await sim.run(30_000)
    inCall = await perMinute(sim, minutes, max)
    await sim.run(3 * 60_000)
    sim.session().signal('focus')
    await sim.run(30_000)
    focused = await perMinute(sim, minutes, max)
    // The session's own budget: jade's is scaled (a self-hosted server documents no limit).
    budgetPerMinute = sim.session().snapshot().requests.budgetPerMinute
  } finally {
    await sim.close()
  }
  return {
    dialect: runner.dialect,
    budgetPerMinute,
    idlePerMinute: idle,
    focusedPerMinute: focused,
    inCallPerMinute: inCall,
    sessionMaxLastMinute: max.value,
    tickRequests: await tickCost(runner, 200),
  }
}

/**
 * One calls poll, then one presence poll, through the real provider, counted at the
 * face: the order a session runs them in (calls are polled at least as often), so a
 * dialect whose board reuses the call list just fetched shows it. The first tick
 * after sign-in fills the provider's caches (directory, colleagues) and is not counted.
 */
export async function tickCost(
  runner: DialectRunner,
  extensions: number,
): Promise<ApiCost['tickRequests']> {
  const sim = await startSim({ runner, office: false, extensions })
  try {
    await sim.run(10_000)
    const provider = runner.provider(sim.account, { now: () => sim.clock.now() })
    try {
      await provider.signIn()
      await need(provider, 'calls')()
      await need(provider, 'presence')()
      const start = runner.requestCount(sim.demo)
      await need(provider, 'calls')()
      const afterCalls = runner.requestCount(sim.demo)
      const board = await need(provider, 'presence')()
      const afterPresence = runner.requestCount(sim.demo)
      return {
        calls: afterCalls - start,
        presence: afterPresence - afterCalls,
        extensions: board.length,
        floor: runner.tickFloor(board.length),
      }
    } finally {
      await provider.close()
    }
  } finally {
    await sim.close()
  }
}
