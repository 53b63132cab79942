/**
 * Calls: how they start, ring, get answered and end, with the CDR and the
 * ground-truth entry of each. `CallEngine` (call-engine.ts) adds hold, park
 * and transfers on top.
 */
import type { TimerId } from './clock'
import { deviceLeg, findLeg, trunkLeg } from './call-legs'
import * as moves from './call-moves'
import { cdrOf, truthOf } from './call-records'
import type { Disposition, Leg, Outcome, Party, SimCall } from './pbx-types'
import { PbxError } from './pbx-error'
import type { PbxState, TenantData } from './pbx-state'

export interface PlaceCallOptions {
  tenant: string
  /** An extension number (an internal caller) or an outside number. */
  from: Party
  /** An extension, a queue id or an outside number. */
  to: string
  recorded?: boolean
}

export interface OriginateOptions {
  tenant: string
  /** The extension whose phone rings first. */
  source: string
  dest: string
  /** What the source phone shows while it rings. */
  sourceClid?: string
  dialTimeoutSec?: number
  /** Longest the call may last once answered. */
  timeoutSec?: number
  recorded?: boolean
}

export { maxRecordingSec } from './call-records'

export class CallLifecycle {
  private readonly timers = new Map<string, TimerId[]>()

  constructor(protected readonly pbx: PbxState) {}

  // --- looking up -------------------------------------------------------------

  active(tenant: string): SimCall[] {
    return [...this.pbx.mustTenant(tenant).calls.values()]
  }

  get(tenant: string, callId: string): SimCall | undefined {
    return this.pbx.tenant(tenant)?.calls.get(callId)
  }

  must(tenant: string, callId: string): SimCall {
    const call = this.get(tenant, callId)
    if (!call) throw new PbxError('Call not found')
    return call
  }

  byChannel(tenant: string, channel: string): { call: SimCall; leg: Leg } | undefined {
    for (const call of this.active(tenant)) {
      const leg = findLeg(call, channel)
      if (leg) return { call, leg }
    }
    return undefined
  }

  // --- starting ---------------------------------------------------------------

  place(opts: PlaceCallOptions): SimCall {
    const data = this.pbx.mustTenant(opts.tenant)
    const fromExt = data.extensions.get(opts.from.number)
    const internalTarget = data.extensions.has(opts.to) || data.queues.has(opts.to)
    const direction = fromExt ? (internalTarget ? 'internal' : 'outbound') : 'inbound'
    const a = fromExt
      ? deviceLeg(this.pbx, fromExt, opts.to, 'Ring', 'Dial')
      : trunkLeg(this.pbx, opts.from, opts.to, 'Ring', 'Dial')
    const call = this.create(data, direction, a.party, opts.to, a, opts.recorded ?? false)
    this.route(call, opts.to)
    return call
  }

  /** DIAL: ring the source extension first; when it answers, dial `dest`. */
  originate(opts: OriginateOptions): SimCall {
    const data = this.pbx.mustTenant(opts.tenant)
    const ext = data.extensions.get(opts.source)
    if (!ext) throw new PbxError('Invalid source')
    const internalTarget = data.extensions.has(opts.dest) || data.queues.has(opts.dest)
    const a = deviceLeg(this.pbx, ext, ext.number, 'Ringing', 'AppDial')
    const direction = internalTarget ? 'internal' : 'outbound'
    const call = this.create(data, direction, a.party, opts.dest, a, opts.recorded ?? false, false)
    call.originateId = this.pbx.token(`originate:${this.pbx.nextId()}`, 14)
    call.pendingDest = opts.sourceClid
      ? { number: opts.dest, name: opts.sourceClid }
      : { number: opts.dest }
    const truth = this.pbx.truthOf(call.id)
    if (truth) truth.originateId = call.originateId
    if (opts.dialTimeoutSec) {
      this.schedule(call, opts.dialTimeoutSec * 1000, () => {
        if (call.phase === 'ringing') this.end(call, 'NO ANSWER', 'missed')
      })
    }
    if (opts.timeoutSec) {
      this.schedule(call, opts.timeoutSec * 1000, () => this.end(call, 'NO ANSWER', 'missed'))
    }
    this.pbx.emit({ tenant: opts.tenant, type: 'originate', call, viaApi: this.pbx.viaApi })
    this.pbx.emit({ tenant: opts.tenant, type: 'call', call })
    return call
  }

  private create(
    data: TenantData,
    direction: SimCall['direction'],
    from: Party,
    to: string,
    a: Leg,
    recorded: boolean,
    announce = true,
  ): SimCall {
    const now = this.pbx.clock.now()
    const call: SimCall = {
      id: a.uniqueId,
      tenant: data.tenant.code,
      direction,
      from: { ...from },
      to,
      phase: 'ringing',
      a,
      ringing: [],
      startedAt: now,
      declined: new Set(),
      recorded,
      sourceChannel: a.channel,
    }
    data.calls.set(call.id, call)
    this.pbx.recordTruth(truthOf(call))
    if (announce) this.changed(call)
    return call
  }

  /** Sends the caller side of `call` towards `dest`: an extension, a queue or a trunk. */
  route(call: SimCall, dest: string): void {
    const data = this.pbx.mustTenant(call.tenant)
    const queue = data.queues.get(dest)
    const ext = data.extensions.get(dest)
    call.b = undefined
    call.ringing = []
    call.a.exten = dest
    if (queue) {
      call.queueId = queue.id
      // Asterisk's Queue() answers the caller, who then hears music until an agent picks up.
      call.a.state = 'Up'
      call.a.app = 'Queue'
      this.setPhase(call, 'ringing')
      const truth = this.pbx.truthOf(call.id)
      if (truth) truth.queue = queue.id
      this.pbx.queues.dispatch(call.tenant)
      return
    }
    call.a.app = 'Dial'
    if (ext?.dnd) return this.end(call, 'BUSY', 'busy')
    if (ext && !ext.registered) return this.end(call, 'FAILED', 'failed')
    const leg = ext
      ? deviceLeg(this.pbx, ext, dest, 'Ringing', 'AppDial')
      : trunkLeg(this.pbx, { number: dest }, dest, 'Ringing', 'AppDial')
    call.ringing = [leg]
    call.dstChannel = leg.channel
    this.setPhase(call, 'ringing')
  }

  /** Adds a ringing device (a queue agent); used by the queue service. */
  ringDevice(call: SimCall, number: string, exten: string): void {
    const ext = this.pbx.extension(call.tenant, number)
    if (!ext) return
    const leg = deviceLeg(this.pbx, ext, exten, 'Ringing', 'AppDial')
    call.ringing.push(leg)
    call.dstChannel ??= leg.channel
    this.changed(call)
  }

  // --- answering and ending ----------------------------------------------------

  /**
   * Answers a ringing call: by `byExtension` when given (a ringing device, or a
   * directed pickup from any other phone), else by the first device ringing.
   */
  answer(tenant: string, callId: string, byExtension?: string): SimCall {
    const call = this.must(tenant, callId)
    if (call.pendingDest) {
      const dest = call.pendingDest
      call.pendingDest = undefined
      call.a.state = 'Up'
      call.a.app = 'Dial'
      this.route(call, dest.number)
      return call
    }
    if (call.phase !== 'ringing') throw new PbxError('Call not ringing')
    let leg = byExtension ? call.ringing.find((l) => l.extension === byExtension) : call.ringing[0]
    if (!leg && byExtension) {
      const ext = this.pbx.extension(tenant, byExtension)
      if (!ext) throw new PbxError('Extension not found')
      leg = deviceLeg(this.pbx, ext, call.to, 'Up', 'AppDial')
    }
    if (!leg) throw new PbxError('Nobody is ringing')
    call.ringing = []
    leg.state = 'Up'
    call.b = leg
    call.dstChannel = leg.channel
    call.a.state = 'Up'
    call.answeredAt ??= this.pbx.clock.now()
    const truth = this.pbx.truthOf(call.id)
    if (truth) {
      truth.answeredBy = leg.extension ?? leg.party.number
      truth.answeredAt ??= call.answeredAt
    }
    if (call.queueId && leg.extension && call.a.app === 'Queue') {
      this.pbx.queues.noteAnswered(tenant, call.queueId, leg.extension)
    }
    this.setPhase(call, 'up')
    this.pbx.queues.dispatch(tenant)
    return call
  }

  /** A ringing device refuses the call (or the API hangs up a ringing channel). */
  reject(tenant: string, callId: string, channel: string): void {
    const call = this.must(tenant, callId)
    const leg = call.ringing.find((l) => l.channel === channel)
    if (!leg) throw new PbxError('Channel not found')
    call.ringing = call.ringing.filter((l) => l !== leg)
    if (leg.extension) call.declined.add(leg.extension)
    if (call.a.app === 'Queue') {
      this.changed(call)
      this.pbx.queues.dispatch(tenant)
      return
    }
    if (call.ringing.length === 0) this.end(call, 'NO ANSWER', 'missed')
    else this.changed(call)
  }

  /** HANGUP on one channel: what that does depends on where the channel is. */
  hangupChannel(tenant: string, channel: string): void {
    const found = this.byChannel(tenant, channel)
    if (!found) throw new PbxError('Channel not found')
    const { call, leg } = found
    if (call.ringing.includes(leg)) return this.reject(tenant, call.id, leg.channel)
    if (call.consultFor && leg === call.a && call.phase === 'up') {
      return moves.completeTransfer(this.pbx, tenant, call.id)
    }
    this.end(call, 'NO ANSWER', 'missed')
  }

  /** Ends the whole call (the caller gives up, or either side hangs up). */
  hangup(tenant: string, callId: string): void {
    this.end(this.must(tenant, callId), 'NO ANSWER', 'missed')
  }

  busy(tenant: string, callId: string): void {
    this.end(this.must(tenant, callId), 'BUSY', 'busy')
  }

  /** The caller leaves a message: the call ends unanswered and the mailbox fills. */
  toVoicemail(tenant: string, callId: string, durationSec: number, mailbox?: string): void {
    const call = this.must(tenant, callId)
    const box = mailbox ?? call.ringing.find((l) => l.extension)?.extension ?? call.to
    this.pbx.voicemail.leave(tenant, box, call.from, durationSec)
    this.end(call, 'NO ANSWER', 'voicemail')
  }

  end(call: SimCall, disposition: Disposition, outcome: Outcome): void {
    if (call.phase === 'ended') return
    for (const id of this.timers.get(call.id) ?? []) this.pbx.clock.clearTimeout(id)
    this.timers.delete(call.id)
    const now = this.pbx.clock.now()
    const data = this.pbx.mustTenant(call.tenant)
    data.calls.delete(call.id)
    call.ringing = []
    call.disposition = call.answeredAt !== undefined ? 'ANSWERED' : disposition
    call.endedAt = now
    this.setPhase(call, 'ended', false)
    data.cdrs.push(cdrOf(call))
    const truth = this.pbx.truthOf(call.id)
    if (truth) {
      truth.outcome = call.answeredAt !== undefined ? 'answered' : outcome
      truth.endedAt = now
    }
    for (const other of data.calls.values()) {
      if (other.consultFor === call.id) other.consultFor = undefined
    }
    if (call.consultFor) {
      const original = data.calls.get(call.consultFor)
      if (original?.phase === 'held') moves.resume(this.pbx, call.tenant, original.id)
    }
    this.pbx.emit({ tenant: call.tenant, type: 'call-ended', call })
    this.pbx.queues.dispatch(call.tenant)
  }

  // --- bookkeeping ----------------------------------------------------------------

  setPhase(call: SimCall, phase: SimCall['phase'], announce = true): void {
    call.phase = phase
    const truth = this.pbx.truthOf(call.id)
    const last = truth?.phases[truth.phases.length - 1]
    if (truth && last?.phase !== phase) truth.phases.push({ phase, at: this.pbx.clock.now() })
    if (announce) this.changed(call)
  }

  changed(call: SimCall): void {
    this.pbx.emit({ tenant: call.tenant, type: 'call', call })
  }

  schedule(call: SimCall, ms: number, fn: () => void): void {
    const id = this.pbx.clock.setTimeout(fn, ms)
    this.timers.set(call.id, [...(this.timers.get(call.id) ?? []), id])
  }
}
