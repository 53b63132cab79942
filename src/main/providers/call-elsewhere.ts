/**
 * "A call that left the agent": the one rule every dialect uses to list a call
 * that was on the agent's phone and is now at a colleague's, so the session can
 * tell a colleague's answer or a transfer from a hang-up.
 */
import type { Call, Party } from '../../shared/model'

/**
 * A call that was on the agent's phone and is now at `colleague`'s (`up`: talking
 * there, else ringing there). One the agent never answered and a colleague took is
 * the agent's call marked `answeredElsewhere` (the popup closes, it is not missed);
 * otherwise it is listed as the colleague's leg (`local` = the colleague): passed on
 * unanswered, or transferred after the agent answered.
 */
export function callElsewhere(earlier: Call, colleague: Party, up: boolean): Call {
  if (up && earlier.state === 'ringing') {
    return { ...earlier, state: 'up', answeredElsewhere: colleague }
  }
  return { ...earlier, local: colleague, state: up ? 'up' : 'ringing' }
}

/** Where a call that left the agent is now: gone from the PBX, at a colleague's, or unknown. */
export type Whereabouts = 'gone' | { colleague: Party; up: boolean } | undefined

/**
 * The calls that were on the agent's phone (`wasHere`, as last seen there) and are
 * not among `present` any more, listed where they went (`callElsewhere`). A call
 * `whereNow` says is gone from the PBX is forgotten; one it cannot place yet is
 * kept for the next poll. Afterwards `wasHere` remembers the present calls.
 */
export function callsThatLeft(
  wasHere: Map<string, Call>,
  present: readonly Call[],
  whereNow: (callId: string) => Whereabouts,
): Call[] {
  const here = new Set(present.map((call) => call.id))
  const out: Call[] = []
  for (const [id, earlier] of wasHere) {
    if (here.has(id)) continue
    const where = whereNow(id)
    if (where === 'gone') wasHere.delete(id)
    else if (where) out.push(callElsewhere(earlier, where.colleague, where.up))
  }
  for (const call of present) wasHere.set(call.id, call)
  return out
}
