/**
 * What happened to a call, as the session saw it: the one call event type. The
 * session produces these; the core forwards them to the shell and the windows
 * unchanged ('call:event' for the live ones, 'call:missed'), so every listener
 * reads the same fields the tracker wrote.
 */
import type { Call, CallRecord, Party } from './model'

/** Why a call left the agent. */
export type CallEndReason = 'hangup' | 'answered_elsewhere' | 'transferred' | 'moved'

export interface EventBase {
  accountId: string
  /**
   * Stable and unique per call, kind and occurrence (`acc:callid:answered`,
   * `acc:callid:held:2`): the same id is never delivered twice, across restarts too.
   */
  id: string
  /** When the session noticed it (epoch ms). */
  at: number
}

export type CallEvent =
  | (EventBase & { type: 'call.ringing'; call: Call })
  | (EventBase & { type: 'call.answered'; call: Call })
  | (EventBase & { type: 'call.held'; call: Call })
  | (EventBase & { type: 'call.resumed'; call: Call })
  | (EventBase & { type: 'call.transferred'; call: Call; from: Party; to: Party })
  | (EventBase & { type: 'call.ended'; call: Call; reason: CallEndReason })
  | (EventBase & {
      type: 'call.missed'
      /** True when found after the fact (history, or long after it rang), not as it stopped. */
      late: boolean
      /** Always present: from history, or made from the call as last seen ringing. */
      record: CallRecord
      /** The call as last seen ringing, when it was seen live. */
      call?: Call
      queue?: string
    })

/** A call missed here: from the live calls as it stopped ringing, or found later in history. */
export type MissedCallEvent = Extract<CallEvent, { type: 'call.missed' }>
/** Everything else: a call seen live, as it rings, is answered, held, resumed, moved, ends. */
export type LiveCallEvent = Exclude<CallEvent, { type: 'call.missed' }>
