/**
 * When the incoming-call popup window shows, grows and hides. Pure: the inputs
 * are the core's events and the preference, the output what the window should
 * do. A call is popped up once its 'ringing' event arrives (a call already
 * ringing at start-up is left to the main window), and stays while it rings for
 * this agent: answered here or elsewhere, ended, or missed, it is gone.
 */
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
  /** Ids of the calls the popup shows now. */
  readonly showing: readonly string[]
}

export function wantsPopup(alert: IncomingAlert): boolean {
  return alert === 'popup' || alert === 'both'
}

/**
 * Rings for this agent: incoming (from outside or another extension), still
 * ringing, and not taken by a colleague. Outbound calls ring the far end, not us.
 */
export function ringsHere(call: Call): boolean {
  return call.state === 'ringing' && call.direction !== 'outbound' && !call.answeredElsewhere
}

export function createPopupController(initial: IncomingAlert): PopupController {
  let alert = initial
  const calls = new Map<string, Call[]>()
  /** Call id → account id, for calls whose ringing event arrived. */
  const announced = new Map<string, string>()
  let visible = false
  let showing: string[] = []

  const current = (): string[] => {
    const ids: string[] = []
    for (const [id, accountId] of announced) {
      const call = calls.get(accountId)?.find((c) => c.id === id)
      if (call && ringsHere(call)) ids.push(id)
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
        if (!ringsHere(call)) return decide()
        announced.set(call.id, call.accountId)
        // The event may come before the account's call list that contains it.
        const list = calls.get(call.accountId) ?? []
        if (!list.some((c) => c.id === call.id)) calls.set(call.accountId, [...list, call])
      } else {
        calls.set(input.accountId, input.calls)
        const live = new Set(input.calls.map((c) => c.id))
        for (const [id, accountId] of announced) {
          if (accountId === input.accountId && !live.has(id)) announced.delete(id)
        }
      }
      return decide()
    },
    get showing() {
      return showing
    },
  }
}
