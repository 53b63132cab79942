/**
 * Calls on the simulation clock, as the living office makes them: "Alice calls
 * 201, it rings 4 s, 201 talks 30 s". Only the steps the office needs (answer,
 * hang up, voicemail, busy) are played here; the scripted scenarios tests write
 * (transfers, parking, holds…) are in scenario.ts, which the app never loads.
 */
import type { Clock } from './clock'
import type { SimCall, TruthEntry } from './pbx-types'
import { PbxError } from './pbx-error'
import type { PbxState } from './pbx-state'
import type { InboundCallOptions, PlacedCallOptions, Step } from './scenario'

export class CallScript {
  constructor(
    readonly pbx: PbxState,
    readonly defaultTenant = 'DEMO',
  ) {}

  protected get clock(): Clock {
    return this.pbx.clock
  }

  /** Runs `fn` `ms` from now on the simulation clock. */
  at(ms: number, fn: () => void): void {
    this.clock.setTimeout(fn, ms)
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
    this.played(call)
    for (const step of steps) this.at(step.at, () => this.run(tenant, call, step))
    return call
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

  /** A call this script drives (the scenario remembers it). */
  protected played(_call: SimCall): void {}

  /** A step that could not run (the call had already ended, say): the office lets it go. */
  protected skip(_call: SimCall, _step: Step, _reason: string): void {}

  protected run(tenant: string, call: SimCall, step: Step): void {
    try {
      this.apply(tenant, call, step)
    } catch (e) {
      if (!(e instanceof PbxError)) throw e
      this.skip(call, step, e.message)
    }
  }

  protected apply(tenant: string, call: SimCall, step: Step): void {
    const calls = this.pbx.calls
    if (call.phase === 'ended') throw new PbxError('Call already ended')
    switch (step.do) {
      case 'answer':
        calls.answer(tenant, call.id, step.by)
        return
      case 'hangup':
        calls.hangup(tenant, call.id)
        return
      case 'voicemail':
        calls.toVoicemail(tenant, call.id, step.seconds ?? 8, step.mailbox)
        return
      case 'busy':
        calls.busy(tenant, call.id)
        return
      default:
        throw new PbxError(`the office plays no '${step.do}' step`)
    }
  }
}
