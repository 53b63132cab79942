/**
 * What choosing a colleague on the board offers. Pure, so the rules can be tested
 * without a board: during a call the colleague is first of all a transfer target
 * (blind or with a talk first), and calling them puts the caller on hold where the
 * PBX can, or says plainly that it cannot. The agent's own tile offers no call.
 */
import { callActions } from '../../shared/call-actions'
import { ringsHere } from '../../shared/call-origin'
import type { Call, Capability, Presence } from '../../shared/model'

export type TileAction =
  | { id: 'transfer'; call: Call }
  | { id: 'attended'; call: Call }
  /** Hold the agent's call, then dial the colleague. */
  | { id: 'callHolding'; call: Call }
  /** Dial the colleague while the agent's call stays up: this PBX cannot hold it. */
  | { id: 'callAlongside'; call: Call }
  | { id: 'call' }
  | { id: 'pickup' }
  | { id: 'chat' }

export interface TileContext {
  /** The tile is the agent's own extension. */
  own: boolean
  /** The agent's connected (or held) call on the tile's account, if any. */
  current: Call | undefined
  can: (capability: Capability) => boolean
}

/** A transfer to this colleague deserves a word first: they are on a call or one rings. */
export function transferNeedsWarning(entry: Pick<Presence, 'state'>): boolean {
  return entry.state === 'busy' || entry.state === 'ringing' || entry.state === 'on_hold'
}

/** What a PBX transfers to: a number (shared/dialable.ts). A jade login may be a name. */
const plainNumber = /^\+?[0-9*#]+$/

export function tileActions(entry: Presence, context: TileContext): TileAction[] {
  const { own, current, can } = context
  const out: TileAction[] = []
  // The agent's own call with this very colleague is not transferred to them.
  const call = current && current.remote.number !== entry.extension ? current : undefined
  if (!own && call) {
    const offered = callActions(call, can).actions
    // A PBX transfers to a number: a colleague known by a login (jade) is only called.
    const transfers = plainNumber.test(entry.extension) ? offered : []
    if (transfers.includes('transfer')) out.push({ id: 'transfer', call })
    if (transfers.includes('attended')) out.push({ id: 'attended', call })
    if (can('dial')) {
      const holdable = offered.includes('hold') || call.state === 'held'
      out.push({ id: holdable ? 'callHolding' : 'callAlongside', call })
    }
  } else if (!own && can('dial')) out.push({ id: 'call' })
  if (!own && entry.state === 'ringing' && can('pickup')) out.push({ id: 'pickup' })
  if (can('chat')) out.push({ id: 'chat' })
  return out
}

/**
 * Why the menu offers no transfer of the agent's connected call to this colleague,
 * in words rather than silence: the PBX transfers nothing from the app (jade
 * documents no transfer), or only to a number and this colleague has none.
 */
export function transferMissing(entry: Presence, context: TileContext): 'pbx' | 'noNumber' | null {
  const { own, current, can } = context
  if (own || !current || current.remote.number === entry.extension) return null
  if (current.state !== 'up' && current.state !== 'held') return null
  if (!can('transfer') && !can('attended_transfer')) return 'pbx'
  return plainNumber.test(entry.extension) ? null : 'noNumber'
}

/**
 * The agent's own lamp as the agent's calls say it, so the board and the Calls screen
 * never disagree (the PBX's lamp lags the call list, and names another partner):
 * talking, on hold, or ringing, with the call's party and start. Null without calls.
 */
export function ownLamp(
  entry: Presence,
  calls: readonly Call[],
): Pick<Presence, 'state' | 'since' | 'partner'> | null {
  const mine = calls.filter((c) => c.accountId === entry.accountId && !c.answeredElsewhere)
  const up = mine.find((c) => c.state === 'up')
  if (up) return { state: 'busy', since: up.answeredAt ?? up.startedAt, partner: up.remote }
  const held = mine.find((c) => c.state === 'held')
  if (held)
    return { state: 'on_hold', since: held.answeredAt ?? held.startedAt, partner: held.remote }
  const ringing = mine.find((c) => c.state === 'ringing')
  if (!ringing) return null
  // The agent's own call rings the far end: the agent's phone is busy, not ringing.
  const state = ringsHere(ringing) ? 'ringing' : 'busy'
  return { state, since: ringing.startedAt, partner: ringing.remote }
}
