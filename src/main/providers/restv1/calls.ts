/**
 * What happens now in a REST ver1.0 office: one client-level `current_calls`
 * request per tick gives every live call, one `/extension/registration/`
 * request gives every phone's registration, and the presence board reuses the
 * latest call list, so a whole office costs two requests per tick.
 */
import type { Call, Presence } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import { callsThatLeft } from '../call-elsewhere'
import { continuationOf, SeenCalls, type Continuation } from './call-legs'
import { CallMemory, ownCalls, ringingCallAt } from './call-rows'
import { presenceFrom, Registrations, type Directory, type Own } from './normalise'
import { parseCallList, parseRegistrations, type CallRow } from './parse'
import type { RestV1Client } from './client'

/** Presence reuses the call list polled this recently instead of asking again. */
const CALLS_FRESH_MS = 15_000
/** Seed 002 does not say how many ids one registration request takes; 100 keeps URLs short. */
const IDS_PER_REQUEST = 100

export class RestV1Live {
  readonly memory = new CallMemory()
  private lastCalls: { rows: CallRow[]; at: number } | undefined
  /** The lamps of the last presence poll, made again only where they changed. */
  private lamps: Presence[] = []
  /** Calls that were on this agent's phone (as last seen there), to tell where they went. */
  private readonly wasHere = new Map<string, Call>()
  /** Calls that were this agent's, so history names them as the live list did. */
  readonly seen = new SeenCalls()

  constructor(
    private readonly client: RestV1Client,
    private readonly accountId: string,
    private readonly now: () => number,
  ) {}

  /** Actions change the office: presence must not reuse the call list from before. */
  stale(): void {
    this.lastCalls = undefined
  }

  private async currentCalls(): Promise<CallRow[]> {
    const response = await this.client.request({ path: '/client/@me/current_calls/' })
    const rows = parseCallList(response.text())
    this.lastCalls = { rows, at: this.now() }
    return rows
  }

  async presence(directory: Directory): Promise<Presence[]> {
    const phones = directory.phones.map((e) => e.id)
    const registrations = new Registrations(directory)
    // The seed's repeated `extension_id` parameter (R6), a bounded number per request.
    for (let i = 0; i < phones.length; i += IDS_PER_REQUEST) {
      const query = phones.slice(i, i + IDS_PER_REQUEST).map((id) => ['extension_id', id] as const)
      const response = await this.client.request({ path: '/extension/registration/', query })
      registrations.add(parseRegistrations(response.text()))
    }
    const fresh = this.lastCalls && this.now() - this.lastCalls.at <= CALLS_FRESH_MS
    const calls = fresh && this.lastCalls ? this.lastCalls.rows : await this.currentCalls()
    const held = this.memory.held
    this.lamps = presenceFrom(
      directory,
      registrations,
      calls,
      this.accountId,
      this.now(),
      this.lamps,
      held,
    )
    return this.lamps
  }

  async calls(own: Own, directory: Directory): Promise<Call[]> {
    const rows = await this.currentCalls()
    this.memory.keepOnly(
      new Set(rows.filter((r) => r.extension_id === own.extensionId).map((r) => r.call_api_id)),
    )
    const calls = ownCalls(rows, own, directory, this.now(), this.memory)
    for (const call of calls) this.seen.remember(call)
    // The agent's row of a call is gone. Each extension on a call has its own
    // call_api_id (R4), so where the call went is a colleague's row of it: answered
    // there (a queue call that rang here too), or passed on (transferred) to them.
    const continued = new Map<string, Continuation>()
    const left = callsThatLeft(this.wasHere, calls, (id) => {
      const earlier = this.wasHere.get(id)
      const next = earlier && continuationOf(rows, earlier, own, directory)
      if (!next) return 'gone'
      continued.set(id, next)
      return { colleague: next.colleague, up: next.up }
    })
    // Acting on it now means acting on the colleague's row (a pickup, say).
    for (const call of left) {
      const next = continued.get(call.id)
      if (next) {
        call.handle = { callApiId: next.row.call_api_id, extensionId: next.row.extension_id }
      }
    }
    calls.push(...left)
    return calls
  }

  /** The entry ringing at colleague `extension`: its extension id and `call_api_id`. */
  async ringingAt(
    extension: string,
    directory: Directory,
  ): Promise<{ extensionId: string; callApiId: string }> {
    const phone = directory.byNumber.get(extension)
    const row = phone ? ringingCallAt(await this.currentCalls(), phone) : undefined
    if (!row) {
      throw new AppError('not_found', `Nothing is ringing at ${extension} now.`, undefined, {
        code: 'not_found.nothing_ringing',
        params: { extension },
      })
    }
    return { extensionId: row.extension_id, callApiId: row.call_api_id }
  }
}
