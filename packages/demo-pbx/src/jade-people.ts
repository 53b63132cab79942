/**
 * Who is who on the jade face: every office extension is one jade user with a
 * stable UUID, a login and one PJSIP endpoint named by the number
 * (docs/dialects/jade.md, "How the demo office maps onto jade").
 */
import type { ChatMessage, ChatRoom, Extension } from './pbx-types'
import type { PbxState } from './pbx-state'
import { jadeTime, stableUuid, type JadeObject } from './jade-format'

export interface JadeUser {
  extension: string
  uuid: string
  username: string
  name: string
  password: string
}

export interface JadeAdmin {
  uuid: string
  username: string
  name: string
  password: string
}

/** `Søren Pedersen` → `soeren`: jade logins are plain ASCII. */
export function loginOf(name: string, fallback: string): string {
  const first = (name.split(' ')[0] ?? '').toLowerCase()
  const ascii = first.replace(/ø/g, 'oe').replace(/æ/g, 'ae').replace(/å/g, 'aa')
  const clean = ascii.normalize('NFKD').replace(/[^a-z0-9._-]/g, '')
  return clean || fallback
}

/**
 * How an office names its jade logins is its own choice, so the demo varies it:
 * users on an even extension log in with the number (as offices that use the
 * extension as the login do), the others with their first name.
 */
export function usernameOf(ext: Pick<Extension, 'number' | 'name'>): string {
  return Number(ext.number) % 2 === 0 ? ext.number : loginOf(ext.name, ext.number)
}

export class JadeDirectory {
  readonly admin: JadeAdmin
  /** Accounts were provisioned a month before the simulation started. */
  private readonly createdAt: number

  constructor(
    private readonly pbx: PbxState,
    readonly tenant: string,
  ) {
    this.createdAt = pbx.clock.now() - 30 * 86_400_000
    this.admin = {
      uuid: stableUuid(pbx, 'admin'),
      username: 'admin',
      name: 'Demo Administrator',
      password: pbx.token('jade:admin-password', 12),
    }
  }

  private get extensions(): Extension[] {
    return [...this.pbx.mustTenant(this.tenant).extensions.values()]
  }

  users(): JadeUser[] {
    return this.extensions.map((ext) => this.userOf(ext))
  }

  userOf(ext: Extension): JadeUser {
    return {
      extension: ext.number,
      uuid: stableUuid(this.pbx, `user:${ext.number}`),
      username: usernameOf(ext),
      name: ext.name,
      password: this.pbx.token(`jade:password:${ext.number}`, 12),
    }
  }

  byExtension(number: string): JadeUser | undefined {
    const ext = this.pbx.extension(this.tenant, number)
    return ext ? this.userOf(ext) : undefined
  }

  byUuid(uuid: string): JadeUser | undefined {
    return this.users().find((u) => u.uuid === uuid)
  }

  byLogin(username: string): JadeUser | undefined {
    return this.users().find((u) => u.username === username)
  }

  // --- objects --------------------------------------------------------------------

  private stamps(): JadeObject {
    return { tm_create: jadeTime(this.createdAt), tm_update: null }
  }

  userObject(user: JadeUser | JadeAdmin, withPassword = false): JadeObject {
    return {
      uuid: user.uuid,
      username: user.username,
      name: user.name,
      ...(withPassword ? { password: user.password } : {}),
      ...this.stamps(),
    }
  }

  contacts(user: JadeUser): JadeObject[] {
    const ext = this.pbx.extension(this.tenant, user.extension)
    if (!ext) return []
    const uuid = stableUuid(this.pbx, `contact:${ext.number}`)
    return [
      {
        uuid,
        user_uuid: user.uuid,
        // jade's own API writes no `type` (user_handler.c create_contact: every
        // contact is a PJSIP endpoint); seed 004's rows say "pjsip_endpoint". Both occur.
        type: parseInt(uuid.charAt(0), 16) % 2 === 0 ? null : 'pjsip_endpoint',
        target: ext.number,
        name: ext.name,
        detail: 'Desk phone',
        info: {
          id: ext.number,
          password: ext.sipPassword,
          public_url: `sip:${ext.number}@127.0.0.1`,
          realm: 'localhost',
        },
        ...this.stamps(),
      },
    ]
  }

  /**
   * Every user's devices, as `/admin/user/contacts` lists jade's user_contact
   * table: no `info` (that is added only by `/me/contacts` and `/me/info`).
   */
  allContacts(): JadeObject[] {
    return this.users().flatMap((user) =>
      this.contacts(user).map((contact) => {
        const row = { ...contact }
        delete row.info
        return row
      }),
    )
  }

  /**
   * Everyone else in the office. A buddy's `name` and `detail` are the owner's
   * own labels, and on a real server mostly null (seed 004): most here have
   * none, some a nickname, and `detail` is never the extension.
   */
  buddies(user: JadeUser): JadeObject[] {
    return this.users()
      .filter((u) => u.extension !== user.extension)
      .map((other) => this.buddyObject(user, other))
  }

  buddyObject(owner: JadeUser, other: JadeUser): JadeObject {
    const uuid = stableUuid(this.pbx, `buddy:${owner.extension}:${other.extension}`)
    const labelled = parseInt(uuid.charAt(0), 16) % 4 === 0
    return {
      uuid,
      uuid_user: other.uuid,
      name: labelled ? (other.name.split(' ')[0] ?? null) : null,
      detail:
        labelled && parseInt(uuid.charAt(1), 16) % 2 === 0 ? 'added from the directory' : null,
      ...this.stamps(),
    }
  }

  /**
   * `/me/info` as jade's code answers it: the user row less its password
   * (me_handler.c get_me_info), no `contacts` or `chats` — those are only in
   * seed 004's older example; a client reads its devices from `/me/contacts`.
   */
  info(user: JadeUser): JadeObject {
    return this.userObject(user)
  }

  /**
   * `/me/search`'s one hit (me_handler.c get_users_info_by_username): the user
   * row with `password`, `tm_create` and `tm_update` deleted; a null column
   * stays null.
   */
  searchObject(user: JadeUser): JadeObject {
    return { uuid: user.uuid, username: user.username, name: user.name }
  }

  // --- chat -------------------------------------------------------------------------

  chats(user: JadeUser): ChatRoom[] {
    return this.pbx.chat.rooms(this.tenant).filter((r) => r.members.includes(user.extension))
  }

  /** Per user and room, as jade's user-chats are; the room's own uuid is shared. */
  chatUuid(user: JadeUser, room: ChatRoom): string {
    return stableUuid(this.pbx, `chat:${room.id}:${user.extension}`)
  }

  /** The room itself, shared by its members (`room.uuid` in a chat object). */
  roomUuid(room: ChatRoom): string {
    return stableUuid(this.pbx, `room:${room.id}`)
  }

  chatByUuid(user: JadeUser, uuid: string): ChatRoom | undefined {
    return this.chats(user).find((r) => this.chatUuid(user, r) === uuid)
  }

  /**
   * A room's members as jade's code fills them (me_handler.c get_room_info):
   * `{uuid, username, name}` of each user, a null column as "" — not the bare
   * uuids of seed 004's older example.
   */
  chatObject(user: JadeUser, room: ChatRoom): JadeObject {
    const users = room.members
      .map((n) => this.byExtension(n))
      .filter((u): u is JadeUser => u !== undefined)
    const members = users.map((u) => ({ uuid: u.uuid, username: u.username, name: u.name }))
    const creator = this.byExtension(room.members[0] ?? '')?.uuid ?? this.admin.uuid
    return {
      uuid: this.chatUuid(user, room),
      name: room.name,
      detail: '',
      room: {
        uuid: this.roomUuid(room),
        type: members.length === 2 ? 1 : 2,
        members,
        uuid_creator: creator,
        uuid_owner: creator,
        ...this.stamps(),
      },
      ...this.stamps(),
    }
  }

  /** The sub-millisecond part keeps `tm_create` unique, so paging by it never skips. */
  messageNanos(message: ChatMessage): number {
    return (Number(message.id) || 0) % 1_000_000
  }

  messageObject(message: ChatMessage): JadeObject {
    return {
      uuid: stableUuid(this.pbx, `message:${message.id}`),
      uuid_owner: this.byExtension(message.from)?.uuid ?? null,
      message: { message: message.text },
      tm_create: jadeTime(message.sentAt, this.messageNanos(message)),
    }
  }
}
