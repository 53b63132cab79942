/**
 * jade objects → the app's model (calls are in calls.ts). A device is a PJSIP
 * endpoint named by the extension: `PJSIP/201-0000001a` is extension 201.
 */
import type {
  ChatMessage,
  ChatRoom,
  ParkedCall,
  Party,
  Presence,
  PresenceState,
  QueueMembership,
} from '../../../shared/model'
import { safeName } from '../../../shared/untrusted-text'
import { allHex, hasLineBreak, isDigit, technologyEnd } from '../channel-name'
import { asteriskDeviceStates } from '../device-state'
import { lampOf } from '../lamp'
import { num, sub, text, timeOf, type Rec } from './parse'

export function presenceState(value: string): PresenceState {
  // Nearly every state comes spelt as listed: look it up before normalising it.
  return (
    asteriskDeviceStates.get(value) ??
    asteriskDeviceStates.get(value.trim().toUpperCase().replace(/\s+/g, '_')) ??
    'unknown'
  )
}

/** `PJSIP/201-0000001a` or `PJSIP/201` → `201`; null for what is not a device. */
export function endpointOf(channelOrDevice: string): string | null {
  // What /^[A-Za-z0-9]+\/(.+?)(?:-[0-9a-f]{8})?(?:;\d+)?$/i captures (see
  // channel-name.ts): after the technology and `/`, the shortest name (at least one
  // character) that leaves only an optional `-` and eight hex digits, then an
  // optional `;` and digits.
  const value = channelOrDevice.trim()
  const slash = technologyEnd(value)
  if (slash < 0 || hasLineBreak(value)) return null
  const end = value.length
  const semicolon = value.lastIndexOf(';')
  let digits = semicolon > slash && semicolon < end - 1 ? semicolon : end
  for (let i = digits + 1; i < end; i++) {
    if (!isDigit(value.charCodeAt(i))) {
      digits = end
      break
    }
  }
  const hex =
    value.charCodeAt(digits - 9) === 45 /* - */ && allHex(value, digits - 8, digits)
      ? digits - 9
      : digits
  const start = slash + 1
  const name = hex > start ? hex : digits > start ? digits : end
  return name > start ? value.slice(start, name) : null
}

/** Not empty, and not `<unknown>` in any case (its length first: no copy for the rest). */
const known = (v: string): boolean =>
  v !== '' && !(v.length === 9 && v.toLowerCase() === '<unknown>')

export function party(number: string, name: string): Party {
  const n = safeName(number, 40)
  const nm = safeName(name)
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
  /** The Asterisk device whose state is the lamp (`PJSIP/201`); '' when unknown. */
  device?: string
}

/** Each person's place among the distinct extensions of one list of people. */
interface Slots {
  ofExtension: Map<string, number>
  ofPerson: Int32Array
  /** The device names of the last answer, by position, and the slot each gave (-1: none). */
  deviceAt: string[]
  slotAt: number[]
}

/** People lists live as long as the colleagues they were made from (minutes): indexed once. */
const slotsByPeople = new WeakMap<readonly Person[], Slots>()

function slotsOf(people: readonly Person[]): Slots {
  let slots = slotsByPeople.get(people)
  if (!slots) {
    const ofExtension = new Map<string, number>()
    const ofPerson = new Int32Array(people.length)
    people.forEach((person, index) => {
      let slot = ofExtension.get(person.extension)
      if (slot === undefined) {
        slot = ofExtension.size
        ofExtension.set(person.extension, slot)
      }
      ofPerson[index] = slot
    })
    slots = { ofExtension, ofPerson, deviceAt: [], slotAt: [] }
    slotsByPeople.set(people, slots)
  }
  return slots
}

/**
 * The people's lamps; `previous` is the list this made last time (see lamp.ts).
 * `people` must not change once passed in (it is indexed once): a new list of
 * colleagues is a new array.
 */
export function presenceOf(
  people: readonly Person[],
  deviceStateList: readonly Rec[],
  partners: ReadonlyMap<string, Party>,
  accountId: string,
  now: number,
  previous: readonly Presence[] = [],
): Presence[] {
  // States by the people's slots rather than a map of every device built on each
  // poll (5,000 of them cost more than the rest of the board); devices of nobody
  // listed are skipped, and the last entry for a device wins. The server lists its
  // devices in the same order on every poll: a device named as at the same place
  // last time has the same slot, without reading its name again.
  const slots = slotsOf(people)
  const { deviceAt, slotAt } = slots
  const states: (PresenceState | undefined)[] = new Array(slots.ofExtension.size)
  for (let index = 0; index < deviceStateList.length; index++) {
    const device = deviceStateList[index]!
    const name = text(device, 'device')
    let slot = slotAt[index]
    if (slot === undefined || deviceAt[index] !== name) {
      const extension = endpointOf(name)
      slot = (extension ? slots.ofExtension.get(extension) : undefined) ?? -1
      deviceAt[index] = name
      slotAt[index] = slot
    }
    if (slot >= 0) states[slot] = presenceState(text(device, 'state'))
  }
  return people.map((person, index) => {
    const state = states[slots.ofPerson[index]!] ?? 'unknown'
    const partner =
      state === 'busy' || state === 'ringing' || state === 'on_hold'
        ? partners.get(person.extension)
        : undefined
    const name = person.name || person.extension
    return lampOf(previous[index], accountId, person.extension, name, state, partner, now)
  })
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
  /** `/admin/queue/entries` (callers waiting, each with `wait` in seconds) and when it was read. */
  entries: { list: readonly Rec[]; at: number } = { list: [], at: 0 },
): QueueMembership[] {
  const waiting = new Map(queues.map((q) => [text(q, 'name'), num(q, 'calls') ?? 0]))
  const longest = new Map<string, number>()
  for (const entry of entries.list) {
    const wait = num(entry, 'wait')
    const queue = text(entry, 'queue_name')
    if (wait === undefined || wait < 0 || !queue) continue
    longest.set(queue, Math.max(longest.get(queue) ?? 0, wait))
  }
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
      const wait = longest.get(queue)
      if (wait !== undefined) membership.waitingSince = entries.at - wait * 1000
      const since = num(m, 'last_pause') ?? 0
      if (paused && since > 0) membership.pausedSince = since * 1000
      return membership
    })
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
