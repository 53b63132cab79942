/**
 * The call service every face uses: the life cycle (call-lifecycle.ts), plus
 * what an agent does to a call already up (call-moves.ts) and the lamps.
 */
import { legsOf } from './call-legs'
import { CallLifecycle } from './call-lifecycle'
import * as moves from './call-moves'
import type { SimCall } from './pbx-types'

export { maxRecordingSec, type OriginateOptions, type PlaceCallOptions } from './call-lifecycle'

export class CallEngine extends CallLifecycle {
  byOriginateId(tenant: string, originateId: string): SimCall | undefined {
    return this.active(tenant).find((c) => c.originateId === originateId)
  }

  /** The BLF state of an extension, as BLFS reports it. */
  deviceState(tenant: string, number: string): string {
    const ext = this.pbx.extension(tenant, number)
    if (!ext) return 'INVALID'
    if (!ext.registered) return 'UNAVAILABLE'
    let up = false
    let ringing = false
    let held = false
    for (const call of this.active(tenant)) {
      if (call.phase === 'held' && call.heldBy === number) held = true
      for (const leg of legsOf(call)) {
        if (leg.extension !== number) continue
        if (leg.state === 'Ringing') ringing = true
        else up = true
      }
    }
    if (held && !ringing) return 'ONHOLD'
    if (up && ringing) return 'RINGINUSE'
    if (up) return 'INUSE'
    if (ringing) return 'RINGING'
    return ext.dnd ? 'DND' : 'NOT_INUSE'
  }

  /** Extensions with any channel now (ringing or talking). */
  busyExtensions(tenant: string): Set<string> {
    const busy = new Set<string>()
    for (const call of this.active(tenant)) {
      for (const leg of legsOf(call)) if (leg.extension) busy.add(leg.extension)
    }
    return busy
  }

  // --- moves (call-moves.ts) ----------------------------------------------------------

  blindTransfer(tenant: string, channel: string, dest: string): SimCall {
    return moves.blindTransfer(this.pbx, tenant, channel, dest)
  }

  attendedTransfer(tenant: string, channel: string, dest: string): SimCall {
    return moves.attendedTransfer(this.pbx, tenant, channel, dest)
  }

  completeTransfer(tenant: string, consultId: string): void {
    moves.completeTransfer(this.pbx, tenant, consultId)
  }

  cancelTransfer(tenant: string, consultId: string): void {
    moves.cancelTransfer(this.pbx, tenant, consultId)
  }

  hold(tenant: string, callId: string, byExtension?: string): void {
    moves.hold(this.pbx, tenant, callId, byExtension)
  }

  resume(tenant: string, callId: string): void {
    moves.resume(this.pbx, tenant, callId)
  }

  park(tenant: string, callId: string, byExtension?: string): string {
    return moves.park(this.pbx, tenant, callId, byExtension)
  }

  pickupParked(tenant: string, slot: string, extension: string): SimCall {
    return moves.pickupParked(this.pbx, tenant, slot, extension)
  }

  parked(tenant: string): SimCall[] {
    return this.active(tenant).filter((c) => c.phase === 'parked')
  }
}
