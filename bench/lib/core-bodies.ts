/**
 * A big office (5,000 extensions, 500 live calls) as each dialect's face answers
 * it, twice: the second snapshot 100 lamps apart (100 idle phones unregister). For
 * each dialect, `tick` is the work one presence + calls tick costs the main
 * process once the answers are in: the provider's own parsers and normalisers,
 * chained as its `presence()` and `calls()` chain them. What the providers cache
 * for minutes (the extension directory, jade's colleagues) is read once, outside;
 * what they keep from one poll to the next (the lamps they returned, see
 * src/main/providers/lamp.ts) is kept from one tick to the next, as in a session.
 */
import type { Call, Presence } from '../../src/shared/model'
import { safeName } from '../../src/shared/untrusted-text'
import { ManualClock, startDemoPbx, type DemoPbx } from '@switchboard/demo-pbx/testing'
import {
  callsFromChannels,
  extensionOfPeer,
  groupChannels,
  partnersByExtension,
  presenceFromBlfs,
} from '../../src/main/providers/pbxcloud/normalise'
import { parseRows } from '../../src/main/providers/pbxcloud/parse'
import { readExtensions } from '../../src/main/providers/pbxcloud/readers'
import { CallMemory, ownCalls } from '../../src/main/providers/restv1/call-rows'
import {
  buildDirectory,
  presenceFrom,
  Registrations,
} from '../../src/main/providers/restv1/normalise'
import {
  parseCallList,
  parseExtensions,
  parseRegistrations,
} from '../../src/main/providers/restv1/parse'
import { callsOf, groupByCall } from '../../src/main/providers/jade/calls'
import { partnersOf, presenceOf, type Person } from '../../src/main/providers/jade/normalise'
import { colleaguesOf } from '../../src/main/providers/jade/directory'
import { listOf, parseAnswer, recordOf, text } from '../../src/main/providers/jade/parse'
import type { DialectRunner } from './dialects'
import { jsonOf, sendText, type TextRequest } from './fetch-text'
import { growOffice } from './office'

export interface Tick {
  lamps: Presence[]
  mine: Call[]
  /** Calls in the whole snapshot (not only the agent's). */
  calls: number
}

export interface OfficeBodies {
  dialect: string
  /** Bytes of one snapshot's answers (what one tick reads). */
  bytes: number
  /** Requests one snapshot takes. */
  requests: number
  /** Parse + normalise one snapshot (0 or 1) as the provider does. */
  tick(which: 0 | 1, now: number): Tick
  /** The raw answers of one snapshot: what `JSON.parse` alone would have to read. */
  answers(which: 0 | 1): readonly string[]
}

const own = { accountId: 'bench', number: '201' }

/** Builds the office on the demo (calls first, on a small office: every PBX event is
 * seen by each face's watcher, and some scan the office per event), then reads it. */
async function withBigOffice(
  runner: DialectRunner,
  extensions: number,
  calls: number,
  read: (demo: DemoPbx) => Promise<unknown>,
): Promise<[unknown, unknown]> {
  const clock = new ManualClock()
  const demo = await startDemoPbx({
    clock,
    seed: 3,
    office: false,
    autopilot: false,
    ...runner.demoOptions,
  })
  try {
    const tenant = demo.state.mustTenant('DEMO')
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
    const first = await read(demo)
    // 100 lamps change: 100 idle phones unregister (straight on the record: every
    // face shows it on its next read).
    let changed = 0
    for (const number of [...tenant.extensions.keys()].slice(-1000)) {
      if (changed >= 100) break
      const extension = tenant.extensions.get(number)
      if (!extension?.registered) continue
      extension.registered = false
      changed++
    }
    clock.advance(1000)
    return [first, await read(demo)]
  } finally {
    await demo.close()
  }
}

async function text200(req: TextRequest): Promise<string> {
  const answer = await sendText(req)
  if (answer.status !== 200) throw new Error(`${req.url.split('?')[0]}: HTTP ${answer.status}`)
  return answer.text
}

async function pbxcloudBodies(
  runner: DialectRunner,
  extensions: number,
  calls: number,
): Promise<OfficeBodies> {
  const get = (demo: DemoPbx, params: Record<string, string>): Promise<string> => {
    const url = new URL(demo.pbxcloud.url)
    url.searchParams.set('key', demo.pbxcloud.apiKey)
    url.searchParams.set('tenant', demo.pbxcloud.tenant)
    url.searchParams.set('format', 'json')
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
    return text200({ url: url.href })
  }
  let directoryBody = ''
  const [a, b] = (await withBigOffice(runner, extensions, calls, async (demo) => {
    directoryBody ||= await get(demo, { reqtype: 'INFO', info: 'extensions' })
    return [await get(demo, { reqtype: 'BLFS' }), await get(demo, { reqtype: 'CHANNELS' })]
  })) as [[string, string], [string, string]]
  // INFO extensions is `ex_` rows on real servers (PLATFORM-FACTS P4), as the demo now serves.
  const directory = new Map(readExtensions(directoryBody).map((e) => [e.number, e.name]))
  const isExtension = (n: string): boolean => directory.has(n)
  const snapshots = [a, b] as const
  let lamps: Presence[] = []
  return {
    dialect: 'pbxcloud',
    bytes: a[0].length + a[1].length,
    requests: 2,
    answers: (which) => snapshots[which],
    tick: (which, now) => {
      const [blfs, channels] = snapshots[which]
      // calls(), then presence(), as a session polls them (and as the other dialects do).
      const groups = groupChannels(parseRows(channels, []))
      const mine = callsFromChannels(groups, { ...own, account: '201-DEMO' }, isExtension, now)
      const lampRows = parseRows(blfs, [])
      const partners = partnersByExtension(groups, extensionOfPeer)
      lamps = presenceFromBlfs(lampRows, directory, partners, 'bench', now, lamps)
      return { lamps, mine, calls: groups.size }
    },
  }
}

async function restv1Bodies(
  runner: DialectRunner,
  extensions: number,
  calls: number,
): Promise<OfficeBodies> {
  let directoryPages: string[] = []
  let ownId = ''
  const [a, b] = (await withBigOffice(runner, extensions, calls, async (demo) => {
    const { headers } = await runner.callsRequest(demo)
    const api = (path: string, query: [string, string][] = []): Promise<string> => {
      const url = new URL(`${demo.restv1.url}/api/ver1.0${path}`)
      for (const [k, v] of query) url.searchParams.append(k, v)
      return text200({ url: url.href, ...(headers ? { headers } : {}) })
    }
    if (directoryPages.length === 0) {
      for (let page = 1; directoryPages.length < 100; page++) {
        const body = await api('/client/@me/extension/', [
          ['page', String(page)],
          ['per_page', '500'],
        ])
        directoryPages.push(body)
        if (parseExtensions(body).length < 500) break
      }
      ownId = String(demo.restv1.extensionId)
    }
    const phones = [...demo.state.mustTenant('DEMO').extensions.keys()].map((n) =>
      String(demo.restv1.face.extensionIdOf(n)),
    )
    const registrations: string[] = []
    for (let i = 0; i < phones.length; i += 100) {
      const ids = phones.slice(i, i + 100).map((id): [string, string] => ['extension_id', id])
      registrations.push(await api('/extension/registration/', ids))
    }
    return { registrations, calls: await api('/client/@me/current_calls/') }
  })) as [{ registrations: string[]; calls: string }, { registrations: string[]; calls: string }]
  const directory = buildDirectory(directoryPages.flatMap((page) => parseExtensions(page)))
  directoryPages = []
  const snapshots = [a, b] as const
  let lamps: Presence[] = []
  const memory = new CallMemory()
  return {
    dialect: 'restv1',
    bytes: a.calls.length + a.registrations.reduce((sum, body) => sum + body.length, 0),
    requests: 1 + a.registrations.length,
    answers: (which) => [snapshots[which].calls, ...snapshots[which].registrations],
    tick: (which, now) => {
      const snapshot = snapshots[which]
      const rows = parseCallList(snapshot.calls)
      const registrations = new Registrations(directory)
      for (const body of snapshot.registrations) registrations.add(parseRegistrations(body))
      lamps = presenceFrom(directory, registrations, rows, 'bench', now, lamps)
      const mine = ownCalls(rows, { ...own, extensionId: ownId }, directory, now, memory)
      return { lamps, mine, calls: new Set(rows.map((row) => row.call_api_id)).size }
    },
  }
}

async function jadeBodies(
  runner: DialectRunner,
  extensions: number,
  calls: number,
): Promise<OfficeBodies> {
  let people: Person[] = []
  type Snapshot = { list: string; states: string[]; channels: string }
  const [a, b] = (await withBigOffice(runner, extensions, calls, async (demo) => {
    const admin = await runner.callsRequest(demo)
    const ca = demo.jade.face.certificatePem
    const adminToken = new URL(admin.url).searchParams.get('authtoken') ?? ''
    const get = (path: string, token: string): Promise<string> => {
      const url = new URL(`${demo.jade.url}/v1${path}`)
      url.searchParams.set('authtoken', token)
      return text200({ url: url.href, ca })
    }
    if (people.length === 0) {
      const basic = Buffer.from(`${demo.jade.username}:${demo.jade.password}`).toString('base64')
      const login = await sendText({
        url: `${demo.jade.url}/v1/me/login`,
        method: 'POST',
        headers: { Authorization: `Basic ${basic}` },
        ca,
      })
      const { result } = jsonOf(login, 'jade sign-in') as { result: { authtoken: string } }
      const list = async (path: string, token: string) =>
        listOf(parseAnswer(200, await get(path, token), path), path)
      const me = recordOf(parseAnswer(200, await get('/me/info', result.authtoken), 'me'), 'me')
      // What the provider caches for minutes: colleagues as users, devices from the admin.
      const colleagues = colleaguesOf(
        await list('/me/buddies', result.authtoken),
        {
          users: await list('/admin/user/users', adminToken),
          contacts: await list('/admin/user/contacts', adminToken),
        },
        text(me, 'uuid'),
      )
      const self = {
        extension: own.number,
        name: safeName(text(me, 'name')),
        device: `PJSIP/${own.number}`,
      }
      people = [self, ...colleagues.filter((c) => c.device !== '')]
    }
    // jade lists device NAMES at its root without a token, and one device's state
    // per request at /device_states/ (docs/dialects/jade.md). The provider reads
    // at most 24 a poll; this measure parses EVERY device's answer each tick (an
    // upper bound of the CPU cost), made as the face serves one, since 5,000
    // HTTPS requests per snapshot would only time the setup.
    const list = await text200({ url: `${demo.jade.url}/device_states`, ca })
    const sample = await text200({
      url: `${demo.jade.url}/device_states/`,
      body: JSON.stringify({ device: `PJSIP/${own.number}` }),
      headers: { 'Content-Type': 'application/json' },
      ca,
    })
    const envelope = JSON.parse(sample) as Record<string, unknown>
    const states = demo.jade.face.objects.devices
      .deviceStates()
      .map((row) => JSON.stringify({ ...envelope, result: row }))
    return { list, states, channels: await get('/admin/core/channels', adminToken) }
  })) as [Snapshot, Snapshot]
  const names = new Map(people.map((p) => [p.extension, p.name]))
  const snapshots = [a, b] as const
  let lamps: Presence[] = []
  const bytes = a.list.length + a.states.reduce((n, s) => n + s.length, 0) + a.channels.length
  return {
    dialect: 'jade',
    bytes,
    // What one poll sends: channels, the list and at most 24 states.
    requests: 2 + Math.min(24, a.states.length),
    answers: (which) => [
      snapshots[which].list,
      ...snapshots[which].states,
      snapshots[which].channels,
    ],
    tick: (which, now) => {
      const snapshot = snapshots[which]
      const channels = listOf(parseAnswer(200, snapshot.channels, 'channels'), 'channels')
      const groups = groupByCall(channels)
      const mine = callsOf(groups, own.number, {
        accountId: 'bench',
        ownExtension: own.number,
        now,
        directory: { names },
        queueOf: new Map(),
      })
      listOf(parseAnswer(200, snapshot.list, 'device states'), 'device states')
      const states = snapshot.states.map((body) =>
        recordOf(parseAnswer(200, body, 'the device state'), 'device state'),
      )
      lamps = presenceOf(people, states, partnersOf(channels), 'bench', now, lamps)
      return { lamps, mine, calls: groups.size }
    },
  }
}

/** The big office's answers for one dialect. */
export function bigOfficeBodies(
  runner: DialectRunner,
  extensions = 5000,
  calls = 500,
): Promise<OfficeBodies> {
  switch (runner.dialect) {
    case 'pbxcloud':
      return pbxcloudBodies(runner, extensions, calls)
    case 'restv1':
      return restv1Bodies(runner, extensions, calls)
    case 'jade':
      return jadeBodies(runner, extensions, calls)
  }
}
