/**
 * What happens now in a REST ver1.0 office: one client-level `current_calls`
 * request per tick gives every live call, one `/extension/registration/`
 * request gives every phone's registration, and the presence board reuses the
 * latest call list, so a whole office costs two requests per tick.
 */
import { SeenOnce } from '../../../shared/seen-once'
import type { Call, Presence } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import { callsThatLeft } from '../call-elsewhere'
import { answererOf, CallMemory, ownCalls, ringingAt, ringingCallAt } from './call-rows'
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
  /** Ids of calls that were this agent's, so history finds queue calls that name only the queue. */
  readonly ownCallIds = new SeenOnce(500)

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
    const listed = new Set(rows.map((row) => row.call_api_id))
    for (const call of calls) this.remember(call.id)
    // A call that was here and is now only on colleagues' phones: answered there, or
    // passed on (transferred) to one of them.
    const left = callsThatLeft(this.wasHere, calls, (id) => {
      if (!listed.has(id)) return 'gone'
      const answerer = answererOf(rows, id, own, directory)
      const colleague = answerer ?? ringingAt(rows, id, own, directory)
      return colleague ? { colleague, up: answerer !== undefined } : undefined
    })
    calls.push(...left)
    return calls
  }

  private remember(callId: string): void {
    this.ownCallIds.first(callId)
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
