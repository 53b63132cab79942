/**
 * Scripted timelines on the simulation clock: a test says "Alice calls 201,
 * it rings 4 s, 201 talks 30 s" and the PBX does exactly that. Every step's
 * `at` is milliseconds after the call starts.
 */
import type { Clock } from './clock'
import { bridgedTo, legsOf } from './call-legs'
import type { SimCall, TruthEntry } from './pbx-types'
import { PbxError } from './pbx-error'
import type { PbxState } from './pbx-state'

export type Step =
  | { do: 'answer'; at: number; by?: string }
  | { do: 'reject'; at: number; by: string }
  | { do: 'hangup'; at: number }
  | { do: 'voicemail'; at: number; seconds?: number; mailbox?: string }
  | { do: 'busy'; at: number }
  | { do: 'hold'; at: number; by?: string }
  | { do: 'resume'; at: number }
  | { do: 'park'; at: number; by?: string }
  | { do: 'pickup'; at: number; by: string }
  /** Blind: the far party of `by` (default: the answering side) is sent to `to`. */
  | { do: 'transfer'; at: number; to: string; by?: string }
  | { do: 'attended-transfer'; at: number; to: string; by?: string }
  | { do: 'answer-consult'; at: number }
  | { do: 'complete-transfer'; at: number }
  | { do: 'cancel-transfer'; at: number }

export type SimpleOutcome = 'answered' | 'missed' | 'voicemail' | 'busy'

export interface InboundCallOptions {
  tenant?: string
  from: string
  fromName?: string
  /** An extension; or give `queue`. */
  to?: string
  queue?: string
  ringMs?: number
  /** Who picks up (default: the extension dialled, or the first agent ringing). */
  answeredBy?: string
  talkMs?: number
  outcome?: SimpleOutcome
  voicemailSec?: number
  recorded?: boolean
}

export interface PlacedCallOptions {
  tenant?: string
  /** The calling extension. */
  from: string
  to: string
  ringMs?: number
  talkMs?: number
  outcome?: Exclude<SimpleOutcome, 'voicemail'>
  recorded?: boolean
}

export class Scenario {
  /** Steps that could not run (the call had already ended, say), for debugging a test. */
  readonly skipped: { callId: string; step: Step; reason: string }[] = []
  private readonly consults = new Map<string, string>()
  private readonly scripted = new Set<string>()

  constructor(
    readonly pbx: PbxState,
    readonly defaultTenant = 'DEMO',
  ) {}

  private get clock(): Clock {
    return this.pbx.clock
  }

  /** Runs `fn` `ms` from now on the simulation clock. */
  at(ms: number, fn: () => void): void {
    this.clock.setTimeout(fn, ms)
  }

  /** Whether a scenario (rather than the app or the autopilot) drives this call. */
  isScripted(callId: string): boolean {
    return this.scripted.has(callId)
  }

  /** Starts a call now and plays `steps` on it. */
  call(
    opts: { tenant?: string; from: string; fromName?: string; to: string; recorded?: boolean },
    steps: readonly Step[],
  ): SimCall {
    const tenant = opts.tenant ?? this.defaultTenant
    const from = opts.fromName ? { number: opts.from, name: opts.fromName } : { number: opts.from }
    const call = this.pbx.calls.place({
      tenant,
      from,
      to: opts.to,
      recorded: opts.recorded ?? false,
    })
    this.scripted.add(call.id)
    for (const step of steps) this.at(step.at, () => this.run(tenant, call, step))
    return call
  }

  /**
   * Plays `steps` on a call something else started, from now: a call the app dialled
   * through the API, whose source phone must be answered before the far end rings.
   */
  script(call: SimCall, steps: readonly Step[]): void {
    this.scripted.add(call.id)
    for (const step of steps) this.at(step.at, () => this.run(call.tenant, call, step))
  }

  inboundCall(opts: InboundCallOptions): SimCall {
    const to = opts.queue ?? opts.to
    if (!to) throw new PbxError('inboundCall needs `to` or `queue`')
    const ring = opts.ringMs ?? 4000
    const talk = opts.talkMs ?? 30_000
    const outcome = opts.outcome ?? 'answered'
    const steps: Step[] =
      outcome === 'answered'
        ? [
            { do: 'answer', at: ring, ...(opts.answeredBy ? { by: opts.answeredBy } : {}) },
            { do: 'hangup', at: ring + talk },
          ]
        : outcome === 'missed'
          ? [{ do: 'hangup', at: ring }]
          : outcome === 'voicemail'
            ? [{ do: 'voicemail', at: ring, seconds: opts.voicemailSec ?? 8 }]
            : [{ do: 'busy', at: 0 }]
    return this.call({ ...opts, to }, steps)
  }

  /** A call dialled on a desk phone (not through the API). */
  placedCall(opts: PlacedCallOptions): SimCall {
    const ring = opts.ringMs ?? 5000
    const talk = opts.talkMs ?? 45_000
    const outcome = opts.outcome ?? 'answered'
    const steps: Step[] =
      outcome === 'answered'
        ? [
            { do: 'answer', at: ring },
            { do: 'hangup', at: ring + talk },
          ]
        : outcome === 'missed'
          ? [{ do: 'hangup', at: ring }]
          : [{ do: 'busy', at: 0 }]
    return this.call(opts, steps)
  }

  /** The ground truth: every call the simulator made. */
  truth(): readonly TruthEntry[] {
    return this.pbx.truth()
  }

  private run(tenant: string, call: SimCall, step: Step): void {
    try {
      this.apply(tenant, call, step)
    } catch (e) {
      if (!(e instanceof PbxError)) throw e
      this.skipped.push({ callId: call.id, step, reason: e.message })
    }
  }

  private apply(tenant: string, call: SimCall, step: Step): void {
    const calls = this.pbx.calls
    if (call.phase === 'ended') throw new PbxError('Call already ended')
    switch (step.do) {
      case 'answer':
        calls.answer(tenant, call.id, step.by)
        return
      case 'reject': {
        const leg = call.ringing.find((l) => l.extension === step.by)
        if (!leg) throw new PbxError(`${step.by} is not ringing`)
        calls.reject(tenant, call.id, leg.channel)
        return
      }
      case 'hangup':
        calls.hangup(tenant, call.id)
        return
      case 'voicemail':
        calls.toVoicemail(tenant, call.id, step.seconds ?? 8, step.mailbox)
        return
      case 'busy':
        calls.busy(tenant, call.id)
        return
      case 'hold':
        calls.hold(tenant, call.id, step.by)
        return
      case 'resume':
        calls.resume(tenant, call.id)
        return
      case 'park':
        calls.park(tenant, call.id, step.by)
        return
      case 'pickup': {
        if (!call.parkedSlot) throw new PbxError('Call not parked')
        calls.pickupParked(tenant, call.parkedSlot, step.by)
        return
      }
      case 'transfer': {
        const own = this.ownLeg(call, step.by)
        const far = bridgedTo(call, own)
        if (!far) throw new PbxError('Call not bridged')
        calls.blindTransfer(tenant, far.channel, step.to)
        return
      }
      case 'attended-transfer': {
        const consult = calls.attendedTransfer(tenant, this.ownLeg(call, step.by).channel, step.to)
        this.consults.set(call.id, consult.id)
        this.scripted.add(consult.id)
        return
      }
      case 'answer-consult':
        calls.answer(tenant, this.consultOf(call))
        return
      case 'complete-transfer':
        calls.completeTransfer(tenant, this.consultOf(call))
        return
      case 'cancel-transfer':
        calls.cancelTransfer(tenant, this.consultOf(call))
        return
    }
  }

  private ownLeg(call: SimCall, by: string | undefined): NonNullable<SimCall['b']> {
    if (by === undefined) {
      if (!call.b) throw new PbxError('Call not up')
      return call.b
    }
    const leg = legsOf(call).find((l) => l.extension === by)
    if (!leg) throw new PbxError(`${by} is not in the call`)
    return leg
  }

  private consultOf(call: SimCall): string {
    const id = this.consults.get(call.id)
    if (!id) throw new PbxError('No consultation call')
    return id
  }
}
