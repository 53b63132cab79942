/** Dialling from anywhere in the window, with the result in words. */
import { sayError } from '../describe-error'
import { useI18n } from 'vue-i18n'
import { invoke } from '../bridge'
import { useAccountsStore } from '../stores/accounts'
import { useDialStore } from '../stores/dial'
import { useNoticesStore } from '../stores/notices'

export function useDial(): { dial: (number: string, accountId?: string) => Promise<boolean> } {
  const { t } = useI18n()
  const accounts = useAccountsStore()
  const notices = useNoticesStore()
  const dialStore = useDialStore()

  async function dial(number: string, accountId?: string): Promise<boolean> {
    const account = accountId ?? accounts.accounts.find((a) => accounts.can(a.id, 'dial'))?.id
    if (!account) {
      notices.show('error', t('dialer.noAccount'))
      return false
    }
    const result = await invoke('call:dial', { accountId: account, number })
    if (!result.ok) {
      notices.show('error', t('calls.failed', { message: sayError(result.error) }))
      return false
    }
    dialStore.remember(result.data.number)
    notices.show('info', t('dialer.calling', { number: result.data.number }))
    return true
  }

  return { dial }
}
