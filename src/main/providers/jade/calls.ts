/**
 * jade channels → the agent's calls. Channels are grouped into calls by
 * `linked_id` (the same on every channel of one call, for its whole life).
 */
import type { Call, Party } from '../../../shared/model'
import { safeName } from '../../../shared/untrusted-text'
import { callsThatLeft } from '../call-elsewhere'
import { endpointOf, party } from './normalise'
import { num, sub, text, type Rec } from './parse'

export interface Directory {
  /** extension → name */
  names: ReadonlyMap<string, string>
}

export interface CallContext {
  accountId: string
  ownExtension: string
  directory: Directory
  now: number
  /** Queue names already seen per call, kept for the call's life (the caller leaves the queue). */
  queueOf: Map<string, string>
}

function queueNameOf(channel: Rec): string {
  // `Queue` in any case (its length first: no lower-case copy of every other application).
  const application = text(channel, 'application')
  if (application.length !== 5 || application.toLowerCase() !== 'queue') return ''
  return text(sub(channel, 'variables'), 'QUEUENAME') || text(channel, 'application_data')
}

export function groupByCall(channels: readonly Rec[]): Map<string, Rec[]> {
  const groups = new Map<string, Rec[]>()
  for (const channel of channels) {
    const id = (text(channel, 'linked_id') || text(channel, 'unique_id')).trim()
    if (!id) continue
    const group = groups.get(id)
    if (group) group.push(channel)
    else groups.set(id, [channel])
  }
  return groups
}

const stateOf = (channel: Rec): number => num(channel, 'channel_state') ?? 0
const appOf = (channel: Rec): string => text(channel, 'application').toLowerCase()

/**
 * The calls on one extension's device, from channels (`me/calls` or the admin's
 * `core/channels`; with the latter the other legs of each call help too).
 */
export function callsOf(
  groups: ReadonlyMap<string, Rec[]>,
  extension: string,
  ctx: CallContext,
): Call[] {
  const calls: Call[] = []
  for (const [id, group] of groups) {
    // Every call of the office passes here on each poll: plain loops, no arrays.
    let queue = ''
    for (const channel of group) if ((queue = queueNameOf(channel))) break
    if (queue) ctx.queueOf.set(id, queue)
    // The answered leg speaks for the device when it has several (a retried ring).
    let mine: Rec | undefined
    for (const channel of group) {
      if (endpointOf(text(channel, 'channel')) !== extension) continue
      mine ??= channel
      if (stateOf(channel) === 6) {
        mine = channel
        break
      }
    }
    if (!mine) continue
    const others = group.filter((c) => c !== mine)
    const remote = farParty(mine, others)
    // Asterisk gives a call the unique id of its first channel: ours when we called.
    const weCalled = text(mine, 'unique_id') === id || stateOf(mine) === 4 || appOf(mine) === 'dial'
    const bridged = text(mine, 'bridge_id') !== '' || others.some((c) => stateOf(c) === 6)
    const held = appOf(mine) === 'musiconhold' || others.some((c) => appOf(c) === 'musiconhold')
    const state: Call['state'] = stateOf(mine) === 6 && bridged ? (held ? 'held' : 'up') : 'ringing'
    const duration = Math.max(0, ...group.map((c) => num(c, 'duration') ?? 0))
    const isColleague = ctx.directory.names.has(remote.number)
    const call: Call = {
      id,
      accountId: ctx.accountId,
      direction: isColleague ? 'internal' : weCalled ? 'outbound' : 'inbound',
      placedBy: weCalled ? 'agent' : isColleague ? 'colleague' : 'outside',
      state,
      local: { number: extension },
      remote:
        remote.name || !isColleague
          ? remote
          : { ...remote, name: ctx.directory.names.get(remote.number) ?? '' },
      startedAt: ctx.now - duration * 1000,
      handle: {
        channel: text(mine, 'unique_id'),
        channelName: text(mine, 'channel'),
        linkedId: id,
      },
    }
    const name = ctx.directory.names.get(extension)
    if (name) call.local = { number: extension, name }
    if (!call.remote.name) call.remote = { number: call.remote.number }
    const known = ctx.queueOf.get(id)
    if (known) call.queue = safeName(known)
    calls.push(call)
  }
  return calls
}

/**
 * Calls that were on this device and are now only on a colleague's (seen only in
 * the admin's view of every channel): answered there (the popup closes, the call is
 * not missed) or passed on to them (a transfer). `wasHere` is updated: the device's
 * calls are remembered, as last seen here, until they leave the PBX.
 */
export function callsElsewhere(
  wasHere: Map<string, Call>,
  groups: ReadonlyMap<string, Rec[]>,
  calls: readonly Call[],
  extension: string,
  names: ReadonlyMap<string, string>,
): Call[] {
  return callsThatLeft(wasHere, calls, (id) => {
    const group = groups.get(id)
    if (!group) return 'gone'
    const colleagueIn = (state: number): string | undefined =>
      group
        .filter((c) => stateOf(c) === state)
        .map((c) => endpointOf(text(c, 'channel')))
        .find((ext) => ext && ext !== extension && ext !== 'trunk') ?? undefined
    const up = colleagueIn(6)
    const where = up ?? colleagueIn(5)
    if (!where) return undefined
    const name = names.get(where)
    return { colleague: name ? { number: where, name } : { number: where }, up: !!up }
  })
}

function farParty(mine: Rec, others: readonly Rec[]): Party {
  const connected = party(text(mine, 'connected_line_num'), text(mine, 'connected_line_name'))
  if (connected.number) return connected
  const other = others.find((c) => endpointOf(text(c, 'channel')) !== null) ?? others[0]
  return other ? party(text(other, 'caller_id_num'), text(other, 'caller_id_name')) : connected
}
