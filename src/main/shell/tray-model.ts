/**
 * What the tray shows, as data: the icon's state, the tooltip, the macOS title
 * and the menu. Pure, so every wording and rule is tested without Electron;
 * tray.ts only turns this into a Tray and a Menu.
 */
import { placedBy } from '../../shared/call-origin'
import type { Call, ConnectionDetail } from '../../shared/model'
import {
  missedWords,
  trayWords,
  voicemailWords,
  type TrayLevel,
  type TrayWords,
} from '../../shared/tray-words'
import { capText, cleanText } from '../../shared/untrusted-text'

export interface TrayAccount {
  accountId: string
  /** Display name; the user's own words, still cleaned before it reaches a menu. */
  name: string
  detail: ConnectionDetail
  /** While not online: when its data was last fetched, already in words ("14:02"). */
  lastUpdated?: string
}

/** What the tray's "recent calls" menu keeps of a call: the call itself, the parts it shows. */
export type RecentCall = Pick<Call, 'accountId' | 'id' | 'remote' | 'direction' | 'placedBy'>

export type TrayState = TrayLevel

export type TrayAction =
  | { type: 'dial-clipboard' }
  | { type: 'dial'; number: string }
  | { type: 'open' }
  | { type: 'quit' }

export type TrayItem =
  | { kind: 'label'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; label: string; action: TrayAction }

export interface TrayModel {
  state: TrayState
  tooltip: string
  /** Next to the icon in the macOS menu bar: missed calls plus new voicemail, or nothing. */
  title: string
  items: TrayItem[]
}

export const MAX_RECENT_CALLS = 5

const levelOf: Record<ConnectionDetail, TrayState> = {
  online: 'online',
  slow: 'online',
  // Every start passes through connecting; the icon should not flash a warning.
  connecting: 'online',
  rate_limited: 'trouble',
  offline: 'trouble',
  signed_out: 'signed-out',
  stopped: 'signed-out',
  unreadable: 'trouble',
  certificate_changed: 'trouble',
}

/** Signed out when no account works at all; trouble when any account needs attention. */
export function trayState(accounts: readonly TrayAccount[]): TrayState {
  const levels = accounts.map((a) => levelOf[a.detail])
  if (levels.every((level) => level === 'signed-out')) return 'signed-out'
  if (levels.some((level) => level !== 'online')) return 'trouble'
  return 'online'
}

const label = (text: string | undefined, max: number): string => capText(cleanText(text), max)

function recentLabel(call: RecentCall): string {
  const arrow = placedBy(call) === 'agent' ? '↗' : '↙'
  const number = label(call.remote.number, 40)
  const name = label(call.remote.name, 40)
  return name ? `${arrow} ${name} (${number})` : `${arrow} ${number}`
}

/** `voicemail`: new messages not yet heard (the badge keeps them until they are). */
export function trayModel(
  statuses: readonly TrayAccount[],
  missed: number,
  recent: readonly RecentCall[],
  /** The words of the window's language (shared/tray-words.ts); English by default. */
  words: TrayWords = trayWords.en,
  voicemail = 0,
): TrayModel {
  const state = trayState(statuses)
  const waiting = [
    ...(missed > 0 ? [missedWords(words, missed)] : []),
    ...(voicemail > 0 ? [voicemailWords(words, voicemail)] : []),
  ]
  const tooltip = ['Switchboard', words.state[state], ...waiting].join(' — ')

  const items: TrayItem[] = statuses.length
    ? statuses.map((a) => ({
        kind: 'label' as const,
        label:
          `${label(a.name, 40) || a.accountId}: ${words.detail[a.detail]}` +
          (a.lastUpdated && levelOf[a.detail] !== 'online'
            ? ` (${words.notLive.replace('{time}', a.lastUpdated)})`
            : ''),
      }))
    : [{ kind: 'label', label: words.noAccount }]
  for (const line of waiting) items.push({ kind: 'label', label: line })
  items.push({ kind: 'separator' })
  items.push({ kind: 'action', label: words.dialClipboard, action: { type: 'dial-clipboard' } })
  const calls = recent.slice(0, MAX_RECENT_CALLS).filter((c) => label(c.remote.number, 40) !== '')
  if (calls.length > 0) {
    items.push({ kind: 'separator' }, { kind: 'label', label: words.recentCalls })
    for (const call of calls) {
      items.push({
        kind: 'action',
        label: recentLabel(call),
        action: { type: 'dial', number: call.remote.number },
      })
    }
  }
  items.push(
    { kind: 'separator' },
    { kind: 'action', label: words.open, action: { type: 'open' } },
    { kind: 'action', label: words.quit, action: { type: 'quit' } },
  )
  const count = missed + voicemail
  return { state, tooltip, title: count > 0 ? String(count) : '', items }
}

/** Newest first, one entry per call (two PBXs may use the same call id), at most MAX_RECENT_CALLS. */
export function addRecentCall(list: readonly RecentCall[], call: RecentCall): RecentCall[] {
  const others = list.filter((c) => c.accountId !== call.accountId || c.id !== call.id)
  return [call, ...others].slice(0, MAX_RECENT_CALLS)
}
