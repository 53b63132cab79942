/**
 * What the tray shows, as data: the icon's state, the tooltip, the macOS title
 * and the menu. Pure, so every wording and rule is tested without Electron;
 * tray.ts only turns this into a Tray and a Menu.
 */
import { placedBy } from '../../shared/call-origin'
import type { CallDirection, CallOrigin, ConnectionDetail } from '../../shared/model'
import { capText, cleanText } from '../../shared/untrusted-text'

export interface TrayAccount {
  accountId: string
  /** Display name; the user's own words, still cleaned before it reaches a menu. */
  name: string
  detail: ConnectionDetail
  /** While not online: when its data was last fetched, already in words ("14:02"). */
  lastUpdated?: string
}

export interface RecentCall {
  callId: string
  number: string
  name?: string
  direction: CallDirection
  placedBy?: CallOrigin
}

export type TrayState = 'online' | 'trouble' | 'signed-out'

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

const detailWords: Record<ConnectionDetail, string> = {
  online: 'online',
  slow: 'online, slow to answer',
  connecting: 'connecting…',
  rate_limited: 'paused: too many requests',
  offline: 'offline, retrying',
  signed_out: 'signed out',
  stopped: 'stopped',
  unreadable: 'the PBX sent an answer Switchboard cannot read',
  certificate_changed: 'the PBX certificate changed: review it in Settings',
}

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

const stateWords: Record<TrayState, string> = {
  online: 'online',
  trouble: 'connection trouble',
  'signed-out': 'signed out',
}

const label = (text: string | undefined, max: number): string => capText(cleanText(text), max)

function recentLabel(call: RecentCall): string {
  const arrow = placedBy(call) === 'agent' ? '↗' : '↙'
  const number = label(call.number, 40)
  const name = label(call.name, 40)
  return name ? `${arrow} ${name} (${number})` : `${arrow} ${number}`
}

/** `voicemail`: new messages not yet heard (the badge keeps them until they are). */
export function trayModel(
  statuses: readonly TrayAccount[],
  missed: number,
  recent: readonly RecentCall[],
  voicemail = 0,
): TrayModel {
  const state = trayState(statuses)
  const missedWords = missed === 1 ? '1 missed call' : `${missed} missed calls`
  const voicemailWords = voicemail === 1 ? '1 new voicemail' : `${voicemail} new voicemails`
  const waiting = [...(missed > 0 ? [missedWords] : []), ...(voicemail > 0 ? [voicemailWords] : [])]
  const tooltip = ['Switchboard', stateWords[state], ...waiting].join(' — ')

  const items: TrayItem[] = statuses.length
    ? statuses.map((a) => ({
        kind: 'label' as const,
        label:
          `${label(a.name, 40) || a.accountId}: ${detailWords[a.detail]}` +
          (a.lastUpdated && levelOf[a.detail] !== 'online'
            ? ` (not live, last updated ${a.lastUpdated})`
            : ''),
      }))
    : [{ kind: 'label', label: 'No account set up' }]
  for (const words of waiting) items.push({ kind: 'label', label: words })
  items.push({ kind: 'separator' })
  items.push({ kind: 'action', label: 'Dial from clipboard', action: { type: 'dial-clipboard' } })
  const calls = recent.slice(0, MAX_RECENT_CALLS).filter((c) => label(c.number, 40) !== '')
  if (calls.length > 0) {
    items.push({ kind: 'separator' }, { kind: 'label', label: 'Recent calls' })
    for (const call of calls) {
      items.push({
        kind: 'action',
        label: recentLabel(call),
        action: { type: 'dial', number: call.number },
      })
    }
  }
  items.push(
    { kind: 'separator' },
    { kind: 'action', label: 'Open Switchboard', action: { type: 'open' } },
    { kind: 'action', label: 'Quit Switchboard', action: { type: 'quit' } },
  )
  const count = missed + voicemail
  return { state, tooltip, title: count > 0 ? String(count) : '', items }
}

/** Newest first, one entry per call, at most MAX_RECENT_CALLS. */
export function addRecentCall(list: readonly RecentCall[], call: RecentCall): RecentCall[] {
  return [call, ...list.filter((c) => c.callId !== call.callId)].slice(0, MAX_RECENT_CALLS)
}
