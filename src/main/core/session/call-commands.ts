/**
 * The call actions a session offers, and the one place that finds the call or
 * parked call an action names. Each calls the provider through the session's
 * `command` (which counts the requests and polls calls, and the kinds it names,
 * right after, to confirm) and fails with a typed error when the target is gone.
 * It also keeps the attended transfers' bookkeeping (calls/consultations.ts): the
 * session marks consultations with it in every calls poll and snapshot.
 */
import { need } from '../../providers/facets'
import { AppError } from '../../../shared/result'
import type { Call, ParkedCall } from '../../../shared/model'
import type { DialOptions, PbxProvider } from '../../providers/provider'
import { Consultations } from '../calls/consultations'
import type { PollKind } from './poll-plan'
import type { Latest } from './polls'

export interface CallCommandDeps {
  /** The session's gateway for changes; `confirm`: what to poll at once besides calls. */
  command<T>(fn: (provider: PbxProvider) => Promise<T>, confirm?: PollKind[]): Promise<T>
  /** The agent's own calls as the tracker knows them. */
  tracked(): readonly Call[]
  /** The latest lists the polls fetched. */
  latest: Readonly<Latest>
  now(): number
}

export class CallCommands {
  readonly consultations = new Consultations()

  constructor(private readonly deps: CallCommandDeps) {}

  async dial(number: string, options?: DialOptions): Promise<{ callId?: string }> {
    return this.deps.command((p) => need(p, 'dial')(number, options))
  }

  async hangup(callId: string): Promise<void> {
    return this.onCall(callId, (p, call) => need(p, 'hangup')(call))
  }

  async transfer(callId: string, destination: string): Promise<void> {
    return this.onCall(callId, (p, call) => need(p, 'transfer')(call, destination))
  }

  /** Start an attended transfer; the consultation call is marked when it shows. */
  async attendedTransfer(callId: string, destination: string): Promise<void> {
    const call = this.findCall(callId)
    this.consultations.started(callId, destination, this.deps.now())
    try {
      await this.deps.command((p) => need(p, 'attendedTransfer')(call, destination))
    } catch (error) {
      this.consultations.forget(callId)
      throw error
    }
  }

  /** Abandon the attended transfer whose consultation is `consultId`. */
  async cancelTransfer(consultId: string): Promise<void> {
    const consultation = this.deps.latest.mine.find((call) => call.id === consultId)
    if (!consultation?.consultFor) {
      throw new AppError('not_found', 'That call is not a transfer in progress.', undefined, {
        code: 'call.no_transfer',
      })
    }
    const original = this.findCall(consultation.consultFor)
    return this.deps.command((p) => need(p, 'cancelAttendedTransfer')(consultation, original))
  }

  async hold(callId: string): Promise<void> {
    return this.onCall(callId, (p, call) => need(p, 'hold')(call))
  }

  async resume(callId: string): Promise<void> {
    return this.onCall(callId, (p, call) => need(p, 'resume')(call))
  }

  async park(callId: string): Promise<void> {
    return this.onCall(callId, (p, call) => need(p, 'park')(call), ['parked'])
  }

  /** Pick up a call ringing elsewhere, or a parked call, by its id. */
  async pickup(id: string): Promise<void> {
    const target = this.findParked(id) ?? this.findCall(id)
    return this.deps.command((p) => need(p, 'pickup')(target), ['parked'])
  }

  /** End a call waiting in a park slot, by its id on the parked list. */
  async hangupParked(id: string): Promise<void> {
    const parked = this.findParked(id)
    if (!parked) {
      throw new AppError('not_found', 'That call is no longer parked.', undefined, {
        code: 'parked.gone',
      })
    }
    return this.deps.command((p) => need(p, 'hangupParked')(parked), ['parked'])
  }

  /** Pick up whatever rings at a colleague's extension. */
  async pickupAt(extension: string): Promise<void> {
    return this.deps.command((p) => need(p, 'pickupAt')(extension))
  }

  async pauseQueue(queueId: string, reason?: string): Promise<void> {
    // A reason goes only to a PBX that keeps it (capability `queue_pause_reason`).
    return this.deps.command(
      (p) =>
        reason && p.pauseQueueWithReason
          ? p.pauseQueueWithReason(queueId, reason)
          : need(p, 'pauseQueue')(queueId, reason),
      ['queues'],
    )
  }

  async resumeQueue(queueId: string): Promise<void> {
    return this.deps.command((p) => need(p, 'resumeQueue')(queueId), ['queues'])
  }

  /** The agent's call first, then any call the provider listed (a colleague's, to pick up). */
  findCall(callId: string): Call {
    const mine = this.deps.tracked().find((call) => call.id === callId)
    const any = mine ?? this.deps.latest.calls.find((call) => call.id === callId)
    if (!any) {
      throw new AppError('not_found', 'That call has ended or is not on this account.', undefined, {
        code: 'call.ended',
      })
    }
    return any
  }

  findParked(id: string): ParkedCall | undefined {
    return this.deps.latest.parked.find((parked) => parked.id === id)
  }

  private async onCall(
    callId: string,
    fn: (provider: PbxProvider, call: Call) => Promise<void>,
    confirm?: PollKind[],
  ): Promise<void> {
    const call = this.findCall(callId)
    return this.deps.command((p) => fn(p, call), confirm)
  }
}
