/**
 * A jade account with only a user sign-in (no admin): the board must still show
 * the colleagues jade lets a user token see — the buddies and the chat rooms'
 * members, named, with a lamp where `/device_states` lists a device under the
 * colleague's login — and a colleague is called by user uuid (J2). The demo's
 * jade face serves what jade's code serves; its logins are the number on even
 * extensions and the first name on odd ones (docs/dialects/jade.md).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import {
  ManualClock,
  startDemoPbx,
  type DemoPbx,
  type FaultRequest,
} from '@switchboard/demo-pbx/testing'
import { Session } from '../../src/main/core/session/session'
import { JadeProvider } from '../../src/main/providers/jade'
import type { Presence } from '../../src/shared/model'
import { callHandlers } from '../../src/main/core/handlers/calls'
import { colleagueCallHandlers } from '../../src/main/core/handlers/colleague-calls'
import { ContactLedger } from '../../src/main/core/handlers/contact-ledger'
import { contactHandlers } from '../../src/main/core/handlers/contacts'
import { handlerContext } from '../../src/main/core/handlers/context'

let clock: ManualClock
let demo: DemoPbx
let provider: JadeProvider
let session: Session | undefined
let dir: string
let seen: FaultRequest[] = []

beforeEach(async () => {
  clock = new ManualClock()
  demo = await startDemoPbx({ clock, autopilot: false })
  demo.jade.faults.add({ kind: 'reset', match: (r) => (seen.push(r), false) })
  seen = []
  dir = await mkdtemp(join(tmpdir(), 'jade-user-only-'))
  provider = new JadeProvider(
    'acc',
    {
      baseUrl: demo.jade.url,
      username: demo.jade.username,
      pinnedFingerprint: demo.jade.fingerprint,
      wsUrl: demo.jade.wsUrl,
    },
    { password: demo.jade.password },
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

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 3))

it('a user-only account shows its colleagues with names and lamps, and calls one by user uuid', async () => {
  const lamps = new Map<string, Presence>()
  session = new Session({ accountId: 'acc', provider, dataDir: dir, clock, random: () => 0.5 })
  session.on((event) => {
    if (event.type !== 'presence.changed') return
    for (const lamp of event.presence) lamps.set(lamp.extension, lamp)
  })
  await session.start()
  for (let t = 0; t < 15_000 && !lamps.has('212'); t += 100) {
    clock.advance(100)
    await settle()
  }
  // Every colleague whose login names a listed device has a lamp and a name.
  for (const [extension, name] of [
    ['202', 'Lars Jensen'],
    ['206', 'Jesper Christensen'],
    ['212', 'Rasmus Kristensen'],
  ] as const)
    expect(lamps.get(extension), extension).toMatchObject({ name })
  expect(lamps.get('201')?.name).toBe('Mette Nielsen')
  expect(lamps.get('212')?.state).toBe('offline')
  expect(lamps.get('202')?.state).toBe('available')
  // Never a nameless tile.
  expect([...lamps.values()].every((l) => l.name !== '')).toBe(true)
  expect(seen.some((r) => r.path.startsWith('/v1/admin'))).toBe(false)

  // Colleagues with no device under their login are still listed, by name.
  const anne = await session.read((p) => p.searchContacts!('Anne'))
  expect(anne).toEqual([expect.objectContaining({ name: 'Anne Hansen', numbers: [] })])

  // jade calls users only: the face places the call only for the user uuid of 206.
  seen = []
  await session.dial('206')
  expect(seen.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/v1/me/calls'])
  const placed = demo.state.calls.active('DEMO')
  expect(placed.map((c) => [c.a.extension, c.to])).toEqual([['201', '206']])
})

it('calls a colleague with no phone number (login "anne") from a Contacts search, by the id main handed out', async () => {
  session = new Session({ accountId: 'acc', provider, dataDir: dir, clock, random: () => 0.5 })
  await session.start()
  for (let t = 0; t < 15_000 && session.snapshot().presence.length === 0; t += 100) {
    clock.advance(100)
    await settle()
  }
  const ctx = handlerContext({
    find: (id) => (id === 'acc' ? session : undefined),
    defaultCountry: () => 'DK',
    now: () => clock.now(),
  })
  const ledger = new ContactLedger()
  const handlers = {
    ...contactHandlers(ctx, { emit: () => undefined }, ledger),
    ...colleagueCallHandlers(ctx, ledger),
    ...callHandlers(ctx),
  }
  // Anne logs in as "anne": typed, that is no number, and no call is placed.
  await expect(handlers['call:dial']({ accountId: 'acc', number: 'anne' })).rejects.toThrow()
  // An id the window makes up is refused before jade hears of it.
  seen = []
  await expect(
    handlers['call:contact']({ accountId: 'acc', contactId: demo.jade.face.user('203').uuid }),
  ).rejects.toMatchObject({ detail: { code: 'contact.unknown' } })
  expect(seen.some((r) => r.method === 'POST')).toBe(false)

  const [anne] = await handlers['contacts:search']({ accountId: 'acc', query: 'anne' })
  expect(anne).toMatchObject({ name: 'Anne Hansen', numbers: [], callable: true })
  seen = []
  await handlers['call:contact']({ accountId: 'acc', contactId: anne!.id })
  expect(seen.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/v1/me/calls'])
  expect(demo.state.calls.active('DEMO').map((c) => [c.a.extension, c.to])).toEqual([
    ['201', '203'],
  ])

  // A colleague on the board is called through the same check, by the entry main listed.
  await expect(
    handlers['call:colleague']({ accountId: 'acc', extension: '203' }),
  ).rejects.toMatchObject({ detail: { code: 'colleague.unknown' } })
  expect(await handlers['call:colleague']({ accountId: 'acc', extension: '206' })).toMatchObject({
    name: 'Jesper Christensen',
  })
})
