/**
 * PBXCloud rows → the app's model. CHANNELS rows are grouped into calls by
 * LinkedID (the same on every channel of one call, for its whole life).
 */
import type { Call, CallRecord, Party, Presence, PresenceState } from '../../../shared/model'
import { safeName } from '../../../shared/untrusted-text'
import { intOf, parseCallerId, parseDateTime, type Row } from './parse'

export interface Own {
  accountId: string
  /** `201` */
  number: string
  /** `201-DEMO`, the SIP username. */
  account: string
}

const deviceStates: Record<string, PresenceState> = {
  NOT_INUSE: 'available',
  INUSE: 'busy',
  BUSY: 'busy',
  RINGING: 'ringing',
  RINGINUSE: 'busy',
  ONHOLD: 'on_hold',
  UNAVAILABLE: 'offline',
  INVALID: 'offline',
  DND: 'dnd',
  UNKNOWN: 'unknown',
}

export function presenceState(value: string): PresenceState {
  return deviceStates[value.trim().toUpperCase()] ?? 'unknown'
}

/** The SIP username in a channel name: `SIP/201-DEMO-0000001a` → `201-DEMO`. */
export function peerOfChannel(channel: string): string | null {
  const match = /^[A-Za-z0-9]+\/(.+)-[0-9a-f]{4,}(?:;\d)?$/i.exec(channel.trim())
  return match ? (match[1] ?? null) : null
}

function party(number: string | undefined, name: string | undefined): Party {
  const n = safeName(number, 40)
  const nm = safeName(name)
  return nm && nm !== n && nm.toLowerCase() !== '<unknown>'
    ? { number: n, name: nm }
    : { number: n }
}

export function presenceFromBlfs(
  rows: Row[],
  names: ReadonlyMap<string, string>,
  partners: ReadonlyMap<string, Party>,
  accountId: string,
  now: number,
): Presence[] {
  const list: Presence[] = []
  for (const row of rows) {
    if ((row.type ?? '').toUpperCase() !== 'PEER') continue
    const extension = (row.number ?? '').trim()
    if (!extension) continue
    const state = presenceState(row.state ?? '')
    const entry: Presence = {
      accountId,
      extension,
      name: names.get(extension) ?? row.name ?? extension,
      state,
      since: now,
    }
    const partner = partners.get(extension)
    if (partner && (state === 'busy' || state === 'ringing' || state === 'on_hold'))
      entry.partner = partner
    list.push(entry)
  }
  return list
}

/** Group channels by call. */
export function groupChannels(rows: Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>()
  for (const row of rows) {
    const id = (row.linkedid || row.uniqueid || row.channel || '').trim()
    if (!id) continue
    const group = groups.get(id) ?? []
    group.push(row)
    groups.set(id, group)
  }
  return groups
}

/** For the presence board: who each extension is talking to. */
export function partnersByExtension(
  groups: Map<string, Row[]>,
  extensionOfPeer: (peer: string) => string,
): Map<string, Party> {
  const partners = new Map<string, Party>()
  for (const group of groups.values()) {
    for (const row of group) {
      const peer = peerOfChannel(row.channel ?? '')
      if (!peer) continue
      partners.set(extensionOfPeer(peer), party(row.connectednum, row.connectedname))
    }
  }
  return partners
}

function isOwnChannel(row: Row, own: Own): boolean {
  return peerOfChannel(row.channel ?? '')?.toLowerCase() === own.account.toLowerCase()
}

/** The agent's calls, from one CHANNELS answer. */
export function callsFromChannels(
  groups: Map<string, Row[]>,
  own: Own,
  isExtension: (number: string) => boolean,
  now: number,
): Call[] {
  const calls: Call[] = []
  for (const [id, group] of groups) {
    const mine = group.find((row) => isOwnChannel(row, own))
    if (!mine) continue
    const other = group.find((row) => row !== mine)
    const channelState = (mine.state ?? '').toLowerCase()
    // Outbound: the agent's channel is the caller (Ring / Dial), or it rings alone —
    // click-to-dial rings the agent's own phone first, before the far end exists.
    const application = (mine.application ?? '').toLowerCase()
    const outbound =
      channelState === 'ring' ||
      application === 'dial' ||
      (group.length === 1 && channelState === 'ringing')
    const remote = party(
      mine.connectednum || other?.calleridnum,
      mine.connectedname || other?.calleridname,
    )
    const held = group.some((row) => (row.onhold ?? '').toLowerCase() === 'yes')
    const parked = group.some((row) => (row.application ?? '').toLowerCase() === 'park')
    // The agent's leg is Up while the far end still rings (an outbound call being
    // placed): the call is up only when another leg is up too.
    const farUp = group.some((row) => row !== mine && (row.state ?? '').toLowerCase() === 'up')
    const state: Call['state'] =
      channelState === 'up' && farUp ? (parked ? 'parked' : held ? 'held' : 'up') : 'ringing'
    const queue = group.map((row) => (row.queue ?? '').trim()).find((q) => q !== '')
    const duration = Math.max(...group.map((row) => intOf(row.duration)))
    const handle: Record<string, string> = { channel: mine.channel ?? '', linkedId: id }
    if (other?.channel) handle.remoteChannel = other.channel
    const call: Call = {
      id,
      accountId: own.accountId,
      direction: isExtension(remote.number) ? 'internal' : outbound ? 'outbound' : 'inbound',
      state,
      local: party(own.number, undefined),
      remote,
      startedAt: now - duration * 1000,
      handle,
    }
    if (queue) call.queue = queue
    calls.push(call)
  }
  return calls
}

const results: Record<string, CallRecord['result']> = {
  ANSWERED: 'answered',
  'NO ANSWER': 'missed',
  NOANSWER: 'missed',
  BUSY: 'busy',
  FAILED: 'failed',
  CONGESTION: 'failed',
}

/** CDR rows that involve the agent → history. */
export function historyFromCdrs(
  rows: Row[],
  own: Own,
  isExtension: (n: string) => boolean,
): CallRecord[] {
  const records: CallRecord[] = []
  for (const row of rows) {
    const src = (row.src ?? '').trim()
    const dst = (row.dst ?? '').trim()
    const mineOut = src === own.number || peerOfChannel(row.channel ?? '') === own.account
    const mineIn = dst === own.number || peerOfChannel(row.dstchannel ?? '') === own.account
    if (!mineOut && !mineIn) continue
    const caller = parseCallerId(safeName(row.clid, 200))
    const from = caller.number === src ? caller : { number: src }
    const result = results[(row.disposition ?? '').trim().toUpperCase()] ?? 'failed'
    const record: CallRecord = {
      id: (row.uniqueid ?? '').trim() || `${row.calldate}-${src}-${dst}`,
      accountId: own.accountId,
      direction:
        isExtension(src) && isExtension(dst) ? 'internal' : mineOut ? 'outbound' : 'inbound',
      result,
      from,
      to: { number: dst },
      startedAt: parseDateTime(row.calldate ?? ''),
      durationSec: intOf(row.billsec),
    }
    const linked = (row.linkedid ?? '').trim()
    if (linked) record.callId = linked
    if ((row.userfield ?? '').toLowerCase().includes('recorded') && row.uniqueid)
      record.recordingId = row.uniqueid
    records.push(record)
  }
  return records.sort((a, b) => a.startedAt - b.startedAt)
}
