/**
 * How the agent sees one snapshot. Some PBXs list every call of the tenant (one
 * entry per leg, the same call id on each), others only the agent's: both are
 * reduced here to "my leg" and "the best leg elsewhere" per call id.
 */
import type { Call, CallState, Party } from '../../../shared/model'

export interface CallView {
  id: string
  /** The agent's own leg, the most advanced one when there are several. */
  mine?: Call
  /** The most advanced leg on someone else's phone. */
  other?: Call
  /** Someone other than the agent is talking on (or holding) this call. */
  answeredElsewhere: boolean
}

const progress: Record<CallState, number> = { up: 3, held: 2, ringing: 1, parked: 0 }

/**
 * True when two spellings name the same extension: case and surrounding space
 * aside, exactly. A dialect that spells the agent's own extension its own way
 * (PBXCloud's SIP user `104-DEMO`) gives the core the extension itself (`104`).
 */
export function sameExtension(a: string, b: string): boolean {
  const x = a.trim().toLowerCase()
  return x !== '' && x === b.trim().toLowerCase()
}

/** Numbers compare without spaces and punctuation; `+45 12 34` equals `+451234`. */
export function sameNumber(a: Party, b: Party): boolean {
  const clean = (party: Party): string => party.number.replace(/[\s().-]/g, '').toLowerCase()
  return clean(a) === clean(b)
}

function better(current: Call | undefined, candidate: Call): Call {
  if (!current) return candidate
  return progress[candidate.state] > progress[current.state] ? candidate : current
}

export function viewCalls(
  calls: readonly Call[],
  isMine: (call: Call) => boolean,
): Map<string, CallView> {
  const views = new Map<string, CallView>()
  for (const call of calls) {
    const view = views.get(call.id) ?? { id: call.id, answeredElsewhere: false }
    // A provider that lists only the agent's calls marks one a colleague answered
    // with the agent as `local`: it is the colleague's leg, not the agent's answer.
    const taker = call.answeredElsewhere
    const leg = taker ? { ...call, local: taker } : call
    if (!taker && isMine(call)) {
      view.mine = better(view.mine, call)
    } else {
      view.other = better(view.other, leg)
      if (leg.state === 'up' || leg.state === 'held') view.answeredElsewhere = true
    }
    views.set(call.id, view)
  }
  return views
}
