/**
 * How the REST face names the simulation's things: numeric extension ids (REST
 * never uses the short number), opaque UUID-shaped call/record ids, GMT times.
 */
import { RestError } from './restv1-auth'
import type { Cdr, Extension, Queue, VoicemailMessage } from './pbx-types'
import type { PbxState, TenantData } from './pbx-state'

export type RestTarget =
  { type: 'phone'; id: number; ext: Extension } | { type: 'queue'; id: number; queue: Queue }

/** Ids start here and are handed out phones first, then queues, then later additions. */
const firstId = 4101
/** Agent ids are their own numbers, as on the real PBX (not the extension id). */
const agentOffset = 6000
const maxJoins = 20_000

export class RestIds {
  private readonly ids = new Map<string, number>()
  private readonly keys = new Map<number, string>()
  private next = firstId
  /** Per call and phone: the channel it joined the call on, and how many times it joined. */
  private readonly joins = new Map<string, { channelId: string; n: number }>()
  /** Extensions + queues of the tenant when ids were last handed out. */
  private synced = -1

  constructor(
    private readonly pbx: PbxState,
    readonly tenant: string,
    /** The digits before `*` in an extension name. */
    readonly prefix: string,
  ) {}

  get data(): TenantData {
    return this.pbx.mustTenant(this.tenant)
  }

  private sync(): void {
    const data = this.data
    // Extensions and queues are only ever added: when the counts match, every one
    // has its id already (this runs on every lookup, so big offices must not rescan).
    const size = data.extensions.size + data.queues.size
    if (size === this.synced) return
    for (const n of data.extensions.keys()) this.assign(`phone:${n}`)
    for (const q of data.queues.keys()) this.assign(`queue:${q}`)
    this.synced = size
  }

  private assign(key: string): void {
    if (this.ids.has(key)) return
    this.ids.set(key, this.next)
    this.keys.set(this.next, key)
    this.next++
  }

  phoneId(number: string): number {
    this.sync()
    return this.ids.get(`phone:${number}`) ?? 0
  }

  queueId(id: string): number {
    this.sync()
    return this.ids.get(`queue:${id}`) ?? 0
  }

  /** Every extension, phones first, in id order. */
  all(): RestTarget[] {
    this.sync()
    return [...this.keys.keys()]
      .sort((a, b) => a - b)
      .map((id) => this.target(id))
      .filter((t): t is RestTarget => t !== undefined)
  }

  target(id: number): RestTarget | undefined {
    this.sync()
    const key = this.keys.get(id)
    if (!key) return undefined
    const [type, number = ''] = key.split(':')
    const data = this.data
    if (type === 'phone') {
      const ext = data.extensions.get(number)
      return ext ? { type: 'phone', id, ext } : undefined
    }
    const queue = data.queues.get(number)
    return queue ? { type: 'queue', id, queue } : undefined
  }

  /** The `{extension_id}` of a path; 404 when it is not this client's. */
  mustTarget(raw: string): RestTarget {
    const target = /^\d{1,9}$/.test(raw) ? this.target(Number(raw)) : undefined
    if (!target) throw new RestError(404, `Extension ${raw} not found`)
    return target
  }

  mustPhone(raw: string): Extension {
    const target = this.mustTarget(raw)
    if (target.type !== 'phone') throw new RestError(400, 'Extension is not of type phone')
    return target.ext
  }

  mustQueue(raw: string): Queue {
    const target = this.mustTarget(raw)
    if (target.type !== 'queue') throw new RestError(400, 'Extension is not of type queue')
    return target.queue
  }

  /** `700*201` */
  nameOf(number: string): string {
    return `${this.prefix}*${number}`
  }

  agentId(number: string): number {
    return this.phoneId(number) + agentOffset
  }

  phoneOfAgent(agentId: number): Extension | undefined {
    const target = this.target(agentId - agentOffset)
    return target?.type === 'phone' ? target.ext : undefined
  }

  /**
   * A destination as the API takes it: short number, `prefix*number`, or an
   * outside number. Returns the number the simulation dials.
   */
  destination(raw: unknown, field: string): string {
    if (typeof raw !== 'string' || raw.trim() === '') {
      throw new RestError(400, `Missing parameter: ${field}`)
    }
    let value = raw.trim().replace(/[\s\-()]/g, '')
    if (value.startsWith(`${this.prefix}*`)) value = value.slice(this.prefix.length + 1)
    if (!/^[0-9+*#]{1,32}$/.test(value)) throw new RestError(400, `Invalid ${field}`)
    return value
  }

  // --- opaque ids ---------------------------------------------------------------

  /**
   * The id of one extension's entry in a live call: each extension on a call has
   * its own `call_api_id` (PLATFORM-FACTS R4). `holder` is a phone's number (its
   * first time in the call), `queue:<id>` or `park:<number>`.
   */
  entryId(simId: string, holder: string): string {
    return this.uuid(`call:${simId}:${holder}`)
  }

  /**
   * A phone's entry: a phone that joins the same call again (a transfer back to it)
   * is a new channel, so a new id, as on a real server.
   */
  phoneEntryId(simId: string, number: string, channelId: string): string {
    const key = `${simId}:${number}`
    const seen = this.joins.get(key)
    let n = seen?.n ?? 0
    if (seen && seen.channelId !== channelId) n++
    if (!seen || n !== seen.n) {
      this.joins.delete(key)
      this.joins.set(key, { channelId, n })
      // Ended calls are never asked about again; keep the newest only.
      if (this.joins.size > maxJoins) this.joins.delete(this.joins.keys().next().value ?? '')
    }
    return this.entryId(simId, n ? `${number}#${n}` : number)
  }

  /** The id `number`'s latest entry in the call had (its first when it had none yet). */
  lastEntryId(simId: string, number: string): string {
    const n = this.joins.get(`${simId}:${number}`)?.n ?? 0
    return this.entryId(simId, n ? `${number}#${n}` : number)
  }

  /** The whole call, as call records name it (`call_uuid`): no live entry has this id. */
  callUuid(simId: string): string {
    return this.uuid(`call:${simId}`)
  }

  /** A call's recording, by the call's linked id (live calls and CDRs alike). */
  recordUuid(linkedId: string): string {
    return this.uuid(`record:${linkedId}`)
  }

  voicemailUuid(mailbox: string, message: VoicemailMessage): string {
    return this.uuid(`vm:${mailbox}:${message.msgid}`)
  }

  cdrOfRecord(recordUuid: string): Cdr | undefined {
    return this.data.cdrs.find((c) => c.recordingSec && this.recordUuid(c.linkedid) === recordUuid)
  }

  /** A stable number for `key`, to vary what the seed leaves open (key order, extra fields). */
  variant(key: string): number {
    return Number.parseInt(this.pbx.token(`restv1:variant:${key}`, 8), 16) >>> 0
  }

  private uuid(label: string): string {
    const h = this.pbx.token(`restv1:${label}`, 32)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  }
}

/** `YYYY-MM-DD HH:MM:SS` in GMT, or null. */
export function gmt(ms: number | undefined): string | null {
  if (ms === undefined) return null
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

/** Accepts `YYYY-MM-DD HH:MM:SS` and `YYYY-MM-DDTHH:MM:SS[Z]`, always GMT. */
export function parseGmt(raw: string | null, field: string): number {
  if (!raw) throw new RestError(400, `Missing parameter: ${field}`)
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})Z?$/.exec(raw.trim())
  const ms = m ? Date.parse(`${m[1]}T${m[2]}Z`) : NaN
  if (!Number.isFinite(ms)) throw new RestError(400, `Invalid ${field}`)
  return ms
}
