/**
 * jade's route table: which path and method run what, which token kind it needs,
 * and whether it lives under `/v1`, at the root, or both — as jade's
 * http_handler.c registers them: `/v1/admin/*`, `/v1/me/calls`,
 * `/v1/me/contacts` and `/v1/me/search` only under `/v1`; `/me/info`, `/me/buddies`, `/me/chats*`
 * and `/me/login` both; `/device_states`, `/agents`, `/peers`, `/registries`
 * only at the root, without a token (`/v1/device_states` is a 404).
 */
import type { FaceResponse } from './http-face'
import { fail, ok, type JadeObject, type ListShape } from './jade-format'
import type { JadeRequest } from './jade-https'
import * as me from './jade-me'
import type { JadeObjects } from './jade-objects'
import type { JadeDirectory, JadeUser } from './jade-people'
import type { TokenInfo, TokenKind, TokenStore } from './jade-tokens'
import type { PbxState } from './pbx-state'

export interface JadeContext {
  pbx: PbxState
  dir: JadeDirectory
  objects: JadeObjects
  tokens: TokenStore
  req: JadeRequest
  /** The `:param` segments of the path, decoded, in order. */
  args: string[]
  now: number
  shape: ListShape
  /** The channels one channel list shows (the face decides; see JadeFace.channelList). */
  channelList<T>(items: readonly T[], linkedIdOf: (item: T) => string): T[]
  token?: TokenInfo
  /** The signed-in office user (user-token routes only). */
  mustUser(): JadeUser
  onLogin(kind: TokenKind): void
}

type Auth = 'none' | 'user' | 'admin' | 'any'
/** Where a route is served: under `/v1` only, at the root only, or both. */
type Where = 'v1' | 'root' | 'both'
type Run = (ctx: JadeContext) => FaceResponse
interface Method {
  auth: Auth
  run: Run
}
export interface Route {
  /** Counting and fault-matching name (`ME.CALLS`). */
  name: string
  pattern: string[]
  methods: Partial<Record<string, Method>>
  /** Default `v1`. */
  where?: Where
}

const get = (auth: Auth, run: Run): Partial<Record<string, Method>> => ({ GET: { auth, run } })

/** A list route and its `/<key>` detail route over the same objects. */
function collection(
  name: string,
  pattern: string[],
  auth: Auth,
  items: (ctx: JadeContext) => JadeObject[],
  key: string,
  extra: Partial<Record<string, Method>> = {},
): Route[] {
  const detail = (ctx: JadeContext): FaceResponse => {
    const found = findItem(ctx, items(ctx), key)
    return found ? ok(ctx.now, found) : fail(ctx.now, 404)
  }
  return [
    { name, pattern, methods: get(auth, (ctx) => me.list(ctx, items(ctx))) },
    { name, pattern: [...pattern, ':id'], methods: { ...get(auth, detail), ...extra } },
  ]
}

/**
 * jade's old root routes (`/device_states`, `/agents`, …): no token; the detail
 * is the same path with a trailing `/`, naming the item in a JSON body even on
 * a GET (seed 004: `curl -X GET example.com/device_states/ -d '{"device": …}'`).
 */
function rootCollection(
  name: string,
  path: string,
  items: (ctx: JadeContext) => JadeObject[],
  key: string,
  detailOf: (ctx: JadeContext, item: JadeObject) => JadeObject = (_ctx, item) => item,
): Route[] {
  const detail = (ctx: JadeContext): FaceResponse => {
    const body = me.jsonBody(ctx)
    if (!body) return fail(ctx.now, 400)
    const wanted = body[key]
    const found = items(ctx).find((item) => item[key] === wanted)
    // jade answers a device it does not know with 500 (get_device_state_info is NULL).
    return found ? ok(ctx.now, detailOf(ctx, found)) : fail(ctx.now, 500)
  }
  return [
    {
      name,
      pattern: [path],
      where: 'root',
      methods: get('none', (ctx) =>
        me.list(
          ctx,
          items(ctx).map((i) => ({ [key]: i[key] })),
        ),
      ),
    },
    { name, pattern: [path, ''], where: 'root', methods: get('none', detail) },
  ]
}

function findItem(ctx: JadeContext, items: JadeObject[], key: string): JadeObject | undefined {
  const id = ctx.args[0] ?? ''
  const queue = ctx.req.params.queue_name
  return items.find(
    (item) =>
      item[key] === id &&
      (queue === undefined || item.queue_name === undefined || item.queue_name === queue),
  )
}

function login(kind: TokenKind): Partial<Record<string, Method>> {
  return {
    POST: {
      auth: 'none',
      run: (ctx) => {
        const basic = /^Basic\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? '')
        if (!basic?.[1]) return fail(ctx.now, 400)
        const decoded = Buffer.from(basic[1], 'base64').toString('utf8')
        const colon = decoded.indexOf(':')
        if (colon < 0) return fail(ctx.now, 400)
        const username = decoded.slice(0, colon)
        const password = decoded.slice(colon + 1)
        let extension: string | undefined
        if (kind === 'admin') {
          const { admin } = ctx.dir
          if (username !== admin.username || password !== admin.password) return fail(ctx.now, 404)
        } else {
          const user = ctx.dir.byLogin(username)
          if (!user || user.password !== password) return fail(ctx.now, 404)
          extension = user.extension
        }
        ctx.onLogin(kind)
        return ok(ctx.now, { authtoken: ctx.tokens.issue(kind, extension) })
      },
    },
    DELETE: {
      auth: kind,
      run: (ctx) => {
        ctx.tokens.revoke(ctx.req.params.authtoken ?? '')
        return ok(ctx.now)
      },
    },
  }
}

function hangupChannel(ctx: JadeContext): FaceResponse {
  const found = ctx.objects.findLeg(ctx.args[0] ?? '')
  if (!found) return fail(ctx.now, 404)
  ctx.pbx.asApi(() => ctx.pbx.calls.hangupChannel(ctx.dir.tenant, found.leg.channel))
  return ok(ctx.now)
}

function hangupParked(ctx: JadeContext): FaceResponse {
  const tenant = ctx.dir.tenant
  const call = ctx.pbx.calls.parked(tenant).find((c) => c.a.uniqueId === ctx.args[0])
  if (!call) return fail(ctx.now, 404)
  ctx.pbx.asApi(() => ctx.pbx.calls.hangup(tenant, call.id))
  return ok(ctx.now)
}

const users = (ctx: JadeContext): JadeObject[] => [
  ctx.dir.userObject(ctx.dir.admin, true),
  ...ctx.dir.users().map((u) => ctx.dir.userObject(u, true)),
]

export const jadeRoutes: readonly Route[] = [
  { name: 'ME.LOGIN', pattern: ['me', 'login'], where: 'both', methods: login('user') },
  { name: 'ADMIN.LOGIN', pattern: ['admin', 'login'], methods: login('admin') },
  { name: 'ME.INFO', pattern: ['me', 'info'], where: 'both', methods: get('user', me.meInfo) },
  {
    name: 'ME.BUDDIES',
    pattern: ['me', 'buddies'],
    where: 'both',
    methods: get('user', me.meBuddies),
  },
  { name: 'ME.CONTACTS', pattern: ['me', 'contacts'], methods: get('user', me.meContacts) },
  // http_handler.c registers `^/v1/me/search$` only (no root route), GET only.
  { name: 'ME.SEARCH', pattern: ['me', 'search'], methods: get('user', me.meSearch) },
  { name: 'ME.CHATS', pattern: ['me', 'chats'], where: 'both', methods: get('user', me.meChats) },
  {
    name: 'ME.CHATS',
    pattern: ['me', 'chats', ':id'],
    where: 'both',
    methods: get('user', me.meChat),
  },
  {
    name: 'ME.CHATS.MESSAGES',
    pattern: ['me', 'chats', ':id', 'messages'],
    where: 'both',
    methods: {
      GET: { auth: 'user', run: me.meChatMessages },
      POST: { auth: 'user', run: me.meChatSend },
    },
  },
  {
    name: 'ME.CALLS',
    pattern: ['me', 'calls'],
    methods: {
      GET: { auth: 'user', run: me.meCalls },
      POST: { auth: 'user', run: me.meCallCreate },
    },
  },
  ...rootCollection(
    'DEVICE_STATES',
    'device_states',
    (c) => c.objects.devices.deviceStates(),
    'device',
  ),
  ...rootCollection('PEERS', 'peers', (c) => c.objects.devices.peers(), 'peer'),
  ...rootCollection('REGISTRIES', 'registries', (c) => c.objects.devices.registries(), 'account'),
  ...rootCollection('AGENTS', 'agents', (c) => c.objects.devices.agents(), 'id'),
  {
    name: 'ADMIN.INFO',
    pattern: ['admin', 'info'],
    methods: get('admin', (ctx) => ok(ctx.now, ctx.dir.userObject(ctx.dir.admin))),
  },
  ...collection(
    'ADMIN.CORE.CHANNELS',
    ['admin', 'core', 'channels'],
    'admin',
    (c) => c.channelList(c.objects.channels(), (channel) => String(channel.linked_id)),
    'unique_id',
    { DELETE: { auth: 'admin', run: hangupChannel } },
  ),
  ...collection(
    'ADMIN.PARK.PARKEDCALLS',
    ['admin', 'park', 'parkedcalls'],
    'admin',
    (c) => c.objects.parkedCalls(),
    'parkee_unique_id',
    { DELETE: { auth: 'admin', run: hangupParked } },
  ),
  ...collection(
    'ADMIN.QUEUE.QUEUES',
    ['admin', 'queue', 'queues'],
    'admin',
    (c) => c.objects.queues(),
    'name',
  ),
  ...collection(
    'ADMIN.QUEUE.ENTRIES',
    ['admin', 'queue', 'entries'],
    'admin',
    (c) => c.objects.queueEntries(),
    'unique_id',
  ),
  ...collection(
    'ADMIN.QUEUE.MEMBERS',
    ['admin', 'queue', 'members'],
    'admin',
    (c) => c.objects.queueMembers(),
    'name',
  ),
  ...collection('ADMIN.USER.USERS', ['admin', 'user', 'users'], 'admin', users, 'uuid'),
  ...collection(
    'ADMIN.USER.CONTACTS',
    ['admin', 'user', 'contacts'],
    'admin',
    (c) => c.dir.allContacts(),
    'uuid',
  ),
]

/** The route a path names, with its decoded `:param` segments; undefined for none. */
export function matchRoute(path: string): { route: Route; args: string[] } | undefined {
  let segments: string[]
  try {
    // Empty segments go, except a trailing one: `/device_states/` is its own route.
    const parts = path.split('/').slice(1)
    segments = parts.filter((p, i) => p !== '' || (i === parts.length - 1 && i > 0))
    segments = segments.map(decodeURIComponent)
  } catch {
    return undefined
  }
  const versioned = segments[0] === 'v1'
  if (versioned) segments = segments.slice(1)
  for (const route of jadeRoutes) {
    const where = route.where ?? 'v1'
    if (where !== 'both' && where !== (versioned ? 'v1' : 'root')) continue
    if (route.pattern.length !== segments.length) continue
    const args: string[] = []
    const fits = route.pattern.every((part, i) => {
      const seg = segments[i] ?? ''
      if (part.startsWith(':')) {
        args.push(seg)
        return true
      }
      return part === seg
    })
    if (fits) return { route, args }
  }
  return undefined
}

/** Whether a token may call a route that needs `auth`. */
export function allowed(auth: Auth, token: TokenInfo | undefined): boolean {
  if (auth === 'none') return true
  if (!token) return false
  return auth === 'any' || auth === token.kind
}

export type { Auth, Where }
