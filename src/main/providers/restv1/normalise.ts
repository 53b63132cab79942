/**
 * REST ver1.0 rows → the app's model. Extensions have numeric ids unrelated to
 * their numbers; `name` is `<client prefix>*<short number>` and the short number
 * is what people dial and see. `call_api_id` is the call's identity for its whole
 * life, transfers included (seed 003: a transferred call keeps its identity).
 */
import type { SeenOnce } from '../../../shared/seen-once'
import type {
  CallRecord,
  ParkedCall,
  Party,
  Presence,
  PresenceState,
  Voicemail,
} from '../../../shared/model'
import { safeName } from '../../../shared/untrusted-text'
import { lampOf } from '../lamp'
import {
  parseGmt,
  type CallRow,
  type ExtensionRow,
  type RecordRow,
  type RegistrationRow,
  type SlotRow,
  type VoicemailRow,
} from './parse'

export interface DirectoryEntry {
  id: string
  /** The short number colleagues dial (`201`). */
  number: string
  name: string
  type: string
}

export interface Directory {
  byId: Map<string, DirectoryEntry>
  byNumber: Map<string, DirectoryEntry>
  /** The phones (what has a lamp), in the directory's order. */
  phones: DirectoryEntry[]
  /** A phone's id → its place in `phones`. */
  phoneSlot: Map<string, number>
}

export interface Own {
  accountId: string
  extensionId: string
  number: string
}

/** `700*201` → `201`; a name without `*` is its own short number. */
export function shortNumber(name: string): string {
  const star = name.lastIndexOf('*')
  return (star >= 0 ? name.slice(star + 1) : name).trim()
}

export function buildDirectory(rows: readonly ExtensionRow[]): Directory {
  const byId = new Map<string, DirectoryEntry>()
  const byNumber = new Map<string, DirectoryEntry>()
  for (const row of rows) {
    const number = safeName(shortNumber(row.name), 40)
    const entry: DirectoryEntry = {
      id: row.id,
      number: number || row.id,
      name: safeName(row.label || row.caller_id_name) || number || row.id,
      type: row.type.toLowerCase(),
    }
    byId.set(entry.id, entry)
    if (number) byNumber.set(number, entry)
  }
  const phones = [...byId.values()].filter((entry) => entry.type === 'phone')
  const phoneSlot = new Map(phones.map((entry, slot) => [entry.id, slot]))
  return { byId, byNumber, phones, phoneSlot }
}

export function party(number: string, name?: string): Party {
  const n = safeName(number, 40)
  const nm = safeName(name)
  return nm && nm !== n ? { number: n, name: nm } : { number: n }
}

/** A colleague's number, named from the directory when the call does not say. */
export function named(directory: Directory, number: string, name?: string): Party {
  const found = directory.byNumber.get(shortNumber(number))
  const p = party(found ? found.number : number, name)
  if (!p.name && found && found.type !== 'queue') p.name = found.name
  return p
}

export const isOut = (flow: string): boolean => flow === 'out' || flow.toLowerCase() === 'out'

/** Seed 002 has no call state: a call is answered once `answer_time_gmt` is set. */
export const answered = (row: CallRow): boolean => row.answer_time_gmt.trim() !== ''

/**
 * A phone's lamp from its call: ringing while an incoming call is unanswered, busy
 * while it dials out or talks; on hold only where this agent put it on hold here
 * (`held`: call_api_ids; the list shows no hold).
 */
function lampOfRow(row: CallRow, held: ReadonlySet<string>): PresenceState {
  if (!answered(row)) return isOut(row.call_flow) ? 'busy' : 'ringing'
  return held.has(row.call_api_id) ? 'on_hold' : 'busy'
}

/** The party on the other side of a `call_list` entry. */
export function farParty(row: CallRow, directory: Directory): Party {
  return isOut(row.call_flow)
    ? named(directory, row.called_number)
    : named(directory, row.caller_id_number, row.caller_id_name)
}

/**
 * An API word, in any case, looked up in `entries`; nothing for a word it lacks,
 * `constructor` and `__proto__` included (a plain object would answer those).
 */
function wordsOf<T>(entries: Record<string, T>): (word: string) => T | undefined {
  const table = new Map(Object.entries(entries))
  return (word) => table.get(word) ?? table.get(word.toLowerCase())
}

/**
 * The registration of each of the directory's phones, read answer by answer: the
 * rows of an answer need not outlive it (an office of 5,000 phones is 50 answers).
 * By the directory's slots rather than a map of ids: a map of 5,000 entries built
 * on every poll cost more than making the lamps.
 */
export class Registrations {
  /** Per phone: 0 not listed, 1 registered, 2 not registered (the last row for an id wins). */
  readonly states: Uint8Array
  private next = 0

  constructor(private readonly directory: Directory) {
    this.states = new Uint8Array(directory.phones.length)
  }

  add(rows: readonly RegistrationRow[]): this {
    // The answers list the phones in the order asked, the directory's: the next
    // phone is checked before a lookup.
    const { phones, phoneSlot } = this.directory
    for (const row of rows) {
      const slot =
        phones[this.next]?.id === row.extension_id ? this.next : phoneSlot.get(row.extension_id)
      if (slot === undefined) continue
      this.states[slot] = row.registered ? 1 : 2
      this.next = slot + 1
    }
    return this
  }
}

/**
 * The registrations plus the current calls → the office's lamps, one per phone in
 * the directory's order; `previous` is the list this made last time (see lamp.ts).
 */
export function presenceFrom(
  directory: Directory,
  registrations: readonly RegistrationRow[] | Registrations,
  calls: readonly CallRow[],
  accountId: string,
  now: number,
  previous: readonly Presence[] = [],
  held: ReadonlySet<string> = new Set(),
): Presence[] {
  const { phones } = directory
  const registered = (
    registrations instanceof Registrations
      ? registrations
      : new Registrations(directory).add(registrations)
  ).states
  // Each phone's call, by slot as well (calls of what is not a phone have no lamp).
  const inCall: (CallRow | undefined)[] = new Array(phones.length)
  for (const row of calls) {
    const slot = directory.phoneSlot.get(row.extension_id)
    if (slot === undefined) continue
    const current = inCall[slot]
    // Talking outranks ringing: a busy agent with a second call ringing is busy.
    if (!current || !answered(current)) inCall[slot] = row
  }
  const list: Presence[] = []
  for (let slot = 0; slot < phones.length; slot++) {
    const entry = phones[slot]!
    const call = inCall[slot]
    const callState = call ? lampOfRow(call, held) : undefined
    const reg = registered[slot]
    const state: PresenceState =
      callState ?? (reg === 1 ? 'available' : reg === 2 ? 'offline' : 'unknown')
    const partner = call && callState ? farParty(call, directory) : undefined
    list.push(lampOf(previous[slot], accountId, entry.number, entry.name, state, partner, now))
  }
  return list
}

export function parkedFrom(
  slots: readonly SlotRow[],
  directory: Directory,
  accountId: string,
  now: number,
): ParkedCall[] {
  const parked: ParkedCall[] = []
  for (const slot of slots) {
    if (!slot.call_api_id) continue
    const entry: ParkedCall = {
      id: slot.call_api_id,
      accountId,
      slot: slot.slot,
      caller: party(slot.caller_id_number, slot.caller_id_name),
      parkedAt: parseGmt(slot.parked_time_gmt) ?? now,
      handle: { callApiId: slot.call_api_id, slot: slot.slot },
    }
    const by = directory.byId.get(slot.parked_by_extension_id)
    if (by) entry.parkedBy = by.number
    parked.push(entry)
  }
  return parked
}

const resultOf = wordsOf<CallRecord['result']>({
  answered: 'answered',
  not_answered: 'missed',
  no_answer: 'missed',
  busy: 'busy',
  failed: 'failed',
})

/**
 * Records that involve the agent: made, answered or dialled by them, or a call
 * that rang here (`rangHere`: queue calls name only the queue).
 */
export function historyFrom(
  rows: readonly RecordRow[],
  own: Own,
  rangHere: Pick<SeenOnce, 'has'>,
  directory: Directory,
): CallRecord[] {
  const records: CallRecord[] = []
  for (const row of rows) {
    const source = shortNumber(row.source_number || row.from_username)
    const mine =
      row.extension_id === own.extensionId ||
      row.to_username === own.number ||
      source === own.number ||
      shortNumber(row.dest_number) === own.number ||
      rangHere.has(row.call_uuid)
    const startedAt = parseGmt(row.init_time_gmt)
    if (!mine || startedAt === undefined) continue
    const answered = parseGmt(row.start_time_gmt)
    const hangup = parseGmt(row.hangup_time_gmt)
    const flow = row.flow.toLowerCase()
    const record: CallRecord = {
      id: row.call_uuid || `${row.init_time_gmt}-${source}-${row.dest_number}`,
      accountId: own.accountId,
      direction: flow === 'internal' ? 'internal' : flow === 'out' ? 'outbound' : 'inbound',
      placedBy:
        source === own.number
          ? 'agent'
          : directory.byNumber.get(source)?.type === 'phone'
            ? 'colleague'
            : 'outside',
      result: resultOf(row.result) ?? 'failed',
      from: named(directory, row.source_number || row.from_username, row.from_screen_name),
      to: named(directory, row.to_username || row.dest_number),
      startedAt,
      durationSec:
        answered !== undefined && hangup !== undefined
          ? Math.max(0, Math.round((hangup - answered) / 1000))
          : 0,
    }
    if (row.call_uuid) record.callId = row.call_uuid
    if (row.record_uuid) record.recordingId = row.record_uuid
    records.push(record)
  }
  return records.sort((a, b) => a.startedAt - b.startedAt)
}

export function voicemailFrom(rows: readonly VoicemailRow[], own: Own, now: number): Voicemail[] {
  return rows.map((row) => ({
    id: row.record_uuid,
    accountId: own.accountId,
    mailbox: own.number,
    caller: party(row.caller_id_number, row.caller_id_name),
    receivedAt: parseGmt(row.init_time_gmt) ?? now,
    durationSec: row.duration,
    heard: row.read,
  }))
}
