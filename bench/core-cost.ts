/**
 * Core cost: the CPU one poll costs the main process once the answers are in.
 * Real PBXCloud JSON bodies of an office of 5,000 extensions with 500 live calls
 * (made by the demo PBX, fetched over HTTP once) go through the provider's parsers
 * and normalisers and the session's presence and call trackers, alternating
 * between two snapshots 100 lamps apart so every run diffs real changes.
 */
import { performance } from 'node:perf_hooks'
import { CallTracker } from '../src/main/core/call-tracker'
import { PresenceTracker } from '../src/main/core/presence-tracker'
import { ManualClock, startDemoPbx, type DemoPbx } from '../src/main/demo'
import {
  callsFromChannels,
  groupChannels,
  partnersByExtension,
  presenceFromBlfs,
  type Own,
} from '../src/main/providers/pbxcloud/normalise'
import { parseRows } from '../src/main/providers/pbxcloud/parse'
import { safeName } from '../src/shared/untrusted-text'
import { getText } from './lib/fetch-text'
import { growOffice } from './lib/office'
import { summarise, type Summary } from './lib/stats'

export interface Bodies {
  extensions: string
  blfs: [string, string]
  channels: [string, string]
  bytes: number
}

async function body(demo: DemoPbx, params: Record<string, string>): Promise<string> {
  const url = new URL(demo.pbxcloud.url)
  url.searchParams.set('key', demo.pbxcloud.apiKey)
  url.searchParams.set('tenant', demo.pbxcloud.tenant)
  url.searchParams.set('format', 'json')
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
  return (await getText(url.href)).text
}

/** Two snapshots of a big office, as the PBXCloud face answers them. */
export async function bigOfficeBodies(extensions = 5000, calls = 500): Promise<Bodies> {
  const clock = new ManualClock()
  const demo = await startDemoPbx({ clock, seed: 3, office: false, autopilot: false })
  try {
    const tenant = demo.state.mustTenant('DEMO')
    // Calls first, on a smaller office: every PBX event is seen by each face's
    // watcher, and some of those scan the whole office per event.
    const callees = growOffice(demo.state, tenant.extensions.size + calls)
    demo.scenario.inboundCall({ from: '+4570102030', to: '201', ringMs: 1000, talkMs: 3_600_000 })
    for (let i = 1; i < calls; i++) {
      demo.scenario.inboundCall({
        from: `+4520${String(100000 + i)}`,
        fromName: `Caller ${i}`,
        to: callees[i] ?? '202',
        ringMs: i % 2 ? 1000 : 3_600_000,
        talkMs: 3_600_000,
      })
    }
    clock.advance(2000)
    growOffice(demo.state, extensions)
    const numbers = [...tenant.extensions.keys()]
    const extensionsBody = await body(demo, { reqtype: 'INFO', info: 'extensions' })
    const blfsA = await body(demo, { reqtype: 'BLFS' })
    const channelsA = await body(demo, { reqtype: 'CHANNELS' })
    // 100 lamps change: do-not-disturb on 100 idle extensions.
    let changed = 0
    for (const number of numbers.slice(-1000)) {
      if (changed >= 100) break
      const extension = tenant.extensions.get(number)
      if (!extension?.registered || extension.dnd) continue
      // Straight on the record: the lamp shows it on the next BLFS read.
      extension.dnd = true
      changed++
    }
    clock.advance(1000)
    const blfsB = await body(demo, { reqtype: 'BLFS' })
    const channelsB = await body(demo, { reqtype: 'CHANNELS' })
    return {
      extensions: extensionsBody,
      blfs: [blfsA, blfsB],
      channels: [channelsA, channelsB],
      bytes: blfsA.length + channelsA.length,
    }
  } finally {
    await demo.close()
  }
}

export interface CoreCost {
  dialect: 'pbxcloud'
  extensions: number
  calls: number
  bytes: number
  ms: Summary
  /** Lamps reported changed per diff after the first (should be 100-ish). */
  changedPerDiff: number
}

/** Parse + normalise + diff of one snapshot, `runs` times. */
export function measureCoreCost(bodies: Bodies, runs = 40): CoreCost {
  const own: Own = { accountId: 'bench', number: '201', account: '201-DEMO' }
  const directory = new Map(
    parseRows(bodies.extensions, ['number', 'name']).map((row) => [
      row.number ?? '',
      safeName(row.name),
    ]),
  )
  const isExtension = (n: string): boolean => directory.has(n)
  const presence = new PresenceTracker()
  const tracker = new CallTracker({ accountId: 'bench', ownExtension: '201' })
  const times: number[] = []
  let extensions = 0
  let calls = 0
  let changed = 0
  const now = Date.UTC(2025, 0, 6, 9, 0, 0)
  for (let i = 0; i < runs + 1; i++) {
    const which = i % 2
    const start = performance.now()
    const lampRows = parseRows(bodies.blfs[which] ?? '', ['type', 'number', 'state'])
    const channelRows = parseRows(bodies.channels[which] ?? '', ['channel', 'state'])
    const groups = groupChannels(channelRows)
    const partners = partnersByExtension(groups, (peer) => peer.split('-')[0] ?? peer)
    const lamps = presenceFromBlfs(lampRows, directory, partners, 'bench', now + i * 1000)
    const mine = callsFromChannels(groups, own, isExtension, now + i * 1000)
    const diff = presence.update(lamps)
    tracker.update(mine, now + i * 1000)
    const elapsed = performance.now() - start
    // The first run fills empty trackers (everything is new): not a steady-state diff.
    if (i === 0) continue
    times.push(elapsed)
    extensions = lamps.length
    calls = groups.size
    changed = diff.changed.length
  }
  return {
    dialect: 'pbxcloud',
    extensions,
    calls,
    bytes: bodies.bytes,
    ms: summarise(times),
    changedPerDiff: changed,
  }
}
