/**
 * The living demo office: a call every ~20 s (inbound, outbound, internal and
 * queue calls, some missed, some to voicemail), now and then a pause or a chat
 * message. Every choice comes from one seeded generator, so a seed and a
 * manual clock replay the same day.
 */
import {
  demoCustomers,
  demoOwnExtension,
  demoPeople,
  demoQueues,
  demoTenant,
} from './demo-office-data'
import type { PbxState } from './pbx-state'
import { Random } from './random'
import type { CallScript } from './call-script'

export interface OfficeOptions {
  seed?: number
  /** Mean time between calls. */
  meanIntervalMs?: number
}

export interface Office {
  stop(): void
}

const chatLines = [
  'Kan nogen tage Support-køen et øjeblik?',
  'Frokost er klar i kantinen 🍽️',
  'Husk møde kl. 14 i mødelokale 2',
  'Mortensen VVS ringer tilbage i eftermiddag',
  'Er der kaffe på kanden?',
]

const pauseReasons = ['Frokost', 'Møde', 'Efterbehandling', 'Pause']

export function startOffice(
  pbx: PbxState,
  scenario: CallScript,
  options: OfficeOptions = {},
): Office {
  const rng = new Random((options.seed ?? 1) ^ 0x5eed)
  const mean = options.meanIntervalMs ?? 20_000
  let stopped = false
  let timer: number | undefined

  const free = (): string[] => {
    const busy = pbx.calls.busyExtensions(demoTenant)
    return demoPeople
      .map(([n]) => n)
      .filter((n) => !busy.has(n) && pbx.extension(demoTenant, n)?.registered)
  }

  const oneCall = (): void => {
    const kind = rng.weighted([
      ['inbound', 3],
      ['queue', 4],
      ['outbound', 2],
      ['internal', 2],
    ] as const)
    const ringMs = rng.int(3, 14) * 1000
    const talkMs = rng.int(20, 150) * 1000
    const idle = free()
    const [number, name] = rng.pick(demoCustomers)
    const known = rng.chance(0.7)
    const caller = known
      ? { from: number, fromName: name }
      : { from: `+45${rng.int(20000000, 99999999)}` }
    const recorded = rng.chance(0.4)
    if (kind === 'queue') {
      const queue = rng.pick(demoQueues)
      const missed = rng.chance(0.15)
      scenario.inboundCall({
        ...caller,
        queue: queue.id,
        ringMs,
        talkMs,
        recorded,
        outcome: missed ? 'missed' : 'answered',
      })
      return
    }
    if (kind === 'inbound') {
      const to = rng.chance(0.35) ? demoOwnExtension : rng.pick(demoPeople)[0]
      const outcome = rng.weighted([
        ['answered', 6],
        ['missed', 2],
        ['voicemail', 2],
      ] as const)
      scenario.inboundCall({
        ...caller,
        to,
        ringMs,
        talkMs,
        recorded,
        outcome,
        voicemailSec: rng.int(4, 20),
      })
      return
    }
    if (idle.length === 0) return
    const from = rng.pick(idle)
    if (kind === 'outbound') {
      const outcome = rng.chance(0.8) ? 'answered' : rng.chance(0.5) ? 'missed' : 'busy'
      scenario.placedCall({ from, to: number, ringMs, talkMs, outcome, recorded })
      return
    }
    const others = idle.filter((n) => n !== from)
    if (others.length === 0) return
    scenario.placedCall({
      from,
      to: rng.pick(others),
      ringMs,
      talkMs: talkMs / 2,
      outcome: rng.chance(0.85) ? 'answered' : 'missed',
    })
  }

  const sideEvent = (): void => {
    const roll = rng.next()
    if (roll < 0.1) {
      const queue = rng.pick(demoQueues)
      const agent = rng.pick(queue.agents.filter((a) => a !== demoOwnExtension))
      const state = pbx.queues.agent(demoTenant, queue.id, agent)
      if (state.paused) pbx.queues.unpause(demoTenant, queue.id, agent)
      else pbx.queues.pause(demoTenant, queue.id, agent, rng.pick(pauseReasons))
    } else if (roll < 0.16) {
      const room = rng.chance(0.5) ? 'general' : 'support'
      const from = rng.pick(
        pbx.chat.rooms(demoTenant).find((r) => r.id === room)?.members ?? ['202'],
      )
      if (from !== demoOwnExtension) pbx.chat.send(demoTenant, room, from, rng.pick(chatLines))
    }
  }

  const tick = (): void => {
    if (stopped) return
    oneCall()
    sideEvent()
    timer = pbx.clock.setTimeout(tick, Math.round(mean * (0.6 + rng.next() * 0.8)))
  }

  timer = pbx.clock.setTimeout(tick, Math.round(mean * 0.25))
  return {
    stop(): void {
      stopped = true
      if (timer !== undefined) pbx.clock.clearTimeout(timer)
    },
  }
}
