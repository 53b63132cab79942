/**
 * The REST face's objects, in the seed's field names (docs/dialects/restv1.md):
 * calls as one extension sees them, extensions, registrations, call records.
 */
import { entriesOf, type Entry } from './restv1-entries'
import { maxRecordingSec } from './call-engine'
import { gmt, type RestIds, type RestTarget } from './restv1-ids'
import type { Cdr, Extension, Leg, SimCall } from './pbx-types'

export type Json = Record<string, unknown>

/**
 * Whether this entry has been answered: a leg still ringing (a transfer on its way,
 * the agent's own phone ringing for a click-to-dial) has no answer time yet, even
 * when the call itself was answered elsewhere before.
 */
function answeredFor(call: SimCall, leg: Leg | undefined): boolean {
  if (call.phase === 'ringing' && (!leg || leg === call.a)) return false
  if (leg && call.ringing.includes(leg)) return false
  if (leg && leg === call.a && call.pendingDest) return false
  return call.answeredAt !== undefined
}

/**
 * Seed 002's `call_mdl`, exactly (PLATFORM-FACTS R4): no state field. What the
 * seed leaves open varies by a seeded hash of the entry, so readers meet it all:
 * the order of the keys, and the two extra fields the later "Current Calls"
 * page names (`caller_extension`, `called_extension`, contents undocumented).
 */
function seedShaped(ids: RestIds, key: string, fields: [string, unknown][]): Json {
  const h = ids.variant(key)
  const order = fields
    .map((field, i) => ({
      field,
      rank: Math.imul(h ^ Math.imul(i + 1, 0x9e3779b1), 0x85ebca6b) >>> 0,
    }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ field }) => field)
  if (h % 3 === 0) order.splice(h % order.length, 0, ['caller_extension', []])
  if (h % 5 === 0) order.push(['called_extension', []])
  return Object.fromEntries(order)
}

/**
 * One `call_list` entry: `call` as the entry's extension sees it. Whether
 * `init_time_gmt` is the call's start or the moment this extension joined is not
 * documented, so it varies by call.
 */
export function callObject(ids: RestIds, call: SimCall, entry: Entry): Json {
  const { leg } = entry
  const mine = leg === call.a
  // The other end as this entry sees it: after a park (and a pickup) or a transfer
  // the far party sits on leg a, whoever placed the call first.
  const caller = mine ? call.from : call.a.party
  const joinedAt = leg && ids.variant(`init:${call.id}`) % 2 === 1 ? leg.createdAt : undefined
  return seedShaped(ids, entry.id, [
    ['call_api_id', entry.id],
    ['extension_id', entry.extensionId],
    ['call_flow', leg && mine ? 'out' : 'in'],
    ['caller_id_number', caller.number],
    ['caller_id_name', caller.name ?? ''],
    ['called_number', leg && !mine ? leg.exten : (call.pendingDest?.number ?? call.a.exten)],
    ['called_did', call.direction === 'inbound' ? call.to : null],
    ['init_time_gmt', gmt(joinedAt ?? call.startedAt)],
    ['answer_time_gmt', answeredFor(call, leg) ? gmt(call.answeredAt) : null],
    ['record_uuid', call.recorded ? ids.recordUuid(call.id) : null],
    ['callback_id', call.originateId ?? null],
    ['real_call', true],
  ])
}

/** Every entry of one extension (phone or queue). */
export function callsOf(ids: RestIds, calls: SimCall[], target: RestTarget): Json[] {
  const out: Json[] = []
  for (const call of calls) {
    for (const entry of entriesOf(ids, call)) {
      if (entry.extensionId !== target.id) continue
      // A phone's own list shows its legs; the parker's entry is in the client's list only.
      if (target.type === 'phone' && !entry.leg) continue
      out.push(callObject(ids, call, entry))
    }
  }
  return out
}

/** The client-wide list: every phone's entries, queue callers, parked calls. */
export function clientCalls(ids: RestIds, calls: SimCall[]): Json[] {
  return calls.flatMap((call) => entriesOf(ids, call).map((entry) => callObject(ids, call, entry)))
}

export function extensionObject(ids: RestIds, clientId: number, target: RestTarget): Json {
  const number = target.type === 'phone' ? target.ext.number : target.queue.id
  const label = target.type === 'phone' ? target.ext.name : target.queue.name
  return {
    id: target.id,
    name: ids.nameOf(number),
    label,
    type: target.type,
    status: 'active',
    domain: `${ids.prefix}.demo.example`,
    client_id: clientId,
    caller_id_name: label,
    create_date: '2024-09-02 08:00:00',
    extension_group_id: null,
    dial_rule_id: null,
    dial_rule_limit: null,
    message_did: null,
    ani_rfc3325: false,
    did_as_transfer_caller_id: null,
    extra_params: '',
  }
}

export function registrationObject(ids: RestIds, ext: Extension, now: number): Json {
  const id = ids.phoneId(ext.number)
  return {
    registered: ext.registered,
    extension_id: id,
    registrations: ext.registered
      ? [
          {
            id: `${id}-1`,
            contact: `sip:${ext.number}@${ext.host}:5060`,
            user_agent: ext.useragent,
            ip_address: ext.host,
            port: 5060,
            // Phones re-register every hour; the demo's are always half-way through.
            expires_gmt: gmt(Math.floor(now / 1000) * 1000 + 1800_000),
          },
        ]
      : [],
  }
}

/** The WAV the face serves for a recording of `sec` seconds (8 kHz, 16-bit, mono). */
export function recordingBytes(sec: number): number {
  return 44 + Math.round(Math.max(0.5, Math.min(sec, maxRecordingSec)) * 8000) * 2
}

const results: Record<Cdr['disposition'], [string, string]> = {
  ANSWERED: ['answered', 'NORMAL_CLEARING'],
  'NO ANSWER': ['not_answered', 'NO_ANSWER'],
  BUSY: ['busy', 'USER_BUSY'],
  FAILED: ['failed', 'CALL_REJECTED'],
}

/** The extension short number of a channel `SIP/201-DEMO-0000001a`, if it is a phone. */
export function channelExtension(ids: RestIds, channel: string): string | undefined {
  const m = /^SIP\/(.+)-[0-9a-f]{8}$/i.exec(channel)
  if (!m) return undefined
  const wanted = (m[1] ?? '').toLowerCase()
  for (const ext of ids.data.extensions.values()) {
    if (ext.username.toLowerCase() === wanted) return ext.number
  }
  return undefined
}

/** The extensions a CDR belongs to (caller, number dialled, who answered or rang last). */
export function cdrExtensions(ids: RestIds, cdr: Cdr): number[] {
  const data = ids.data
  const out = new Set<number>()
  if (data.extensions.has(cdr.src)) out.add(ids.phoneId(cdr.src))
  if (data.extensions.has(cdr.dst)) out.add(ids.phoneId(cdr.dst))
  if (data.queues.has(cdr.dst)) out.add(ids.queueId(cdr.dst))
  const reached = channelExtension(ids, cdr.dstchannel)
  if (reached) out.add(ids.phoneId(reached))
  return [...out]
}

export function recordObject(ids: RestIds, clientId: number, cdr: Cdr): Json {
  const data = ids.data
  const reached = channelExtension(ids, cdr.dstchannel)
  const answered = cdr.disposition === 'ANSWERED'
  const owner =
    (answered ? reached : undefined) ?? (data.extensions.has(cdr.src) ? cdr.src : cdr.dst)
  const isQueue = data.queues.has(owner)
  const ownerId = isQueue ? ids.queueId(owner) : ids.phoneId(owner)
  const fromInside = data.extensions.has(cdr.src)
  const toInside = data.extensions.has(cdr.dst) || data.queues.has(cdr.dst)
  const [result, cause] = results[cdr.disposition]
  const name = /^"(.*)" </.exec(cdr.clid)?.[1] ?? ''
  const end = cdr.calldate + cdr.duration * 1000
  return {
    // Whether a record's call_uuid is one of the live call_api_ids is not documented:
    // most records name the whole call, some the owner's first entry.
    call_uuid:
      ids.variant(`uuid:${cdr.linkedid}`) % 3 === 0 && !isQueue
        ? ids.entryId(cdr.linkedid, owner)
        : ids.callUuid(cdr.linkedid),
    record_uuid: cdr.recordingSec ? ids.recordUuid(cdr.linkedid) : null,
    init_time_gmt: gmt(cdr.calldate),
    start_time_gmt: answered ? gmt(end - cdr.billsec * 1000) : null,
    hangup_time_gmt: gmt(end),
    duration: cdr.duration,
    flow: !fromInside ? 'in' : toInside ? 'internal' : 'out',
    source_number: cdr.src,
    from_username: cdr.src,
    from_screen_name: name,
    from_domain: '',
    source_domain: '',
    dest_number: cdr.dst,
    to_username: answered ? (reached ?? '') : '',
    to_domain: '',
    dest_domain: '',
    did_number: fromInside ? '' : cdr.dst,
    did_domain: '',
    ani_number: '',
    result,
    calls_result: result,
    hangup_cause: cause,
    hangup_disposition: '',
    calls_hangup_disposition: '',
    extension_id: ownerId || null,
    extension_name: ids.nameOf(owner),
    extension_type: isQueue ? 'queue' : 'phone',
    ext_number_reg: '',
    application: isQueue ? 'queue' : 'phone',
    record_file_size: cdr.recordingSec ? recordingBytes(cdr.recordingSec) : 0,
    extension_group_owner_id: null,
    client_owner_id: clientId,
  }
}
