/**
 * When the incoming-call popup window shows, grows and hides. Pure: the inputs
 * are the core's events and the preference, the output what the window should
 * do. A call is popped up once its 'ringing' event arrives (a call already
 * ringing at start-up is left to the main window), and stays while it rings for
 * this agent: answered here or elsewhere, ended, or missed, it is gone.
 */
import { ringsHere } from '../../shared/call-origin'
import type { Call } from '../../shared/model'
import type { Preferences } from '../../shared/preferences'

export type IncomingAlert = Preferences['incomingAlert']

export type PopupInput =
  | { type: 'ringing'; call: Call }
  | { type: 'calls'; accountId: string; calls: Call[] }
  | { type: 'alert'; alert: IncomingAlert }

export type PopupAction =
  | { type: 'show'; count: number }
  | { type: 'update'; count: number }
  | { type: 'hide' }
  | { type: 'none' }

export interface PopupController {
  handle(input: PopupInput): PopupAction
  /** The calls the popup shows now, as `accountId/callId` (two accounts may share a call id). */
  readonly showing: readonly string[]
}

export function wantsPopup(alert: IncomingAlert): boolean {
  return alert === 'popup' || alert === 'both'
}

/**
 * Announced to the agent: it rings here (not a call the agent dialled, whatever its
 * direction: a call to a colleague rings the colleague) and nobody else took it.
 */
export function alertsHere(call: Call): boolean {
  return ringsHere(call) && !call.answeredElsewhere
}

/** Popups and notifications key calls by account as well: call ids are only unique per PBX. */
export function callKey(call: Pick<Call, 'accountId' | 'id'>): string {
  return `${call.accountId}/${call.id}`
}

export function createPopupController(initial: IncomingAlert): PopupController {
  let alert = initial
  const calls = new Map<string, Call[]>()
  /** Calls whose ringing event arrived, by `callKey`. */
  const announced = new Map<string, { accountId: string; id: string }>()
  let visible = false
  let showing: string[] = []

  const current = (): string[] => {
    const ids: string[] = []
    for (const [key, { accountId, id }] of announced) {
      const call = calls.get(accountId)?.find((c) => c.id === id)
      if (call && alertsHere(call)) ids.push(key)
    }
    return ids
  }

  const decide = (): PopupAction => {
    const ids = wantsPopup(alert) ? current() : []
    const before = showing
    showing = ids
    if (ids.length === 0) {
      if (!visible) return { type: 'none' }
      visible = false
      return { type: 'hide' }
    }
    if (!visible) {
      visible = true
      return { type: 'show', count: ids.length }
    }
    return ids.length === before.length ? { type: 'none' } : { type: 'update', count: ids.length }
  }

  return {
    handle(input) {
      if (input.type === 'alert') alert = input.alert
      else if (input.type === 'ringing') {
        const { call } = input
        if (!alertsHere(call)) return decide()
        announced.set(callKey(call), { accountId: call.accountId, id: call.id })
        // The event may come before the account's call list that contains it.
        const list = calls.get(call.accountId) ?? []
        if (!list.some((c) => c.id === call.id)) calls.set(call.accountId, [...list, call])
      } else {
        calls.set(input.accountId, input.calls)
        const live = new Set(input.calls.map((c) => c.id))
        for (const [key, { accountId, id }] of announced) {
          if (accountId === input.accountId && !live.has(id)) announced.delete(key)
        }
      }
      return decide()
    },
    get showing() {
      return showing
    },
  }
}
