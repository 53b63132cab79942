/**
 * Browsing cost: requests per minute while the agent searches contacts (10
 * searches) and reads a chat room (its room list, then 3 pages) each simulated
 * minute, with no call up and the window in the background, counted at the demo's
 * face. Reads go through `Session.read`, which adds no calls poll and no fast
 * polling, so this is the idle figure plus what the reads themselves send. A PBX
 * that offers neither contacts nor chat reads nothing here.
 */
import { need } from '../src/main/providers/facets'
import type { PbxProvider } from '../src/main/providers/provider'
import type { DialectRunner } from './lib/dialects'
import { startSim, type Sim } from './lib/sim'

export interface BrowseCost {
  dialect: string
  /** Requests per minute with no reads, measured in the same run just before. */
  idlePerMinute: number
  /** Requests per minute while browsing, reads included. */
  browsingPerMinute: number
  /** Requests the reads themselves sent, per minute. */
  readsPerMinute: number
  /** Reads done per minute (searches, room lists, pages). */
  readCount: number
  /** Reads per minute that waited for room outside calls' reserve. */
  deferredPerMinute: number
}

const SEARCHES = ['Ann', 'Bo', 'Carl', 'Dorte', 'Emil', 'Frida', 'Gorm', 'Hanne', 'Ib', 'Jens']
const PAGES = 3

/** One minute's reads, spread over it: each sent with the clock still, its requests counted. */
function minuteOfReads(sim: Sim): ((p: PbxProvider) => Promise<unknown>)[] {
  const caps = sim.session().capabilities
  const reads: ((p: PbxProvider) => Promise<unknown>)[] = []
  if (caps.includes('contacts'))
    for (const q of SEARCHES) reads.push((p) => need(p, 'searchContacts')(q))
  if (caps.includes('chat')) {
    let room: string | undefined
    let before: number | undefined
    reads.push(async (p) => {
      room = (await need(p, 'chatRooms')())[0]?.id
    })
    for (let page = 0; page < PAGES; page++) {
      reads.push(async (p) => {
        if (room === undefined) return
        const messages = await need(p, 'chatMessages')(room, before, 20)
        // The next page: older than the oldest message of this one.
        if (messages.length) before = Math.min(...messages.map((m) => m.sentAt))
      })
    }
  }
  return reads
}

/**
 * Sends one read with the clock still and returns the requests it cost. A read
 * that would find no room outside calls' reserve waits in the session (on its
 * clock) for a slot: here the simulation runs until there is one, then reads, so
 * the count is the read's alone.
 */
async function readWhenAllowed(
  sim: Sim,
  read: (p: PbxProvider) => Promise<unknown>,
  tally: { deferred: number },
): Promise<number> {
  let wait = sim.session().schedule.readFreeAt() - sim.clock.now()
  if (wait > 0) tally.deferred += 1
  while (wait > 0) {
    await sim.run(Math.max(250, wait), 250)
    wait = sim.session().schedule.readFreeAt() - sim.clock.now()
  }
  const before = sim.runner.requestCount(sim.demo)
  await sim.session().read(read)
  return sim.runner.requestCount(sim.demo) - before
}

export async function measureBrowseCost(
  runner: DialectRunner,
  options: { minutes?: number } = {},
): Promise<BrowseCost> {
  const minutes = options.minutes ?? 5
  const sim = await startSim({ runner, office: false })
  try {
    // Sign-in and the first round of every kind are start-up, not steady state.
    await sim.run(90_000)
    const idleStart = runner.requestCount(sim.demo)
    await sim.run(minutes * 60_000, 250)
    const idle = runner.requestCount(sim.demo) - idleStart
    let readRequests = 0
    let readCount = 0
    const tally = { deferred: 0 }
    const start = runner.requestCount(sim.demo)
    const startedAt = sim.clock.now()
    for (let minute = 0; minute < minutes; minute++) {
      const reads = minuteOfReads(sim)
      const gap = 60_000 / (reads.length + 1)
      for (const read of reads) {
        await sim.run(gap, 250)
        readRequests += await readWhenAllowed(sim, read, tally)
        readCount += 1
      }
      await sim.run(gap, 250)
    }
    const browsing = runner.requestCount(sim.demo) - start
    // Reads held back take simulated time too: per minute of the time it really took.
    const browsedMinutes = (sim.clock.now() - startedAt) / 60_000
    return {
      dialect: runner.dialect,
      idlePerMinute: idle / minutes,
      browsingPerMinute: browsing / browsedMinutes,
      readsPerMinute: readRequests / browsedMinutes,
      readCount: readCount / browsedMinutes,
      deferredPerMinute: tally.deferred / browsedMinutes,
    }
  } finally {
    await sim.close()
  }
}

/**
 * Browsing costs the idle polling plus the reads' own requests, no more: no calls
 * poll rides on a read. 10 % over that is jitter between the two windows; a read
 * that boosted calls polling (10 s at 1 s instead of 3 s) would add about 7 polls
 * per read.
 */
export function browseWithinIdle(cost: BrowseCost): boolean {
  return cost.browsingPerMinute <= (cost.idlePerMinute + cost.readsPerMinute) * 1.1
}
