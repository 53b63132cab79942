/**
 * Where a transfer the agent started stands, read from the agent's live calls on
 * its account. Pure, so the calls store only applies the outcome. A blind
 * transfer is done when the call leaves the agent. An attended one ("Talk first")
 * is done when the caller leaves the agent too; while the agent still talks to the
 * colleague the consultation call is there, and if it ends without the agent
 * completing the transfer (the colleague did not answer, or hung up), the caller
 * stays with the agent and the transfer failed.
 */
import type { Call } from '../../../shared/model'

/** A transfer main accepted, until the PBX confirms it, it fails or it times out. */
export interface PendingTransfer {
  accountId: string
  callId: string
  /** Who the call goes to, as shown to the agent (a name, else the number). */
  target: string
  /** What to say once the PBX confirms it, in the agent's language. */
  done: string
  /** What to say when the PBX did not confirm it in time. */
  unconfirmed: string
  /**
   * Attended only: `consulting` while the agent talks to the colleague first,
   * `completing` once the agent completed, `cancelling` once the agent cancelled.
   */
  stage?: 'consulting' | 'completing' | 'cancelling'
  /** Attended only: the consultation call has been seen. */
  consultSeen?: boolean
  /** Attended only: what to say when the consultation ends without the transfer. */
  consultEnded?: string
}

export type TransferOutcome =
  /** The call left the agent: the PBX carried the transfer out. */
  | 'done'
  /** The consultation ended with the caller still here and the agent never completed. */
  | 'consult-ended'
  /** The agent cancelled and the consultation is gone: nothing to say. */
  | 'cancelled'
  /** The consultation call showed up for the first time. */
  | 'consult-seen'
  | 'waiting'

export function transferOutcome(pending: PendingTransfer, live: readonly Call[]): TransferOutcome {
  if (!live.some((c) => c.id === pending.callId)) return 'done'
  if (!pending.stage) return 'waiting'
  const consulting = live.some((c) => c.consultFor === pending.callId)
  if (consulting) return pending.consultSeen ? 'waiting' : 'consult-seen'
  if (!pending.consultSeen) return 'waiting'
  if (pending.stage === 'cancelling') return 'cancelled'
  // Completing: the consultation is hung up first, the caller leaves with a later poll.
  return pending.stage === 'consulting' ? 'consult-ended' : 'waiting'
}
