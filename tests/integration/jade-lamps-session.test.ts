/**
 * jade's lamps in a Session with the default schedule and request budget, on the
 * manual clock: jade answers one device's state per request (J1) and publishes no
 * device-state event (J7), so a colleague's lamp follows only as fast as the
 * presence poll, which shares the account's budget with calls, parked calls,
 * queues and chat. A colleague unplugging a phone and plugging it back must show
 * on the board within seconds, as it does on the other dialects.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '@switchboard/demo-pbx/testing'
import { Session } from '../../src/main/core/session/session'
import { JadeProvider } from '../../src/main/providers/jade'
import type { PresenceState } from '../../src/shared/model'

let clock: ManualClock
let demo: DemoPbx
let provider: JadeProvider
let session: Session | undefined
let dir: string

beforeEach(async () => {
  clock = new ManualClock()
  demo = await startDemoPbx({ clock, autopilot: false })
  dir = await mkdtemp(join(tmpdir(), 'jade-lamps-'))
  provider = new JadeProvider(
    'acc',
    {
      baseUrl: demo.jade.url,
      username: demo.jade.username,
      adminUsername: demo.jade.adminUsername,
      pinnedFingerprint: demo.jade.fingerprint,
      wsUrl: demo.jade.wsUrl,
    },
    { password: demo.jade.password, adminPassword: demo.jade.adminPassword },
    { now: () => clock.now(), timeoutMs: 2000 },
  )
})

afterEach(async () => {
  await session?.stop()
  session = undefined
  await provider.close()
  await demo.close()
  await rm(dir, { recursive: true, force: true })
})

/** Real I/O (HTTPS to the demo) gets a moment between manual-clock steps. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 3))

/**
 * Advances the manual clock in small steps until `extension`'s lamp shows `state`;
 * returns how long that took on the manual clock, or Infinity after `withinMs`.
 */
async function lampShows(
  lamps: Map<string, PresenceState>,
  extension: string,
  state: PresenceState,
  withinMs: number,
): Promise<number> {
  const start = clock.now()
  while (clock.now() - start <= withinMs) {
    if (lamps.get(extension) === state) return clock.now() - start
    clock.advance(100)
    await settle()
  }
  return Infinity
}

it('shows a colleague’s phone going offline and back within seconds, from the first minute on', async () => {
  const lamps = new Map<string, PresenceState>()
  session = new Session({ accountId: 'acc', provider, dataDir: dir, clock, random: () => 0.5 })
  session.on((event) => {
    if (event.type !== 'presence.changed') return
    for (const lamp of event.presence) lamps.set(lamp.extension, lamp.state)
  })
  await session.start()
  expect(await lampShows(lamps, '202', 'available', 15_000)).toBeLessThan(15_000)

  // At once after the first lamps, while the sign-in's volley still fills the minute.
  demo.state.setRegistered('DEMO', '202', false)
  expect(await lampShows(lamps, '202', 'offline', 20_000)).toBeLessThan(20_000)
  demo.state.setRegistered('DEMO', '202', true)
  expect(await lampShows(lamps, '202', 'available', 20_000)).toBeLessThan(20_000)

  // And later on, once the schedule has settled.
  for (let t = 0; t < 90_000; t += 100) {
    clock.advance(100)
    await settle()
  }
  for (const [registered, state] of [
    [false, 'offline'],
    [true, 'available'],
  ] as const) {
    demo.state.setRegistered('DEMO', '204', registered)
    expect(await lampShows(lamps, '204', state, 20_000)).toBeLessThan(20_000)
  }
})
