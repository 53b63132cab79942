/**
 * `current_calls` rows (seed 002 `call_mdl`, PLATFORM-FACTS R4) → the agent's
 * calls. The rows carry no state: a call rings while `answer_time_gmt` is
 * empty and talks once it is set; `call_flow` gives the direction; hold and
 * park are not visible at all, so they are known only from what the agent did
 * through this app (`CallMemory`), per call, until the call leaves the list.
 */
import type { Call } from '../../../shared/model'
import { SeenOnce } from '../../../shared/seen-once'
import { queueRowOf } from './call-legs'
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
const MAX_DIALLED = 100
const MAX_RETURNING = 20

/** What the agent did to each call through the app: the list itself never says. */
export class CallMemory {
  private readonly did = new Map<string, Remembered>()
  /** Calls this app dialled (click-to-dial rings the agent first, whatever `call_flow` says). */
  private readonly dialled = new SeenOnce(MAX_DIALLED)
  /** The agent's rows that continue a call the app knows by another id: row id → app id. */
  private readonly aliases = new Map<string, string>()
  /** Parked calls the agent is taking back, by far party number → app id. */
  private readonly returning = new Map<string, string>()

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

  /** The ids on hold here (the app's and the rows'), for the presence lamps. */
  get held(): ReadonlySet<string> {
    const held = new Set([...this.did].flatMap(([id, what]) => (what === 'held' ? [id] : [])))
    for (const [row, id] of this.aliases) if (held.has(id)) held.add(row)
    return held
  }

  /**
   * The agent takes parked call `appId` (far party `number`) back: the phone's new
   * row of it has a new `call_api_id` (R4), yet it is the same call to the agent.
   */
  takingBack(appId: string, number: string): void {
    const key = shortNumber(number)
    if (!key) return
    this.returning.delete(key)
    this.returning.set(key, appId)
    if (this.returning.size > MAX_RETURNING)
      this.returning.delete(this.returning.keys().next().value ?? '')
  }

  /** The id the app knows the agent's row `callApiId` by: the call it continues, or its own. */
  appIdOf(callApiId: string, farNumber: string): string {
    const known = this.aliases.get(callApiId)
    if (known !== undefined) return known
    const key = shortNumber(farNumber)
    const back = this.returning.get(key)
    if (back === undefined || back === callApiId) return callApiId
    this.returning.delete(key)
    this.aliases.set(callApiId, back)
    return back
  }

  /**
   * Forgets every call no longer on the agent's phone (`here`: its rows' ids): a
   * hold the agent made means nothing once the call ended or went to a colleague.
   */
  keepOnly(here: ReadonlySet<string>): void {
    for (const row of this.aliases.keys()) if (!here.has(row)) this.aliases.delete(row)
    const ids = new Set([...here].map((row) => this.aliases.get(row) ?? row))
    for (const id of this.did.keys()) if (!ids.has(id)) this.did.delete(id)
  }
}

/** The queue a call came through: its called number is a queue's number, or a queue lists it. */
function queueOf(row: CallRow, directory: Directory, rows: readonly CallRow[]): string | undefined {
  const dialled = directory.byNumber.get(shortNumber(row.called_number))
  if (dialled?.type === 'queue') return dialled.name || dialled.number
  const queueRow = queueRowOf(row, rows, directory)
  const queue = queueRow ? directory.byId.get(queueRow.extension_id) : undefined
  return queue ? queue.name || queue.number : undefined
}

function stateOf(row: CallRow, id: string, memory: CallMemory): Call['state'] {
  if (!answered(row)) return 'ringing'
  const did = memory.stateOf(id)
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
    const remote = farParty(row, directory)
    const id = memory.appIdOf(row.call_api_id, remote.number)
    const state = stateOf(row, id, memory)
    const colleague = directory.byNumber.get(remote.number)
    const byAgent = isOut(row.call_flow) || memory.wasDialledHere(id)
    // `id` is the call as the agent knows it; `handle` the row to act on (R4).
    const call: Call = {
      id,
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

/** The call ringing at `phone` now: an incoming entry with no answer time. */
export function ringingCallAt(
  rows: readonly CallRow[],
  phone: DirectoryEntry,
): CallRow | undefined {
  return rows.find(
    (row) => row.extension_id === phone.id && !answered(row) && !isOut(row.call_flow),
  )
}
