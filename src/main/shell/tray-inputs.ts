/**
 * What the tray is drawn from, kept up to date by the core's events: the accounts
 * and how each is connected, the missed calls until the window is looked at, new
 * voicemail until it is heard, and the recent calls. No Electron here: tray.ts
 * draws it.
 */
import type { AccountSummary, ConnectionDetail } from '../../shared/model'
import type { TrayStart } from '../core/app/app-core'
import type { CoreEvent } from '../core/events'
import { addRecentCall, type RecentCall, type TrayAccount } from './tray-model'

type EventOf<N extends CoreEvent['name']> = Extract<CoreEvent, { name: N }>

export class TrayInputs {
  private accounts: AccountSummary[]
  private readonly details = new Map<string, ConnectionDetail>()
  /** When each account's data was last fetched, while it is not online. */
  private readonly updatedAt = new Map<string, number | undefined>()
  private readonly time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
  private missedCalls = 0
  /** New voicemail per account, until it is heard or deleted. */
  private readonly newVoicemail = new Map<string, Set<string>>()
  private recentCalls: RecentCall[] = []

  constructor(start: TrayStart) {
    this.accounts = start.accounts
    for (const status of start.statuses) {
      this.details.set(status.accountId, status.detail)
      this.updatedAt.set(status.accountId, status.lastUpdatedAt)
    }
  }

  statuses(): TrayAccount[] {
    return this.accounts.map((a) => {
      const at = this.updatedAt.get(a.id)
      return {
        accountId: a.id,
        name: a.displayName,
        detail: this.details.get(a.id) ?? 'connecting',
        ...(at === undefined ? {} : { lastUpdated: this.time.format(at) }),
      }
    })
  }

  missed(): number {
    return this.missedCalls
  }

  recent(): RecentCall[] {
    return this.recentCalls
  }

  /** New voicemail over all accounts. */
  voicemail(): number {
    let count = 0
    for (const ids of this.newVoicemail.values()) count += ids.size
    return count
  }

  /** Takes in one core event; true when it changed what the tray shows. */
  apply(event: CoreEvent): boolean {
    switch (event.name) {
      case 'accounts:changed':
        this.accounts = event.payload
        return true
      case 'status:changed':
        this.details.set(event.payload.accountId, event.payload.detail)
        this.updatedAt.set(event.payload.accountId, event.payload.lastUpdatedAt)
        return true
      // The wording follows the agent's language.
      case 'settings:changed':
        return true
      case 'call:missed':
        this.missedCalls += 1
        return true
      case 'voicemail:new':
        return this.voicemailArrived(event)
      case 'voicemail:changed':
        return this.voicemailChanged(event)
      case 'call:event':
        return this.callSeen(event)
      default:
        return false
    }
  }

  /** The agent looked at the window: true when there were missed calls to clear. */
  mainSeen(): boolean {
    if (this.missedCalls === 0) return false
    this.missedCalls = 0
    return true
  }

  private voicemailArrived(event: EventOf<'voicemail:new'>): boolean {
    const { accountId, voicemail } = event.payload
    const ids = this.newVoicemail.get(accountId) ?? new Set<string>()
    this.newVoicemail.set(accountId, ids.add(voicemail.id))
    return true
  }

  /** A message heard or deleted is no longer new. */
  private voicemailChanged(event: EventOf<'voicemail:changed'>): boolean {
    const ids = this.newVoicemail.get(event.payload.accountId)
    if (!ids?.size) return false
    const unheard = new Set(event.payload.voicemail.filter((v) => !v.heard).map((v) => v.id))
    for (const id of ids) if (!unheard.has(id)) ids.delete(id)
    return true
  }

  /** A call is listed when first seen; one already listed moves up only when it rings again. */
  private callSeen(event: EventOf<'call:event'>): boolean {
    const { call } = event.payload
    const known = this.recentCalls.some((c) => c.accountId === call.accountId && c.id === call.id)
    if (event.payload.type !== 'call.ringing' && known) return false
    this.recentCalls = addRecentCall(this.recentCalls, call)
    return true
  }
}
