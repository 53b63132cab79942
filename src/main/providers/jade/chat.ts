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
import { formatTime, listOf, segment, text, timeOf, type Rec } from './parse'

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
    query.timestamp ??= LATEST
    const path = `/me/chats/${segment(roomId, 'the chat room')}/messages`
    return listOf(
      await this.client.call('user', path, { what: 'chat messages', query }),
      'chat messages',
    )
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
        const recent = await this.messages(text(chat, 'uuid'), { count: '20' })
        const times = recent.flatMap((m) => timeOf(m.tm_create) ?? [])
        return roomOf(chat, this.accountId, times.length > 0 ? Math.max(...times) : undefined)
      }),
    )
  }

  /**
   * Messages strictly before `before` (epoch ms), newest last. jade pages by
   * comparing `tm_create` as TEXT (chat_handler.c), and writes the nanoseconds
   * without leading zeros: a time we format ourselves can sort wrongly against
   * its own, so a message's own `tm_create` is sent back when we have it.
   */
  async history(roomId: string, before?: number, count = 30): Promise<ChatMessage[]> {
    const query: Record<string, string> = {
      count: String(Math.min(500, Math.max(1, Math.floor(count)))),
    }
    if (before !== undefined) query.timestamp = this.rawTimes.get(before) ?? formatTime(before)
    const list = await this.messages(roomId, query)
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
