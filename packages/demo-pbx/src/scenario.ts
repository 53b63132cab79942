/**
 * Scripted timelines on the simulation clock: a test says "Alice calls 201,
 * it rings 4 s, 201 talks 30 s, then transfers to 202" and the PBX does exactly
 * that. Every step's `at` is milliseconds after the call starts. Testing entry
 * only: the app's office plays its simple calls through call-script.ts.
 */
import { bridgedTo, legsOf } from './call-legs'
import { CallScript } from './call-script'
import type { SimCall } from './pbx-types'
import { PbxError } from './pbx-error'

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

export class Scenario extends CallScript {
  /** Steps that could not run (the call had already ended, say), for debugging a test. */
  readonly skipped: { callId: string; step: Step; reason: string }[] = []
  private readonly consults = new Map<string, string>()
  private readonly scripted = new Set<string>()

  /** Whether a scenario (rather than the app or the autopilot) drives this call. */
  isScripted(callId: string): boolean {
    return this.scripted.has(callId)
  }

  /**
   * Plays `steps` on a call something else started, from now: a call the app dialled
   * through the API, whose source phone must be answered before the far end rings.
   */
  script(call: SimCall, steps: readonly Step[]): void {
    this.played(call)
    for (const step of steps) this.at(step.at, () => this.run(call.tenant, call, step))
  }

  protected override played(call: SimCall): void {
    this.scripted.add(call.id)
  }

  protected override skip(call: SimCall, step: Step, reason: string): void {
    this.skipped.push({ callId: call.id, step, reason })
  }

  protected override apply(tenant: string, call: SimCall, step: Step): void {
    const calls = this.pbx.calls
    if (call.phase === 'ended') throw new PbxError('Call already ended')
    switch (step.do) {
      case 'reject': {
        const leg = call.ringing.find((l) => l.extension === step.by)
        if (!leg) throw new PbxError(`${step.by} is not ringing`)
        calls.reject(tenant, call.id, leg.channel)
        return
      }
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
      default:
        super.apply(tenant, call, step)
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
