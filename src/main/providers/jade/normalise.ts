/**
 * jade objects → the app's model (calls are in calls.ts). A device is a PJSIP
 * endpoint named by the extension: `PJSIP/201-0000001a` is extension 201.
 */
import type {
  ChatMessage,
  ChatRoom,
  Contact,
  ParkedCall,
  Party,
  Presence,
  PresenceState,
  QueueMembership,
} from '../../../shared/model'
import { safeName } from '../../../shared/untrusted-text'
import { num, sub, text, timeOf, type Rec } from './parse'

const deviceStates: Record<string, PresenceState> = {
  NOT_INUSE: 'available',
  INUSE: 'busy',
  BUSY: 'busy',
  RINGING: 'ringing',
  RINGINUSE: 'busy',
  ONHOLD: 'on_hold',
  UNAVAILABLE: 'offline',
  INVALID: 'offline',
  UNKNOWN: 'unknown',
}

export function presenceState(value: string): PresenceState {
  return deviceStates[value.trim().toUpperCase().replace(/\s+/g, '_')] ?? 'unknown'
}

/** `PJSIP/201-0000001a` or `PJSIP/201` → `201`; null for what is not a device. */
export function endpointOf(channelOrDevice: string): string | null {
  const match = /^[A-Za-z0-9]+\/(.+?)(?:-[0-9a-f]{8})?(?:;\d+)?$/i.exec(channelOrDevice.trim())
  return match ? (match[1] ?? null) : null
}

export function party(number: string, name: string): Party {
  const n = safeName(number, 40)
  const nm = safeName(name)
  const known = (v: string): boolean => v !== '' && v.toLowerCase() !== '<unknown>'
  if (!known(n)) return known(nm) ? { number: '', name: nm } : { number: '' }
  return known(nm) && nm !== n ? { number: n, name: nm } : { number: n }
}

/** Who each extension's device is talking to, for the presence board. */
export function partnersOf(channels: readonly Rec[]): Map<string, Party> {
  const partners = new Map<string, Party>()
  for (const channel of channels) {
    const extension = endpointOf(text(channel, 'channel'))
    if (!extension || extension === 'trunk') continue
    const partner = party(text(channel, 'connected_line_num'), text(channel, 'connected_line_name'))
    if (partner.number) partners.set(extension, partner)
  }
  return partners
}

export interface Person {
  extension: string
  name: string
}

export function presenceOf(
  people: readonly Person[],
  deviceStateList: readonly Rec[],
  partners: ReadonlyMap<string, Party>,
  accountId: string,
  now: number,
): Presence[] {
  const states = new Map<string, PresenceState>()
  for (const device of deviceStateList) {
    const extension = endpointOf(text(device, 'device'))
    if (extension) states.set(extension, presenceState(text(device, 'state')))
  }
  return people.map((person) => {
    const state = states.get(person.extension) ?? 'unknown'
    const entry: Presence = {
      accountId,
      extension: person.extension,
      name: person.name || person.extension,
      state,
      since: now,
    }
    const partner = partners.get(person.extension)
    if (partner && (state === 'busy' || state === 'ringing' || state === 'on_hold'))
      entry.partner = partner
    return entry
  })
}

/** Buddies (colleagues) as people: `detail` holds the extension, `name` the name. */
export interface Buddy extends Person {
  userId: string
}

export function buddiesOf(list: readonly Rec[]): Buddy[] {
  return list
    .map((buddy) => ({
      userId: text(buddy, 'uuid_user'),
      extension: safeName(text(buddy, 'detail'), 40),
      name: safeName(text(buddy, 'name')),
    }))
    .filter((buddy) => buddy.userId !== '')
}

export function parkedOf(list: readonly Rec[], accountId: string, now: number): ParkedCall[] {
  return list.map((parked) => {
    const parker = endpointOf(text(parked, 'parker_dial_string'))
    const id = text(parked, 'parkee_linked_id') || text(parked, 'parkee_unique_id')
    const entry: ParkedCall = {
      id,
      accountId,
      slot: safeName(text(parked, 'parking_space'), 20),
      caller: party(text(parked, 'parkee_caller_id_num'), text(parked, 'parkee_caller_id_name')),
      parkedAt: now - (num(parked, 'parking_duration') ?? 0) * 1000,
      handle: { parkee: text(parked, 'parkee_unique_id'), linkedId: id },
    }
    if (parker) entry.parkedBy = safeName(parker, 40)
    return entry
  })
}

export function membershipsOf(
  members: readonly Rec[],
  queues: readonly Rec[],
  extension: string,
  accountId: string,
): QueueMembership[] {
  const waiting = new Map(queues.map((q) => [text(q, 'name'), num(q, 'calls') ?? 0]))
  return members
    .filter((m) => endpointOf(text(m, 'location') || text(m, 'name')) === extension)
    .map((m) => {
      const queue = text(m, 'queue_name')
      const paused = (num(m, 'paused') ?? 0) !== 0 || text(m, 'paused') === 'true'
      const membership: QueueMembership = {
        accountId,
        queueId: queue,
        queueName: safeName(queue),
        paused,
        waiting: waiting.get(queue) ?? 0,
        callsTaken: num(m, 'calls_taken') ?? 0,
      }
      const reason = safeName(text(m, 'paused_reason'), 80)
      if (paused && reason) membership.reason = reason
      const since = num(m, 'last_pause') ?? 0
      if (paused && since > 0) membership.pausedSince = since * 1000
      return membership
    })
}

export function contactsOf(buddies: readonly Buddy[], query: string, accountId: string): Contact[] {
  const words = query.trim().toLowerCase()
  const digits = words.replace(/[\s-]/g, '')
  return buddies
    .filter(
      (b) =>
        words === '' ||
        b.name.toLowerCase().includes(words) ||
        (/^[0-9+*#]+$/.test(digits) && b.extension.includes(digits)),
    )
    .map((b) => ({
      id: b.userId,
      accountId,
      name: b.name || b.extension,
      numbers: b.extension ? [{ label: 'extension', number: b.extension }] : [],
    }))
}

export function roomOf(chat: Rec, accountId: string, lastMessageAt?: number): ChatRoom {
  const room: ChatRoom = {
    id: text(chat, 'uuid'),
    accountId,
    name: safeName(text(chat, 'name') || text(chat, 'detail')) || 'Chat',
    // jade keeps no read marks: the app counts unread messages itself.
    unread: 0,
  }
  if (lastMessageAt !== undefined) room.lastMessageAt = lastMessageAt
  return room
}

export function messageOf(
  message: Rec,
  roomId: string,
  ownUserId: string,
  names: ReadonlyMap<string, string>,
  accountId: string,
): ChatMessage {
  const from = text(message, 'uuid_owner')
  return {
    id: text(message, 'uuid'),
    accountId,
    roomId,
    from: { id: from, name: names.get(from) ?? '' },
    text: safeName(text(sub(message, 'message'), 'message') || text(message, 'message'), 4000),
    sentAt: timeOf(message.tm_create) ?? 0,
    own: from !== '' && from === ownUserId,
  }
}
