/**
 * `current_calls` rows (seed 002 `call_mdl`, PLATFORM-FACTS R4) → the agent's
 * calls. The rows carry no state: a call rings while `answer_time_gmt` is
 * empty and talks once it is set; `call_flow` gives the direction; hold and
 * park are not visible at all, so they are known only from what the agent did
 * through this app (`CallMemory`), per call, until the call leaves the list.
 */
import { SeenOnce } from '../../../shared/seen-once'
import type { Call, Party } from '../../../shared/model'
import { parseGmt, type CallRow } from './parse'
import {
  answered,
  farParty,
  isOut,
  shortNumber,
  type Directory,
  type DirectoryEntry,
  type Own,
} from './normalise'

type Remembered = 'held' | 'parked'

/** What the agent did to each call through the app: the list itself never says. */
export class CallMemory {
  private readonly did = new Map<string, Remembered>()
  /** Calls this app dialled (click-to-dial rings the agent first, whatever `call_flow` says). */
  private readonly dialled = new SeenOnce(100)

  hold(callApiId: string): void {
    this.did.set(callApiId, 'held')
  }

  park(callApiId: string): void {
    this.did.set(callApiId, 'parked')
  }

  /** Off hold, picked up again, hung up: the call is as the list says. */
  release(callApiId: string): void {
    this.did.delete(callApiId)
  }

  placed(callApiId: string): void {
    if (!callApiId) return
    // A dialled call may appear in the list only later, so these are capped, not pruned.
    this.dialled.first(callApiId)
  }

  stateOf(callApiId: string): Remembered | undefined {
    return this.did.get(callApiId)
  }

  wasDialledHere(callApiId: string): boolean {
    return this.dialled.has(callApiId)
  }

  /** The ids on hold here, for the presence lamps. */
  get held(): ReadonlySet<string> {
    return new Set([...this.did].flatMap(([id, what]) => (what === 'held' ? [id] : [])))
  }

  /**
   * Forgets every call no longer on the agent's phone: a hold the agent made means
   * nothing once the call ended or went to a colleague (a completed transfer).
   */
  keepOnly(here: ReadonlySet<string>): void {
    for (const id of this.did.keys()) if (!here.has(id)) this.did.delete(id)
  }
}

/** The queue a call came through: its called number is a queue's number, or a queue lists it. */
function queueOf(row: CallRow, directory: Directory, rows: readonly CallRow[]): string | undefined {
  const dialled = directory.byNumber.get(shortNumber(row.called_number))
  if (dialled?.type === 'queue') return dialled.name || dialled.number
  const queueLeg = rows.find(
    (r) =>
      r.call_api_id === row.call_api_id && directory.byId.get(r.extension_id)?.type === 'queue',
  )
  const queue = queueLeg ? directory.byId.get(queueLeg.extension_id) : undefined
  return queue ? queue.name || queue.number : undefined
}

function stateOf(row: CallRow, memory: CallMemory): Call['state'] {
  if (!answered(row)) return 'ringing'
  const did = memory.stateOf(row.call_api_id)
  return did === 'held' ? 'held' : did === 'parked' ? 'parked' : 'up'
}

/** The agent's own entries of one client-level `current_calls` answer. */
export function ownCalls(
  rows: readonly CallRow[],
  own: Own,
  directory: Directory,
  now: number,
  memory: CallMemory,
): Call[] {
  const calls: Call[] = []
  const seen = new Set<string>()
  for (const row of rows) {
    if (row.extension_id !== own.extensionId || seen.has(row.call_api_id)) continue
    seen.add(row.call_api_id)
    const state = stateOf(row, memory)
    const remote = farParty(row, directory)
    const colleague = directory.byNumber.get(remote.number)
    const byAgent = isOut(row.call_flow) || memory.wasDialledHere(row.call_api_id)
    const call: Call = {
      id: row.call_api_id,
      accountId: own.accountId,
      direction:
        colleague && colleague.type === 'phone' ? 'internal' : byAgent ? 'outbound' : 'inbound',
      placedBy: byAgent ? 'agent' : colleague?.type === 'phone' ? 'colleague' : 'outside',
      state,
      local: { number: own.number },
      remote,
      startedAt: parseGmt(row.init_time_gmt) ?? now,
      handle: { callApiId: row.call_api_id, extensionId: own.extensionId },
    }
    const answeredAt = parseGmt(row.answer_time_gmt)
    if (answeredAt !== undefined && state !== 'ringing') call.answeredAt = answeredAt
    const queue = queueOf(row, directory, rows)
    if (queue) call.queue = queue
    calls.push(call)
  }
  return calls
}

function colleagueIn(
  rows: readonly CallRow[],
  callApiId: string,
  own: Own,
  directory: Directory,
  talking: boolean,
): Party | undefined {
  for (const row of rows) {
    if (row.call_api_id !== callApiId || row.extension_id === own.extensionId) continue
    const entry = directory.byId.get(row.extension_id)
    if (entry?.type !== 'phone') continue
    if (answered(row) === talking) return { number: entry.number, name: entry.name }
  }
  return undefined
}

/** A colleague's phone that has answered `callApiId`, if one has. */
export function answererOf(
  rows: readonly CallRow[],
  callApiId: string,
  own: Own,
  directory: Directory,
): Party | undefined {
  return colleagueIn(rows, callApiId, own, directory, true)
}

/** A colleague's phone `callApiId` rings at, if any (a transfer on its way). */
export function ringingAt(
  rows: readonly CallRow[],
  callApiId: string,
  own: Own,
  directory: Directory,
): Party | undefined {
  return colleagueIn(rows, callApiId, own, directory, false)
}

/** The call ringing at `phone` now: an incoming entry with no answer time. */
export function ringingCallAt(
  rows: readonly CallRow[],
  phone: DirectoryEntry,
): CallRow | undefined {
  return rows.find(
    (row) => row.extension_id === phone.id && !answered(row) && !isOut(row.call_flow),
  )
}
