/**
 * Honest navigation (issue 15, finding 16): a screen shows only when some account's
 * PBX can serve it (Chat on PBXCloud, History and Voicemail on jade cannot).
 * Pure, so the rule is tested apart from the window.
 */
import type { Capability } from '../../shared/model'
import { screens, type Screen } from './stores/navigation'

/**
 * A screen shows when any account has any one of these. Absent: always (the board
 * is home, where a screen that goes away sends the agent; Settings is always needed).
 */
const needs: Partial<Record<Screen, readonly Capability[]>> = {
  calls: ['calls', 'dial'],
  queues: ['queues', 'flows'],
  voicemail: ['voicemail'],
  chat: ['chat'],
  history: ['history'],
  contacts: ['contacts'],
}

/**
 * The screens to offer. Before main has reported any capability (still loading,
 * or no account yet) nothing is hidden: the screens say for themselves what they
 * cannot do, instead of the navigation shrinking and growing back.
 */
export function shownScreens(
  capabilities: readonly (readonly Capability[])[],
  /** Calls missed while the window was open: History lists them even where the PBX keeps none. */
  missedSeen = 0,
): Screen[] {
  const known = new Set(capabilities.flat())
  if (known.size === 0) return [...screens]
  return screens.filter((screen) => {
    if (screen === 'history' && missedSeen > 0) return true
    const required = needs[screen]
    return !required || required.some((c) => known.has(c))
  })
}
