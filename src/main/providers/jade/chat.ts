/**
 * jade chat (`/me/chats`): rooms, history paged backwards by `timestamp`, and
 * sending. jade keeps no read marks and no "last message" time on a room, so the
 * newest message of each room is read to tell the session whether to fetch more.
 */
import type { ChatMessage, ChatRoom } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import { safeName } from '../../../shared/untrusted-text'
import type { JadeClient } from './client'
import { messageOf, roomOf } from './normalise'
import { listOf, segment, text, timeOf, type Rec } from './parse'

export const MAX_CHAT_TEXT = 4000
/** Message times remembered as jade wrote them, for paging (see `history`). */
const MAX_RAW_TIMES = 5000
/**
 * "Newest" is asked for explicitly: jade's default is its own now, compared as
 * text, and `…:00.100999999Z` sorts BEFORE a message of the same second written
 * `…:00.50000003Z` (50 ms, fewer digits), which would be left out until the next
 * second. A time after every message compares right whatever the digits.
 */
const LATEST = '9999-12-31T23:59:59.999999999Z'
const NS = 1_000_000_000n
const LAST_SECOND = 253_402_300_800n
/** Asked beyond the page, so a second cut by the count rarely costs a second request. */
const PAGE_SLACK = 19
const MAX_ASK = 500

/**
 * jade's `tm_create` in nanoseconds: the digits after the point ARE the
 * nanoseconds (printed with `%ld`, no leading zeros: utils.c). Other forms a
 * server may send are read to the millisecond.
 */
function nanosOf(value: unknown): bigint | undefined {
  if (typeof value !== 'string') return undefined
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(value.trim())
  const seconds = m?.[1] ? Date.parse(`${m[1]}Z`) : NaN
  if (m && !Number.isNaN(seconds)) return BigInt(seconds) * 1_000_000n + BigInt(m[2] ?? '0')
  const ms = timeOf(value)
  return ms === undefined ? undefined : BigInt(ms) * 1_000_000n
}

/** The bare second after the one `ns` falls in, which jade's text order puts after all of it. */
function secondAfter(ns: bigint): string {
  const next = (ns >= 0n ? ns / NS : (ns - NS + 1n) / NS) + 1n
  return new Date(Number(next) * 1000).toISOString().slice(0, 19)
}

/** Who is asking, and names for senders (user uuid → name). */
export interface ChatPeople {
  userId: string
  name: string
  names: ReadonlyMap<string, string>
}

export class JadeChat {
  /** epoch ms → `tm_create` exactly as jade sent it. */
  private readonly rawTimes = new Map<number, string>()

  constructor(
    private readonly client: JadeClient,
    private readonly accountId: string,
    private readonly now: () => number,
    private readonly people: () => Promise<ChatPeople>,
  ) {}

  private async messages(roomId: string, query: Record<string, string>): Promise<Rec[]> {
    const path = `/me/chats/${segment(roomId, 'the chat room')}/messages`
    return listOf(
      await this.client.call('user', path, { what: 'chat messages', query }),
      'chat messages',
    )
  }

  /**
   * The newest `count` messages strictly before `before` (ns; none: the newest),
   * newest first. jade orders and cuts by `tm_create` as TEXT, which is right
   * across seconds and wrong within one (the nanoseconds have 1 to 9 digits), so
   * the server is asked by whole seconds: a bare "…T12:00:06" sorts after every
   * time of second 5 and before every time of second 6. A list cut at `ask` may
   * hold only part of its oldest second, and that part need not be the newest of
   * it: that second is left for the next page, unless it is all there is.
   */
  private async page(roomId: string, before: bigint | undefined, count: number): Promise<Rec[]> {
    const timestamp = before === undefined ? LATEST : secondAfter(before)
    let ask = Math.min(MAX_ASK, count + PAGE_SLACK)
    for (;;) {
      const list = await this.messages(roomId, { count: String(ask), timestamp })
      let rows = list.flatMap((m) => {
        const at = nanosOf(m.tm_create)
        return at !== undefined && (before === undefined || at < before) ? [{ m, at }] : []
      })
      if (list.length >= ask) {
        const oldest = rows.reduce((low, r) => (r.at / NS < low ? r.at / NS : low), LAST_SECOND)
        const whole = rows.filter((r) => r.at / NS > oldest)
        if (whole.length < count && ask < MAX_ASK) {
          ask = Math.min(MAX_ASK, ask * 4)
          continue
        }
        if (whole.length > 0) rows = whole
      }
      return rows
        .sort((a, b) => (a.at === b.at ? 0 : a.at > b.at ? -1 : 1))
        .slice(0, count)
        .map((r) => r.m)
    }
  }

  async rooms(): Promise<ChatRoom[]> {
    const chats = listOf(
      await this.client.call('user', '/me/chats', { what: 'chat rooms' }),
      'chat rooms',
    )
    return Promise.all(
      chats.map(async (chat) => {
        // jade orders by tm_create as TEXT: within one second the first message
        // listed need not be the newest, so the newest of a few is taken.
        const [newest] = await this.page(text(chat, 'uuid'), undefined, 1)
        return roomOf(chat, this.accountId, newest ? timeOf(newest.tm_create) : undefined)
      }),
    )
  }

  /**
   * Messages strictly before `before` (epoch ms), newest last. A message's own
   * `tm_create` is remembered, so paging before it is exact to the nanosecond.
   */
  async history(roomId: string, before?: number, count = 30): Promise<ChatMessage[]> {
    const wanted = Math.min(500, Math.max(1, Math.floor(count)))
    const raw = before === undefined ? undefined : this.rawTimes.get(before)
    const bound =
      before === undefined ? undefined : (nanosOf(raw) ?? BigInt(Math.floor(before)) * 1_000_000n)
    const list = await this.page(roomId, bound, wanted)
    for (const m of list) {
      const at = timeOf(m.tm_create)
      if (at === undefined || typeof m.tm_create !== 'string') continue
      if (this.rawTimes.size >= MAX_RAW_TIMES) this.rawTimes.clear()
      this.rawTimes.set(at, m.tm_create)
    }
    const people = await this.people()
    // jade pages newest first; the app reads oldest first.
    return list
      .map((m) => messageOf(m, roomId, people.userId, people.names, this.accountId))
      .sort((a, b) => a.sentAt - b.sentAt)
  }

  async send(roomId: string, message: string): Promise<ChatMessage> {
    const body = message.trim()
    if (!body || body.length > MAX_CHAT_TEXT)
      throw new AppError(
        'invalid_argument',
        `A chat message must have 1 to ${MAX_CHAT_TEXT} characters.`,
      )
    const sentAfter = this.now()
    await this.client.call('user', `/me/chats/${segment(roomId, 'the chat room')}/messages`, {
      method: 'POST',
      body: { message: body },
      what: 'the chat room',
    })
    // The answer carries no message: the newest own one with this text is it.
    const shown = safeName(body, MAX_CHAT_TEXT)
    const recent = await this.history(roomId, undefined, 10)
    const sent = [...recent].reverse().find((m) => m.own && m.text === shown)
    if (sent) return sent
    const people = await this.people()
    return {
      id: `local:${sentAfter}`,
      accountId: this.accountId,
      roomId,
      from: { id: people.userId, name: people.name },
      text: shown,
      sentAt: sentAfter,
      own: true,
    }
  }
}
