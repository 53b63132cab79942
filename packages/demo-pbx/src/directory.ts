/**
 * Voicemail, phone books and chat: the tenant's stored things, as opposed to
 * calls, which move.
 */
import type {
  ChatMessage,
  ChatRoom,
  Mailbox,
  Party,
  PhonebookEntry,
  VoicemailMessage,
} from './pbx-types'
import { PbxError } from './pbx-error'
import type { PbxState } from './pbx-state'
import { messageWav } from './wav'

export class VoicemailService {
  constructor(private readonly pbx: PbxState) {}

  addMailbox(tenant: string, input: Omit<Mailbox, 'messages'>): Mailbox {
    const box: Mailbox = { ...input, messages: [] }
    this.pbx.mustTenant(tenant).mailboxes.set(box.mailbox, box)
    return box
  }

  list(tenant: string): Mailbox[] {
    return [...this.pbx.mustTenant(tenant).mailboxes.values()]
  }

  mailbox(tenant: string, mailbox: string): Mailbox | undefined {
    return this.pbx.tenant(tenant)?.mailboxes.get(mailbox)
  }

  /** A new message; `at` lets a scenario seed old ones. Unknown mailboxes take nothing. */
  leave(
    tenant: string,
    mailbox: string,
    caller: Party,
    durationSec: number,
    options: { at?: number; folder?: VoicemailMessage['folder'] } = {},
  ): VoicemailMessage | undefined {
    const box = this.mailbox(tenant, mailbox)
    if (!box) return undefined
    const at = options.at ?? this.pbx.clock.now()
    const n = this.pbx.nextId()
    const message: VoicemailMessage = {
      msgid: `${Math.floor(at / 1000)}-${String(n).padStart(8, '0')}`,
      caller: { ...caller },
      origdate: Math.floor(at / 1000),
      durationSec: Math.max(1, Math.round(durationSec)),
      folder: options.folder ?? 'INBOX',
      audioSeed: n,
    }
    box.messages.push(message)
    this.pbx.emit({ tenant, type: 'voicemail', mailbox, message })
    return message
  }

  message(tenant: string, mailbox: string, msgid: string): VoicemailMessage | undefined {
    return this.mailbox(tenant, mailbox)?.messages.find((m) => m.msgid === msgid)
  }

  /** The message audio, made on demand so a full mailbox costs no memory. */
  audio(tenant: string, mailbox: string, msgid: string): Buffer | undefined {
    const message = this.message(tenant, mailbox, msgid)
    return message ? messageWav(message.durationSec, message.audioSeed) : undefined
  }

  markOld(tenant: string, mailbox: string, msgid: string): void {
    const message = this.message(tenant, mailbox, msgid)
    if (!message) throw new PbxError('Message not found')
    message.folder = 'Old'
  }

  delete(tenant: string, mailbox: string, msgid: string): void {
    const box = this.mailbox(tenant, mailbox)
    if (!box) throw new PbxError('Mailbox not found')
    const before = box.messages.length
    box.messages = box.messages.filter((m) => m.msgid !== msgid)
    if (box.messages.length === before) throw new PbxError('Message not found')
  }
}

export class PhonebookService {
  constructor(private readonly pbx: PbxState) {}

  entries(tenant: string, phonebook: string): PhonebookEntry[] | undefined {
    return this.pbx.tenant(tenant)?.phonebooks.get(phonebook.toLowerCase())
  }

  create(tenant: string, phonebook: string): void {
    const books = this.pbx.mustTenant(tenant).phonebooks
    if (!books.has(phonebook.toLowerCase())) books.set(phonebook.toLowerCase(), [])
  }

  add(
    tenant: string,
    phonebook: string,
    values: Partial<Omit<PhonebookEntry, 'peid'>>,
  ): PhonebookEntry {
    const list = this.entries(tenant, phonebook)
    if (!list) throw new PbxError('Phonebook not found')
    const entry: PhonebookEntry = {
      peid: String(this.pbx.nextId()),
      name: values.name ?? '',
      number: values.number ?? '',
      company: values.company ?? '',
      email: values.email ?? '',
    }
    list.push(entry)
    this.pbx.emit({ tenant, type: 'phonebook', phonebook, entry })
    return entry
  }

  /** SQL LIKE on one field: `%` matches any run of characters, case-insensitively. */
  query(
    tenant: string,
    phonebook: string,
    field: 'name' | 'number',
    pattern: string,
  ): PhonebookEntry[] {
    const list = this.entries(tenant, phonebook)
    if (!list) throw new PbxError('Phonebook not found')
    const source = pattern
      .split('%')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/_/g, '.'))
      .join('.*')
    const re = new RegExp(`^${source}$`, 'is')
    return list.filter((e) => re.test(e[field]))
  }

  delete(tenant: string, phonebook: string, peid: string): void {
    const list = this.entries(tenant, phonebook)
    if (!list) throw new PbxError('Phonebook not found')
    const index = list.findIndex((e) => e.peid === peid)
    if (index < 0) throw new PbxError('Record not found')
    list.splice(index, 1)
  }
}

export class ChatService {
  constructor(private readonly pbx: PbxState) {}

  addRoom(tenant: string, room: ChatRoom): ChatRoom {
    this.pbx.mustTenant(tenant).chatRooms.set(room.id, room)
    return room
  }

  rooms(tenant: string): ChatRoom[] {
    return [...this.pbx.mustTenant(tenant).chatRooms.values()]
  }

  messages(tenant: string, roomId: string): ChatMessage[] {
    return this.pbx.mustTenant(tenant).chatMessages.filter((m) => m.roomId === roomId)
  }

  send(tenant: string, roomId: string, from: string, text: string): ChatMessage {
    const data = this.pbx.mustTenant(tenant)
    if (!data.chatRooms.has(roomId)) throw new PbxError('Room not found')
    const message: ChatMessage = {
      id: String(this.pbx.nextId()),
      roomId,
      from,
      text,
      sentAt: this.pbx.clock.now(),
    }
    data.chatMessages.push(message)
    this.pbx.emit({ tenant, type: 'chat', message })
    return message
  }
}
