/**
 * Calls through the REST face: the current_calls lists, call control, callback
 * (click-to-dial) and valet park. Every write acts on the shared PBX state.
 */
import { bridgedTo } from './call-legs'
import { RestError } from './restv1-auth'
import { created, jsonBody, noContent, ok, param, type RestCtx, type Reply } from './restv1-context'
import { entryOf, phoneEntry, type Entry } from './restv1-entries'
import { callsOf, clientCalls } from './restv1-format'
import { gmt } from './restv1-ids'
import type { Extension, Leg, SimCall } from './pbx-types'

const actions = ['transfer', 'attended_transfer', 'hold', 'offhold', 'park', 'pickup'] as const
const unsupported = ['eavesdrop', 'whisper', 'conference']

/** The live calls one current_calls list shows. */
function listed(ctx: RestCtx): SimCall[] {
  return ctx.listedCalls(ctx.pbx.calls.active(ctx.tenant))
}

export function listCalls(ctx: RestCtx): Reply {
  const target = ctx.ids.mustTarget(param(ctx, 'ext'))
  return ok({ call_list: callsOf(ctx.ids, listed(ctx), target) })
}

export function listClientCalls(ctx: RestCtx): Reply {
  return ok({ call_list: clientCalls(ctx.ids, listed(ctx)) })
}

/** The live call a `call_api_id` names, and whose entry the id is (404 when none). */
function mustEntry(ctx: RestCtx): { call: SimCall; entry: Entry } {
  const found = entryOf(ctx.ids, ctx.pbx.calls.active(ctx.tenant), param(ctx, 'call'))
  if (!found) throw new RestError(404, 'Call not found')
  return found
}

/** The call and this phone's leg in it; 404 unless the id is this phone's own entry. */
function ownCall(ctx: RestCtx, ext: Extension): { call: SimCall; leg: Leg } {
  const { call, entry } = mustEntry(ctx)
  if (!entry.leg || entry.leg.extension !== ext.number) {
    throw new RestError(404, 'Call not found for this extension')
  }
  return { call, leg: entry.leg }
}

/** The `call_api_id` of `number`'s entry in `call` (empty when the phone is not in it). */
function idAt(ctx: RestCtx, call: SimCall, number: string): string {
  return phoneEntry(ctx.ids, call, number)?.id ?? ''
}

/** A parked call's id: the entry of the phone that parked it. */
function parkedId(ctx: RestCtx, call: SimCall): string {
  return ctx.ids.lastEntryId(call.id, call.heldBy ?? '')
}

export function getCall(ctx: RestCtx): Reply {
  const target = ctx.ids.mustTarget(param(ctx, 'ext'))
  const id = param(ctx, 'call')
  const found = callsOf(ctx.ids, ctx.pbx.calls.active(ctx.tenant), target).find(
    (c) => c.call_api_id === id,
  )
  if (!found) throw new RestError(404, 'Call not found')
  return ok(found)
}

export function updateCall(ctx: RestCtx): Reply {
  const ext = ctx.ids.mustPhone(param(ctx, 'ext'))
  const body = jsonBody(ctx)
  const action = typeof body.action === 'string' ? body.action : ''
  if (unsupported.includes(action)) throw new RestError(400, `Action ${action} is not supported`)
  if (!(actions as readonly string[]).includes(action)) {
    throw new RestError(400, `Invalid action: one of ${actions.join(', ')}`)
  }
  const tenant = ctx.tenant
  const calls = ctx.pbx.calls
  const done = (extra: Record<string, unknown> = {}): Reply =>
    ok({ call_api_id: param(ctx, 'call'), action, ...extra })
  if (action === 'pickup') return pickup(ctx, ext, done)
  const { call, leg } = ownCall(ctx, ext)
  switch (action) {
    case 'transfer': {
      const dest = ctx.ids.destination(body.send_dst, 'send_dst')
      const far = bridgedTo(call, leg)
      if (!far) throw new RestError(409, 'Call not answered')
      calls.blindTransfer(tenant, far.channel, dest)
      return done()
    }
    case 'attended_transfer': {
      const dest = ctx.ids.destination(body.send_dst, 'send_dst')
      if (call.phase !== 'up') throw new RestError(409, 'Call not answered')
      const consult = calls.attendedTransfer(tenant, leg.channel, dest)
      return done({ consult_call_api_id: idAt(ctx, consult, ext.number) })
    }
    case 'hold':
      calls.hold(tenant, call.id, ext.number)
      return done()
    case 'offhold': {
      // Resuming while a consultation is open cancels it (ending it resumes the call).
      const consult = calls.active(tenant).find((c) => c.consultFor === call.id)
      if (consult) calls.cancelTransfer(tenant, consult.id)
      else calls.resume(tenant, call.id)
      return done()
    }
    default: {
      const slot = calls.park(tenant, call.id, ext.number)
      return done({ slot: Number(slot) })
    }
  }
}

function pickup(
  ctx: RestCtx,
  ext: Extension,
  done: (extra?: Record<string, unknown>) => Reply,
): Reply {
  const { call } = mustEntry(ctx)
  if (call.phase === 'parked' && call.parkedSlot) {
    ctx.pbx.calls.pickupParked(ctx.tenant, call.parkedSlot, ext.number)
    return done()
  }
  if (call.phase !== 'ringing' || call.pendingDest) throw new RestError(409, 'Call not ringing')
  // The documented form names the phone that picks up in `send_dst` (the Current
  // Calls page); without it, the extension in the path picks up.
  const by = jsonBody(ctx).send_dst
  const phone = by === undefined ? ext.number : ctx.ids.destination(by, 'send_dst')
  if (!ctx.ids.data.extensions.has(phone))
    throw new RestError(400, 'Invalid send_dst: not a phone of this client')
  ctx.pbx.calls.answer(ctx.tenant, call.id, phone)
  return done()
}

/** Hangs up this phone's side: a ringing phone rejects, a talking one ends the call. */
export function hangupCall(ctx: RestCtx): Reply {
  const ext = ctx.ids.mustPhone(param(ctx, 'ext'))
  const { leg } = ownCall(ctx, ext)
  ctx.pbx.calls.hangupChannel(ctx.tenant, leg.channel)
  return noContent()
}

export function callback(ctx: RestCtx): Reply {
  ctx.ids.mustPhone(param(ctx, 'ext'))
  const body = jsonBody(ctx)
  const src = Array.isArray(body.src_num) ? (body.src_num as unknown[])[0] : body.src_num
  const source = ctx.ids.destination(src, 'src_num')
  if (!ctx.ids.data.extensions.has(source)) {
    throw new RestError(400, 'src_num must be an extension of this client')
  }
  const dest = ctx.ids.destination(body.dst_num, 'dst_num')
  const name = typeof body.caller_id_name === 'string' ? body.caller_id_name : undefined
  const call = ctx.pbx.calls.originate({
    tenant: ctx.tenant,
    source,
    dest,
    ...(name ? { sourceClid: name } : {}),
  })
  return created({ call_api_id: idAt(ctx, call, source), call_id: call.originateId ?? '' })
}

// --- valet park ---------------------------------------------------------------------

function slots(ctx: RestCtx): Record<string, unknown>[] {
  const parked = ctx.pbx.calls.parked(ctx.tenant)
  return ctx.pbx.parkSlots.map((slot) => {
    const call = parked.find((c) => c.parkedSlot === slot)
    return {
      slot: Number(slot),
      call_api_id: call ? parkedId(ctx, call) : null,
      caller_id_number: call?.a.party.number ?? '',
      caller_id_name: call?.a.party.name ?? '',
      parked_time_gmt: gmt(call?.parkedAt),
      parked_by_extension_id: call?.heldBy ? ctx.ids.phoneId(call.heldBy) || null : null,
    }
  })
}

function slotOf(ctx: RestCtx, raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined
  const slot = String(raw)
  if (!ctx.pbx.parkSlots.includes(slot)) throw new RestError(400, 'Invalid slot')
  return slot
}

export function valetPark(ctx: RestCtx): Reply {
  const ext = ctx.ids.mustPhone(param(ctx, 'ext'))
  const body = jsonBody(ctx)
  const action = body.action
  const wanted = slotOf(ctx, body.slot)
  const calls = ctx.pbx.calls
  if (action === 'slots') return ok(slots(ctx))
  if (action === 'bridge') {
    const byId = entryOf(ctx.ids, calls.parked(ctx.tenant), param(ctx, 'call'))?.call
    const slot = wanted ?? byId?.parkedSlot
    if (!slot) throw new RestError(404, 'Parked call not found')
    const call = calls.pickupParked(ctx.tenant, slot, ext.number)
    return ok({ call_api_id: idAt(ctx, call, ext.number), action, slot: Number(slot) })
  }
  if (action !== 'park') throw new RestError(400, 'Invalid action: one of park, bridge, slots')
  const { call } = ownCall(ctx, ext)
  if (wanted && calls.parked(ctx.tenant).some((c) => c.parkedSlot === wanted)) {
    throw new RestError(409, `Slot ${wanted} is busy`)
  }
  let slot = calls.park(ctx.tenant, call.id, ext.number)
  if (wanted && wanted !== slot) {
    // The engine parks in the first free slot; the API may name one, so move it there.
    call.parkedSlot = wanted
    call.a.exten = wanted
    slot = wanted
    calls.changed(call)
  }
  return ok({ call_api_id: parkedId(ctx, call), action, slot: Number(slot) })
}
