/**
 * One call, several `current_calls` rows: each extension on a call has its own
 * `call_api_id` (PLATFORM-FACTS R4), and no documented field is shared by the
 * rows of one call (docs/dialects/restv1.md, "Legs of one call"). So the rows of
 * a call are tied together here from what every row documents: the far party's
 * number (`caller_id_number` of an incoming row), `extension_id`, `call_flow`
 * and `init_time_gmt`.
 */
import type { Call, Party } from '../../../shared/model'
import { answered, farParty, isOut, shortNumber, type Directory, type Own } from './normalise'
import { parseGmt, type CallRow, type RecordRow } from './parse'

/**
 * How much earlier than the agent's own row another row of the same call may say it
 * began: `init_time_gmt` is either the call's start or the moment that extension
 * joined (not documented which), and whole seconds.
 */
const SAME_CALL_SLACK_MS = 5_000

/** The number a row's far party has, short form for colleagues. */
function farNumber(row: CallRow, directory: Directory): string {
  return shortNumber(farParty(row, directory).number)
}

/** A colleague's incoming row that carries the same caller as the agent's call `earlier`. */
function sameCaller(row: CallRow, earlier: Call, own: Own, directory: Directory): boolean {
  if (row.extension_id === own.extensionId || isOut(row.call_flow)) return false
  const phone = directory.byId.get(row.extension_id)
  if (phone?.type !== 'phone') return false
  const caller = shortNumber(earlier.remote.number)
  // A colleague is never "the same call" as a call with that colleague.
  if (!caller || phone.number === caller) return false
  if (farNumber(row, directory) !== caller) return false
  const began = parseGmt(row.init_time_gmt)
  return began === undefined || began >= earlier.startedAt - SAME_CALL_SLACK_MS
}

/** Where a call that left the agent's phone went: a colleague's row of it, talking first. */
export interface Continuation {
  row: CallRow
  colleague: Party
  up: boolean
}

/**
 * The row at a colleague's phone that continues the agent's call `earlier` (a
 * colleague answered the queue call that rang here too, or the call was transferred
 * there): an incoming row with the same caller that is not older than the call.
 * A talking row wins over a ringing one.
 */
export function continuationOf(
  rows: readonly CallRow[],
  earlier: Call,
  own: Own,
  directory: Directory,
): Continuation | undefined {
  let ringing: CallRow | undefined
  for (const row of rows) {
    if (!sameCaller(row, earlier, own, directory)) continue
    if (answered(row)) return continuation(row, directory, true)
    ringing ??= row
  }
  return ringing ? continuation(ringing, directory, false) : undefined
}

function continuation(row: CallRow, directory: Directory, up: boolean): Continuation {
  const phone = directory.byId.get(row.extension_id)
  const colleague: Party = phone ? { number: phone.number, name: phone.name } : { number: '' }
  return { row, colleague, up }
}

/** The queue row of the call `row` is a leg of: a queue's incoming row with the same caller. */
export function queueRowOf(
  row: CallRow,
  rows: readonly CallRow[],
  directory: Directory,
): CallRow | undefined {
  if (isOut(row.call_flow)) return undefined
  const caller = shortNumber(row.caller_id_number)
  return rows.find(
    (r) =>
      directory.byId.get(r.extension_id)?.type === 'queue' &&
      !isOut(r.call_flow) &&
      shortNumber(r.caller_id_number) === caller,
  )
}

interface Seen {
  number: string
  startedAt: number
}

const MAX_SEEN = 500
/** A record may start this much before the live row (a leg that joined later) … */
const RECORD_BEFORE_MS = 120_000
/** … or a second or two after it (whole seconds, two clocks). */
const RECORD_AFTER_MS = 5_000

/**
 * The calls that were on the agent's phone, by the `call_api_id` the app knows
 * them by. A call record names the call by `call_uuid`, which need not be any
 * live row's `call_api_id` (nothing documents that it is), so a record is tied to
 * the live call by its far party's number and start time, and then carries that
 * live id: the session must know a record of a call it already reported.
 */
export class SeenCalls {
  private readonly calls = new Map<string, Seen>()

  remember(call: Call): void {
    if (this.calls.has(call.id)) return
    this.calls.set(call.id, { number: shortNumber(call.remote.number), startedAt: call.startedAt })
    if (this.calls.size > MAX_SEEN) {
      const oldest = this.calls.keys().next().value
      if (oldest !== undefined) this.calls.delete(oldest)
    }
  }

  has(callApiId: string): boolean {
    return this.calls.has(callApiId)
  }

  /**
   * The live call a record is of: the one with its `call_uuid`, else the one with
   * the same far party whose start is nearest after the record's start.
   */
  liveIdOf(row: RecordRow, farNumber: string, startedAt: number): string | undefined {
    if (row.call_uuid && this.calls.has(row.call_uuid)) return row.call_uuid
    const number = shortNumber(farNumber)
    if (!number) return undefined
    let best: { id: string; gap: number } | undefined
    for (const [id, seen] of this.calls) {
      const gap = seen.startedAt - startedAt
      if (seen.number !== number || gap < -RECORD_AFTER_MS || gap > RECORD_BEFORE_MS) continue
      if (!best || Math.abs(gap) < Math.abs(best.gap)) best = { id, gap }
    }
    return best?.id
  }
}
