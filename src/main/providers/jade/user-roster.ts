/**
 * The colleagues of a user-only account: what jade shows a user token about
 * other users (docs/dialects/jade.md, "People"). No user request lists another
 * user's devices, so they are found by name only:
 *
 * - who: the buddies (`/v1/me/buddies`, `uuid_user`) and the members of the
 *   agent's chat rooms (`/v1/me/chats`, `room.members`: `{uuid, username, name}`
 *   in jade's code, me_handler.c get_room_info; bare uuids in seed 004);
 * - a name: the user's own name, else the agent's label for the buddy, else the
 *   login; a user with none of them is kept only to be called once found by name;
 * - a device: the one `/device_states` lists under the user's login
 *   (`PJSIP/<username>` or `SIP/<username>`). Many offices use the extension as
 *   the login; where they do not, the colleague has no lamp rather than a guess.
 */
import { safeName } from '../../../shared/untrusted-text'
import type { Colleague } from './directory'
import { isRec, text, type Rec } from './parse'

/** A user the agent shares a chat room with. */
export interface Member {
  userId: string
  username: string
  name: string
}

/** The members of every room, once each: objects as jade's code sends, bare uuids as its docs show. */
export function membersOf(chats: readonly Rec[]): Member[] {
  const out = new Map<string, Member>()
  for (const chat of chats) {
    const room = chat.room
    const members = isRec(room) && Array.isArray(room.members) ? (room.members as unknown[]) : []
    for (const member of members) {
      const found: Member | undefined =
        typeof member === 'string'
          ? { userId: member.trim(), username: '', name: '' }
          : isRec(member)
            ? {
                userId: text(member, 'uuid'),
                username: safeName(text(member, 'username'), 64),
                name: safeName(text(member, 'name')),
              }
            : undefined
      if (!found?.userId) continue
      const known = out.get(found.userId)
      out.set(found.userId, {
        userId: found.userId,
        username: known?.username || found.username,
        name: known?.name || found.name,
      })
    }
  }
  return [...out.values()]
}

/** The device the server lists under this login; undefined when it lists none. */
export function deviceOfLogin(
  username: string,
  listed: ReadonlySet<string>,
): { extension: string; device: string } | undefined {
  if (!username || /[\s/]/.test(username)) return undefined
  for (const device of [`PJSIP/${username}`, `SIP/${username}`])
    if (listed.has(device)) return { extension: username, device }
  return undefined
}

/** One user found by `/v1/me/search` (`{uuid, username, name}`), as a colleague. */
export function colleagueOfUser(user: Rec, listed: ReadonlySet<string>): Colleague | undefined {
  const userId = text(user, 'uuid')
  const username = safeName(text(user, 'username'), 64)
  if (!userId) return undefined
  const device = deviceOfLogin(username, listed)
  return {
    userId,
    extension: device?.extension ?? '',
    device: device?.device ?? '',
    name: safeName(text(user, 'name')) || username,
  }
}

/** The colleagues of a user-only account, the buddies first, then the room members. */
export function userColleagues(
  buddies: readonly Rec[],
  members: readonly Member[],
  listed: ReadonlySet<string>,
  ownUserId: string,
): Colleague[] {
  const byId = new Map<string, { label: string; member?: Member }>()
  for (const buddy of buddies) {
    const id = text(buddy, 'uuid_user')
    if (id) byId.set(id, { label: safeName(text(buddy, 'name')) })
  }
  for (const member of members) {
    const known = byId.get(member.userId)
    byId.set(member.userId, { label: known?.label ?? '', member })
  }
  const out: Colleague[] = []
  for (const [userId, { label, member }] of byId) {
    if (userId === ownUserId) continue
    const username = member?.username ?? ''
    const device = deviceOfLogin(username, listed)
    out.push({
      userId,
      extension: device?.extension ?? '',
      device: device?.device ?? '',
      name: member?.name || label || username,
    })
  }
  return out
}
