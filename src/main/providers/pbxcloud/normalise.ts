/**
 * PBXCloud rows → the app's model. CHANNELS rows are grouped into calls by
 * LinkedID (the same on every channel of one call, for its whole life).
 */
import type { Call, CallRecord, Party, Presence, PresenceState } from '../../../shared/model'
import { safeName } from '../../../shared/untrusted-text'
import { allHex, hasLineBreak, isDigit, technologyEnd } from '../channel-name'
import { asteriskDeviceStates } from '../device-state'
import { lampOf } from '../lamp'
import { intOf, parseCallerId, parseDateTime, type Row } from './parse'

export interface Own {
  accountId: string
  /** `201` */
  number: string
  /** `201-DEMO`, the SIP username. */
  account: string
}

/** Asterisk's states, and the portal's own `DND`. */
const deviceStates = new Map<string, PresenceState>([...asteriskDeviceStates, ['DND', 'dnd']])

export function presenceState(value: string): PresenceState {
  // Nearly every state comes spelt as listed: look it up before normalising it.
  return deviceStates.get(value) ?? deviceStates.get(value.trim().toUpperCase()) ?? 'unknown'
}

/** The extension of a SIP username: `201-DEMO` → `201`. */
export function extensionOfPeer(peer: string): string {
  const dash = peer.indexOf('-')
  return dash < 0 ? peer : peer.slice(0, dash)
}

/** The SIP username in a channel name: `SIP/201-DEMO-0000001a` → `201-DEMO`. */
export function peerOfChannel(channel: string): string | null {
  // What /^[A-Za-z0-9]+\/(.+)-[0-9a-f]{4,}(?:;\d)?$/i captures (see channel-name.ts):
  // the technology, `/`, the peer, `-`, at least four hex digits, and for a local
  // channel `;` and one digit.
  const value = channel.trim()
  const slash = technologyEnd(value)
  if (slash < 0) return null
  let end = value.length
  if (value.charCodeAt(end - 2) === 59 /* ; */ && isDigit(value.charCodeAt(end - 1))) end -= 2
  const dash = value.lastIndexOf('-', end - 1)
  if (dash < slash + 2 || end - dash - 1 < 4 || !allHex(value, dash + 1, end)) return null
  const peer = value.slice(slash + 1, dash)
  return hasLineBreak(peer) ? null : peer
}

/** Caller-id name placeholder: `<unknown>` in any case (its length first: no copy). */
const isUnknown = (name: string): boolean => name.length === 9 && name.toLowerCase() === '<unknown>'

function party(number: string | undefined, name: string | undefined): Party {
  const n = safeName(number, 40)
  const nm = safeName(name)
  return nm && nm !== n && !isUnknown(nm) ? { number: n, name: nm } : { number: n }
}

/** The lamps of a BLFS answer; `previous` is the list this made last time (see lamp.ts). */
export function presenceFromBlfs(
  rows: Row[],
  names: ReadonlyMap<string, string>,
  partners: ReadonlyMap<string, Party>,
  accountId: string,
  now: number,
  previous: readonly Presence[] = [],
): Presence[] {
  const list: Presence[] = []
  for (const row of rows) {
    // BLFS' columns are undocumented (P10): a row without a type is taken as a peer.
    const type = row.type ?? 'PEER'
    if (type !== 'PEER' && type.toUpperCase() !== 'PEER') continue
    const extension = (row.number ?? '').trim()
    if (!extension) continue
    const state = presenceState(row.state ?? '')
    const partner =
      state === 'busy' || state === 'ringing' || state === 'on_hold'
        ? partners.get(extension)
        : undefined
    const name = names.get(extension) ?? row.name ?? extension
    list.push(lampOf(previous[list.length], accountId, extension, name, state, partner, now))
  }
  return list
}

/** Group channels by call. */
export function groupChannels(rows: Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>()
  for (const row of rows) {
    const id = (row.linkedid || row.uniqueid || row.channel || '').trim()
    if (!id) continue
    const group = groups.get(id)
    if (group) group.push(row)
    else groups.set(id, [row])
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

function isOwnChannel(row: Row, ownAccount: string): boolean {
  return peerOfChannel(row.channel ?? '')?.toLowerCase() === ownAccount
}

/** The agent's calls, from one CHANNELS answer. */
export function callsFromChannels(
  groups: Map<string, Row[]>,
  own: Own,
  isExtension: (number: string) => boolean,
  now: number,
): Call[] {
  const calls: Call[] = []
  const ownAccount = own.account.toLowerCase()
  for (const [id, group] of groups) {
    const mine = group.find((row) => isOwnChannel(row, ownAccount))
    if (!mine) continue
    const other = group.find((row) => row !== mine)
    const channelState = (mine.state ?? '').toLowerCase()
    // Outbound: the agent's channel is the caller (Ring / Dial), or it rings alone —
    // click-to-dial rings the agent's own phone first, before the far end exists —
    // or it runs Queue(): Asterisk runs that application on the caller's channel, so
    // the agent dialled a queue number (its members' channels are AppDial/AppQueue).
    const application = (mine.application ?? '').toLowerCase()
    const outbound =
      channelState === 'ring' ||
      application === 'dial' ||
      application === 'queue' ||
      (group.length === 1 && channelState === 'ringing')
    const remote = party(
      mine.connectednum || other?.calleridnum,
      mine.connectedname || other?.calleridname,
    )
    // CHANNELS' columns are undocumented (P10): `yes`, `1`, `true` all mean held.
    const held = group.some((row) => /^\s*(yes|1|true|on)\s*$/i.test(row.onhold ?? ''))
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
      placedBy: outbound ? 'agent' : isExtension(remote.number) ? 'colleague' : 'outside',
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
      placedBy: mineOut ? 'agent' : isExtension(src) ? 'colleague' : 'outside',
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
