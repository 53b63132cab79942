/**
 * The user token's own routes: `/v1/me/*` — info, buddies, contacts, chats and
 * their messages, and the calls of the user's own phone.
 */
import type { FaceResponse } from './http-face'
import { fail, jadeTime, listResult, ok } from './jade-format'
import type { JadeContext } from './jade-routes'
import { PbxError } from './pbx-error'

export const defaultMessageCount = 30
const maxMessageCount = 500

/** The JSON object a POST carries; undefined when the body is anything else. */
export function jsonBody(ctx: JadeContext): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(ctx.req.body)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

export function list(ctx: JadeContext, items: readonly unknown[]): FaceResponse {
  return ok(ctx.now, listResult(ctx.shape, items))
}

export function meInfo(ctx: JadeContext): FaceResponse {
  return ok(ctx.now, ctx.dir.info(ctx.mustUser()))
}

/**
 * `GET /v1/me/search?filter=&type=` as me_handler.c me_htp_get_me_search answers
 * it: no `filter` or no `type` is a 400; `type` other than `username`, or no user
 * with exactly that login, a 404; else the one user, always as `result.list`.
 */
export function meSearch(ctx: JadeContext): FaceResponse {
  ctx.mustUser()
  const { filter, type } = ctx.req.params
  if (filter === undefined || type === undefined) return fail(ctx.now, 400)
  if (type !== 'username') return fail(ctx.now, 404)
  const found = ctx.dir.byLogin(filter)
  if (!found) return fail(ctx.now, 404)
  return ok(ctx.now, { list: [ctx.dir.searchObject(found)] })
}

export function meBuddies(ctx: JadeContext): FaceResponse {
  return list(ctx, ctx.dir.buddies(ctx.mustUser()))
}

export function meContacts(ctx: JadeContext): FaceResponse {
  return list(ctx, ctx.dir.contacts(ctx.mustUser()))
}

export function meChats(ctx: JadeContext): FaceResponse {
  const user = ctx.mustUser()
  return list(
    ctx,
    ctx.dir.chats(user).map((room) => ctx.dir.chatObject(user, room)),
  )
}

export function meChat(ctx: JadeContext): FaceResponse {
  const user = ctx.mustUser()
  const room = ctx.dir.chatByUuid(user, ctx.args[0] ?? '')
  return room ? ok(ctx.now, ctx.dir.chatObject(user, room)) : fail(ctx.now, 404)
}

/**
 * Newest first, strictly before `timestamp` (default now), at most `count`.
 * jade compares the TEXT (chat_handler.c: `where tm_create < '<timestamp>'
 * order by tm_create desc`), so times are compared as strings here too, with
 * what that does to times whose nanoseconds have fewer digits.
 */
export function meChatMessages(ctx: JadeContext): FaceResponse {
  const user = ctx.mustUser()
  const room = ctx.dir.chatByUuid(user, ctx.args[0] ?? '')
  if (!room) return fail(ctx.now, 404)
  const p = ctx.req.params
  let count = defaultMessageCount
  if (p.count !== undefined && p.count !== '') {
    count = Number(p.count)
    if (!Number.isInteger(count) || count < 1) return fail(ctx.now, 400)
    count = Math.min(count, maxMessageCount)
  }
  // Default: jade's "now", later than anything made before the request (the
  // simulated clock stands still within one, so the last nanosecond stands in).
  const before =
    p.timestamp !== undefined && p.timestamp !== '' ? p.timestamp : jadeTime(ctx.now, 999_999)
  const keyed = ctx.pbx.chat
    .messages(ctx.dir.tenant, room.id)
    .map((m) => ({ m, key: jadeTime(m.sentAt, ctx.dir.messageNanos(m)) }))
    .filter((x) => x.key < before)
    .sort((x, y) => (x.key === y.key ? 0 : x.key > y.key ? -1 : 1))
    .slice(0, count)
  return list(
    ctx,
    keyed.map((x) => ctx.dir.messageObject(x.m)),
  )
}

export function meChatSend(ctx: JadeContext): FaceResponse {
  const user = ctx.mustUser()
  const room = ctx.dir.chatByUuid(user, ctx.args[0] ?? '')
  if (!room) return fail(ctx.now, 404)
  const text = jsonBody(ctx)?.message
  if (typeof text !== 'string' || text.trim() === '') return fail(ctx.now, 400)
  ctx.pbx.asApi(() => ctx.pbx.chat.send(ctx.dir.tenant, room.id, user.extension, text))
  return ok(ctx.now)
}

export function meCalls(ctx: JadeContext): FaceResponse {
  const channels = ctx.objects.channelsOf(ctx.mustUser().extension)
  return list(
    ctx,
    ctx.channelList(channels, (channel) => String(channel.linked_id)),
  )
}

/**
 * Rings the user's own phone, then the other user's first device. jade's code
 * knows one destination type, "user" (me_handler.c, create_call_info: anything
 * else is "Not support yet"), and answers every failure to place the call with
 * 404; only a body that is no JSON is a 400.
 */
export function meCallCreate(ctx: JadeContext): FaceResponse {
  const user = ctx.mustUser()
  const body = jsonBody(ctx)
  if (!body) return fail(ctx.now, 400)
  const destination = body.destination
  if (body.destination_type !== 'user' || typeof destination !== 'string') return fail(ctx.now, 404)
  const other = ctx.dir.byUuid(destination)
  if (!other || other.extension === user.extension) return fail(ctx.now, 404)
  try {
    ctx.pbx.asApi(() =>
      ctx.pbx.calls.originate({
        tenant: ctx.dir.tenant,
        source: user.extension,
        dest: other.extension,
      }),
    )
  } catch (e) {
    if (e instanceof PbxError) return fail(ctx.now, 404)
    throw e
  }
  return ok(ctx.now)
}
