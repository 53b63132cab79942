/**
 * The one rule set for what the agent can do with a live call. The call card, the
 * popup, the tile menu and the palette all ask here, so they never disagree on
 * pickup, transfer or whether the red button says "Decline" or "Hang up".
 */
import { placedBy, ringsHere } from './call-origin'
import type { Call, Capability } from './model'

export type CallActionId =
  'pickup' | 'hold' | 'resume' | 'transfer' | 'attended' | 'park' | 'hangup' | 'decline'

export interface CallActionSet {
  /** Actions the agent may run now, in the order they are shown. */
  actions: CallActionId[]
  /**
   * A ringing call for the agent that the app cannot answer: the agent must
   * answer on the phone, and the window says so where the Pick up button would be.
   */
  answerOnPhone: boolean
  /** The agent dialled and the far end rings: the window says "Calling…". */
  calling: boolean
}

type CallFacts = Pick<Call, 'state' | 'direction' | 'placedBy' | 'consultFor' | 'answeredElsewhere'>

export function callActions(
  call: CallFacts,
  can: (capability: Capability) => boolean,
): CallActionSet {
  const actions: CallActionId[] = []
  const incoming = ringsHere(call) && !call.answeredElsewhere
  const calling = call.state === 'ringing' && placedBy(call) === 'agent'
  if (incoming && can('pickup')) actions.push('pickup')
  const connected = call.state === 'up' || call.state === 'held'
  // A consultation is completed or cancelled, never passed on or parked itself.
  const consultation = !!call.consultFor
  if (call.state === 'up' && can('hold')) actions.push('hold')
  if (call.state === 'held' && can('hold')) actions.push('resume')
  if (connected && !consultation && can('transfer')) actions.push('transfer')
  if (connected && !consultation && can('attended_transfer')) actions.push('attended')
  if (connected && !consultation && can('park')) actions.push('park')
  if (can('hangup') && !call.answeredElsewhere) actions.push(incoming ? 'decline' : 'hangup')
  return { actions, answerOnPhone: incoming && !can('pickup'), calling }
}

/** Actions that end the customer's call: never the palette's default. */
export const destructiveActions: readonly CallActionId[] = ['hangup', 'decline']
