/**
 * What an agent does to a call already up: hold, park, blind and attended
 * transfer. The call keeps its linked id through all of them, as in Asterisk.
 */
import { bridgedTo, deviceLeg } from './call-legs'
import type { Leg, SimCall } from './pbx-types'
import { PbxError } from './pbx-error'
import type { PbxState } from './pbx-state'

function found(pbx: PbxState, tenant: string, channel: string): { call: SimCall; leg: Leg } {
  const hit = pbx.calls.byChannel(tenant, channel)
  if (!hit) throw new PbxError('Channel not found')
  return hit
}

function note(pbx: PbxState, call: SimCall, kind: 'blind' | 'attended', to: string): void {
  pbx.truthOf(call.id)?.transfers.push({ kind, to, at: pbx.clock.now() })
}

/**
 * TRANSFER: `channel` is the channel that moves to `dest` (the far party, as
 * with Asterisk's Redirect); the leg bridged to it hangs up.
 */
export function blindTransfer(
  pbx: PbxState,
  tenant: string,
  channel: string,
  dest: string,
): SimCall {
  const { call, leg } = found(pbx, tenant, channel)
  if (call.ringing.includes(leg) || call.pendingDest) throw new PbxError('Channel not up')
  if (call.phase === 'ringing' && leg !== call.a) throw new PbxError('Channel not up')
  if (call.phase === 'up' || call.phase === 'held') {
    if (!bridgedTo(call, leg)) throw new PbxError('Channel not bridged')
    call.a = leg
  }
  call.heldBy = undefined
  call.heldApp = undefined
  call.parkedSlot = undefined
  note(pbx, call, 'blind', dest)
  pbx.calls.route(call, dest)
  pbx.emit({ tenant, type: 'transfer', call, kind: 'blind', viaApi: pbx.viaApi })
  return call
}

/**
 * ATXTRANSFER: `channel` is the transferring agent's own channel. The far party
 * is held and a consultation call rings `dest`; hanging up the agent's leg of
 * the consultation once it is answered completes the transfer.
 */
export function attendedTransfer(
  pbx: PbxState,
  tenant: string,
  channel: string,
  dest: string,
): SimCall {
  const { call, leg } = found(pbx, tenant, channel)
  if (call.phase !== 'up' || !bridgedTo(call, leg)) throw new PbxError('Channel not bridged')
  if (!leg.extension) throw new PbxError('Channel is not an extension')
  hold(pbx, tenant, call.id, leg.extension)
  const consult = pbx.calls.place({ tenant, from: { number: leg.extension }, to: dest })
  if (consult.phase === 'ended') {
    resume(pbx, tenant, call.id)
  } else {
    consult.consultFor = call.id
    pbx.emit({ tenant, type: 'transfer', call, kind: 'attended', consult, viaApi: pbx.viaApi })
  }
  return consult
}

export function completeTransfer(pbx: PbxState, tenant: string, consultId: string): void {
  const consult = pbx.calls.must(tenant, consultId)
  const original = consult.consultFor ? pbx.calls.get(tenant, consult.consultFor) : undefined
  if (!original || !consult.b || consult.phase !== 'up') throw new PbxError('Transfer not ready')
  const transferer = consult.a.extension
  const remote = original.a.extension === transferer && original.b ? original.b : original.a
  const target = consult.b
  consult.b = undefined
  consult.consultFor = undefined
  original.a = remote
  remote.app = original.heldApp && original.heldApp !== 'MusicOnHold' ? original.heldApp : 'Dial'
  original.b = target
  original.dstChannel = target.channel
  original.heldBy = undefined
  original.heldApp = undefined
  const truth = pbx.truthOf(original.id)
  if (truth) truth.answeredBy = target.extension ?? target.party.number
  note(pbx, original, 'attended', consult.to)
  pbx.calls.setPhase(original, 'up')
  pbx.calls.end(consult, 'ANSWERED', 'answered')
}

export function cancelTransfer(pbx: PbxState, tenant: string, consultId: string): void {
  const consult = pbx.calls.must(tenant, consultId)
  // Ending the consultation resumes the held original (see CallEngine.end).
  pbx.calls.end(consult, 'NO ANSWER', 'missed')
}

/** The device leg of `byExtension` in the call, or else the answering side. */
function sides(call: SimCall, byExtension?: string): { own: Leg; far: Leg } {
  if (!call.b) throw new PbxError('Call not up')
  if (byExtension !== undefined && call.a.extension === byExtension)
    return { own: call.a, far: call.b }
  if (byExtension !== undefined && call.b.extension !== byExtension) {
    throw new PbxError('Extension not in call')
  }
  return { own: call.b, far: call.a }
}

export function hold(pbx: PbxState, tenant: string, callId: string, byExtension?: string): void {
  const call = pbx.calls.must(tenant, callId)
  if (call.phase !== 'up') throw new PbxError('Call not up')
  const { own, far } = sides(call, byExtension)
  call.heldBy = own.extension ?? own.party.number
  call.heldApp = far.app
  far.app = 'MusicOnHold'
  pbx.calls.setPhase(call, 'held')
}

export function resume(pbx: PbxState, tenant: string, callId: string): void {
  const call = pbx.calls.must(tenant, callId)
  if (call.phase !== 'held') throw new PbxError('Call not on hold')
  const far = call.heldBy === call.a.extension ? call.b : call.a
  if (far) far.app = call.heldApp ?? 'Dial'
  call.heldBy = undefined
  call.heldApp = undefined
  pbx.calls.setPhase(call, 'up')
}

/** Parks the far party in the first free slot (701…) and frees the agent. */
export function park(pbx: PbxState, tenant: string, callId: string, byExtension?: string): string {
  const call = pbx.calls.must(tenant, callId)
  if (call.phase !== 'up' && call.phase !== 'held') throw new PbxError('Call not up')
  if (call.phase === 'held') resume(pbx, tenant, callId)
  const { own, far } = sides(call, byExtension)
  const used = new Set(pbx.calls.parked(tenant).map((c) => c.parkedSlot))
  const slot = pbx.parkSlots.find((s) => !used.has(s))
  if (!slot) throw new PbxError('No free parking slot')
  call.a = far
  call.b = undefined
  far.app = 'Park'
  far.exten = slot
  call.heldBy = own.extension ?? own.party.number
  call.parkedSlot = slot
  call.parkedAt = pbx.clock.now()
  pbx.calls.setPhase(call, 'parked')
  return slot
}

export function pickupParked(
  pbx: PbxState,
  tenant: string,
  slot: string,
  extension: string,
): SimCall {
  const call = pbx.calls.parked(tenant).find((c) => c.parkedSlot === slot)
  if (!call) throw new PbxError('Parked call not found')
  const ext = pbx.extension(tenant, extension)
  if (!ext) throw new PbxError('Extension not found')
  const leg = deviceLeg(pbx, ext, slot, 'Up', 'AppDial')
  call.a.app = 'Dial'
  call.b = leg
  call.dstChannel = leg.channel
  call.parkedSlot = undefined
  call.parkedAt = undefined
  call.heldBy = undefined
  const truth = pbx.truthOf(call.id)
  if (truth) truth.answeredBy = extension
  pbx.calls.setPhase(call, 'up')
  return call
}
