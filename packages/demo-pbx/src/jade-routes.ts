/**
 * jade's route table: which path and method run what, and which token kind it
 * needs. `/v1` is optional because the seed's older examples leave it out.
 */
import type { HiddenCalls } from './hidden-calls'
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
  /** Calls a test leaves out of the next channel lists. */
  hidden: HiddenCalls
  token?: TokenInfo
  /** The signed-in office user (user-token routes only). */
  mustUser(): JadeUser
  onLogin(kind: TokenKind): void
}

type Auth = 'none' | 'user' | 'admin' | 'any'
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
  { name: 'ME.LOGIN', pattern: ['me', 'login'], methods: login('user') },
  { name: 'ADMIN.LOGIN', pattern: ['admin', 'login'], methods: login('admin') },
  { name: 'ME.INFO', pattern: ['me', 'info'], methods: get('user', me.meInfo) },
  { name: 'ME.BUDDIES', pattern: ['me', 'buddies'], methods: get('user', me.meBuddies) },
  { name: 'ME.CONTACTS', pattern: ['me', 'contacts'], methods: get('user', me.meContacts) },
  { name: 'ME.CHATS', pattern: ['me', 'chats'], methods: get('user', me.meChats) },
  { name: 'ME.CHATS', pattern: ['me', 'chats', ':id'], methods: get('user', me.meChat) },
  {
    name: 'ME.CHATS.MESSAGES',
    pattern: ['me', 'chats', ':id', 'messages'],
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
  ...collection(
    'DEVICE_STATES',
    ['device_states'],
    'any',
    (c) => c.objects.devices.deviceStates(),
    'device',
  ),
  ...collection('PEERS', ['peers'], 'any', (c) => c.objects.devices.peers(), 'peer'),
  ...collection(
    'REGISTRIES',
    ['registries'],
    'any',
    (c) => c.objects.devices.registries(),
    'account',
  ),
  ...collection('AGENTS', ['agents'], 'any', (c) => c.objects.devices.agents(), 'id'),
  {
    name: 'ADMIN.INFO',
    pattern: ['admin', 'info'],
    methods: get('admin', (ctx) => ok(ctx.now, ctx.dir.userObject(ctx.dir.admin))),
  },
  ...collection(
    'ADMIN.CORE.CHANNELS',
    ['admin', 'core', 'channels'],
    'admin',
    (c) => c.hidden.filter(c.objects.channels(), (channel) => String(channel.linked_id)),
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
]

/** The route a path names, with its decoded `:param` segments; undefined for none. */
export function matchRoute(path: string): { route: Route; args: string[] } | undefined {
  let segments: string[]
  try {
    segments = path.split('/').filter(Boolean).map(decodeURIComponent)
  } catch {
    return undefined
  }
  if (segments[0] === 'v1') segments = segments.slice(1)
  for (const route of jadeRoutes) {
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

export type { Auth }
