/**
 * Chat rooms and messages. History is loaded backwards on demand; new messages
 * arrive pushed from main; a failed send stays in the list with a retry.
 */
import { sayError } from '../describe-error'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ChatMessage, ChatRoom } from '../../../shared/model'
import { invoke } from '../bridge'

export interface PendingMessage {
  localId: number
  accountId: string
  roomId: string
  text: string
  state: 'sending' | 'failed'
  error?: string
}

const PAGE = 30
const roomKey = (accountId: string, roomId: string): string => `${accountId}/${roomId}`

export const useChatStore = defineStore('chat', () => {
  const rooms = ref<ChatRoom[]>([])
  const messages = ref<Record<string, ChatMessage[]>>({})
  const exhausted = ref<Record<string, boolean>>({})
  const unread = ref<Record<string, number>>({})
  const pending = ref<PendingMessage[]>([])
  const open = ref<string | null>(null)
  const error = ref('')
  /** Why a room's history could not be loaded, per room ('' once it loads). */
  const historyError = ref<Record<string, string>>({})
  /** Rooms whose history was loaded once: messages pushed into a room are not its history. */
  const fetched = new Set<string>()
  let nextLocal = 1

  const totalUnread = computed(() => Object.values(unread.value).reduce((a, b) => a + b, 0))

  function insert(key: string, list: ChatMessage[]): void {
    const byId = new Map((messages.value[key] ?? []).map((m) => [m.id, m]))
    for (const m of list) byId.set(m.id, m)
    messages.value = {
      ...messages.value,
      [key]: [...byId.values()].sort((a, b) => a.sentAt - b.sentAt),
    }
  }

  /** True until the first room list arrived (or failed). */
  const roomsLoading = ref(true)

  async function loadRooms(accountIds: string[]): Promise<void> {
    if (rooms.value.length === 0) roomsLoading.value = true
    const lists = await Promise.all(
      accountIds.map((accountId) => invoke('chat:rooms', { accountId })),
    )
    const failed = lists.find((r) => !r.ok)
    error.value = failed && !failed.ok ? sayError(failed.error) : ''
    rooms.value = lists.flatMap((r) => (r.ok ? r.data : []))
    roomsLoading.value = false
  }

  async function loadOlder(room: ChatRoom): Promise<void> {
    const key = roomKey(room.accountId, room.id)
    const oldest = messages.value[key]?.[0]
    const result = await invoke('chat:messages', {
      accountId: room.accountId,
      roomId: room.id,
      count: PAGE,
      ...(oldest ? { before: oldest.sentAt } : {}),
    })
    if (!result.ok) {
      historyError.value = { ...historyError.value, [key]: sayError(result.error) }
      return
    }
    fetched.add(key)
    historyError.value = { ...historyError.value, [key]: '' }
    if (result.data.length < PAGE) exhausted.value = { ...exhausted.value, [key]: true }
    insert(key, result.data)
  }

  function select(room: ChatRoom): void {
    const key = roomKey(room.accountId, room.id)
    open.value = key
    unread.value = { ...unread.value, [key]: 0 }
    if (!fetched.has(key)) void loadOlder(room)
  }

  function received(message: ChatMessage): void {
    const key = roomKey(message.accountId, message.roomId)
    insert(key, [message])
    if (open.value !== key && !message.own) {
      unread.value = { ...unread.value, [key]: (unread.value[key] ?? 0) + 1 }
    }
  }

  async function send(entry: Omit<PendingMessage, 'localId' | 'state'>): Promise<void> {
    const item: PendingMessage = { ...entry, localId: nextLocal++, state: 'sending' }
    pending.value = [...pending.value, item]
    await deliver(item)
  }

  async function deliver(item: PendingMessage): Promise<void> {
    const update = (patch: Partial<PendingMessage>): void => {
      pending.value = pending.value.map((p) =>
        p.localId === item.localId ? { ...p, ...patch } : p,
      )
    }
    update({ state: 'sending' })
    const result = await invoke('chat:send', {
      accountId: item.accountId,
      roomId: item.roomId,
      text: item.text,
    })
    if (result.ok) {
      pending.value = pending.value.filter((p) => p.localId !== item.localId)
      received(result.data)
    } else update({ state: 'failed', error: sayError(result.error) })
  }

  return {
    rooms,
    roomsLoading,
    messages,
    exhausted,
    unread,
    pending,
    open,
    error,
    historyError,
    totalUnread,
    roomKey,
    loadRooms,
    loadOlder,
    select,
    received,
    send,
    retry: (item: PendingMessage) => deliver(item),
    discard: (item: PendingMessage) =>
      (pending.value = pending.value.filter((p) => p.localId !== item.localId)),
  }
})
