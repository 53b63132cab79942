/**
 * The call-control actions a session offers. Each finds its target in the latest
 * snapshot, calls the provider through `command` (which counts the requests and polls
 * calls, and the kinds it names, right after, to confirm), and fails with a typed error otherwise.
 */
import { need } from '../../providers/facets'
import { AppError } from '../../../shared/result'
import type { Call, ParkedCall } from '../../../shared/model'
import type { DialOptions, PbxProvider } from '../../providers/provider'
import type { PollKind } from './poll-plan'

export abstract class SessionActions {
  constructor(protected readonly provider: PbxProvider) {}

  /** `confirm`: what to poll at once afterwards besides calls. */
  abstract command<T>(fn: (provider: PbxProvider) => Promise<T>, confirm?: PollKind[]): Promise<T>
  protected abstract findCall(callId: string): Call
  protected abstract findParked(id: string): ParkedCall | undefined

  async dial(number: string, options?: DialOptions): Promise<{ callId?: string }> {
    return this.command((p) => need(p, 'dial')(number, options))
  }

  async hangup(callId: string): Promise<void> {
    const call = this.findCall(callId)
    return this.command((p) => need(p, 'hangup')(call))
  }

  async transfer(callId: string, destination: string): Promise<void> {
    const call = this.findCall(callId)
    return this.command((p) => need(p, 'transfer')(call, destination))
  }

  async attendedTransfer(callId: string, destination: string): Promise<void> {
    const call = this.findCall(callId)
    return this.command((p) => need(p, 'attendedTransfer')(call, destination))
  }

  async hold(callId: string): Promise<void> {
    const call = this.findCall(callId)
    return this.command((p) => need(p, 'hold')(call))
  }

  async resume(callId: string): Promise<void> {
    const call = this.findCall(callId)
    return this.command((p) => need(p, 'resume')(call))
  }

  async park(callId: string): Promise<void> {
    const call = this.findCall(callId)
    return this.command((p) => need(p, 'park')(call), ['parked'])
  }

  /** Pick up a call ringing elsewhere, or a parked call, by its id. */
  async pickup(id: string): Promise<void> {
    const target = this.findParked(id) ?? this.findCall(id)
    return this.command((p) => need(p, 'pickup')(target), ['parked'])
  }

  /** End a call waiting in a park slot, by its id on the parked list. */
  async hangupParked(id: string): Promise<void> {
    const parked = this.findParked(id)
    if (!parked) {
      throw new AppError('not_found', 'That call is no longer parked.', undefined, {
        code: 'parked.gone',
      })
    }
    return this.command((p) => need(p, 'hangupParked')(parked), ['parked'])
  }

  /** Pick up whatever rings at a colleague's extension. */
  async pickupAt(extension: string): Promise<void> {
    return this.command((p) => need(p, 'pickupAt')(extension))
  }

  async pauseQueue(queueId: string, reason?: string): Promise<void> {
    // A reason goes only to a PBX that keeps it (capability `queue_pause_reason`).
    return this.command(
      (p) =>
        reason && p.pauseQueueWithReason
          ? p.pauseQueueWithReason(queueId, reason)
          : need(p, 'pauseQueue')(queueId, reason),
      ['queues'],
    )
  }

  async resumeQueue(queueId: string): Promise<void> {
    return this.command((p) => need(p, 'resumeQueue')(queueId), ['queues'])
  }
}
