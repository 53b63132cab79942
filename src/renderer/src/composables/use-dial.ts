/**
 * Dialling from anywhere in the window, with the result in words. During a call the
 * caller is put on hold first where the PBX can; where it cannot, the agent is told
 * the caller stays connected. The agent's own extension is refused before dialling.
 */
import { sayError } from '../describe-error'
import { useI18n } from 'vue-i18n'
import type { Contact, Presence } from '../../../shared/model'
import { invoke } from '../bridge'
import { useAccountsStore } from '../stores/accounts'
import { useCallsStore } from '../stores/calls'
import { useDialStore } from '../stores/dial'
import { useNoticesStore } from '../stores/notices'
import { useCallActions } from './use-call-actions'

export interface Dialling {
  dial: (number: string, accountId?: string) => Promise<boolean>
  /** A colleague main listed on the board, by that entry (a jade login may be a name). */
  dialColleague: (entry: Presence) => Promise<boolean>
  /** A Contacts result without a number, by the id main's search handed out. */
  dialContact: (contact: Contact) => Promise<boolean>
}

// What shared/dialable.ts keeps as a number: only such an extension is worth redialling.
const plainNumber = /^\+?[0-9*#]+$/

export function useDial(): Dialling {
  const { t } = useI18n()
  const accounts = useAccountsStore()
  const notices = useNoticesStore()
  const dialStore = useDialStore()
  const calls = useCallsStore()
  const { run } = useCallActions()

  /** False when the caller could not be put on hold (and so nobody new is called). */
  async function holdCurrent(accountId: string, number: string): Promise<boolean> {
    const current = calls.currentCall(accountId)
    if (current?.state !== 'up') return true
    const caller = current.remote.name || current.remote.number
    if (!accounts.can(accountId, 'hold')) {
      notices.show('info', t('flow.stillConnected', { caller }))
      return true
    }
    if (await run(current, 'hold')) return true
    const message = calls.failureOf(current) ?? ''
    notices.show('error', t('flow.holdFailed', { caller, name: number, message }))
    return false
  }

  async function dial(number: string, accountId?: string): Promise<boolean> {
    const account = accountId ?? accounts.accounts.find((a) => accounts.can(a.id, 'dial'))?.id
    if (!account) {
      notices.show('error', t('dialer.noAccount'))
      return false
    }
    // The app knows the agent's own extension: dialling it would only ring the agent's
    // own phone (or reach what the PBX does with it), so say so before anything happens.
    const compact = number.replace(/[\s\-.()/]/g, '')
    if (accounts.isOwn(account, compact)) {
      notices.show('error', t('callFlow.ownNumber', { number: compact }))
      return false
    }
    if (!(await holdCurrent(account, number))) return false
    const result = await invoke('call:dial', { accountId: account, number })
    if (!result.ok) {
      notices.show('error', t('calls.failed', { message: sayError(result.error) }))
      return false
    }
    dialStore.remember(result.data.number)
    notices.show('info', t('dialer.calling', { number: result.data.number }))
    return true
  }

  async function dialColleague(entry: Presence): Promise<boolean> {
    const { accountId, extension } = entry
    if (accounts.isOwn(accountId, extension)) {
      notices.show('error', t('callFlow.ownNumber', { number: extension }))
      return false
    }
    const name = entry.name || extension
    if (!(await holdCurrent(accountId, name))) return false
    const result = await invoke('call:colleague', { accountId, extension })
    if (!result.ok) {
      notices.show('error', t('calls.failed', { message: sayError(result.error) }))
      return false
    }
    if (plainNumber.test(extension)) dialStore.remember(extension)
    notices.show('info', t('presence.calling', { name }))
    return true
  }

  async function dialContact(contact: Contact): Promise<boolean> {
    if (!(await holdCurrent(contact.accountId, contact.name))) return false
    const result = await invoke('call:contact', {
      accountId: contact.accountId,
      contactId: contact.id,
    })
    if (!result.ok) {
      notices.show('error', t('calls.failed', { message: sayError(result.error) }))
      return false
    }
    notices.show('info', t('presence.calling', { name: contact.name }))
    return true
  }

  return { dial, dialColleague, dialContact }
}
