/** An account's name as the agent reads it: the demo account's in the window's language. */
import { useI18n } from 'vue-i18n'
import type { AccountSummary } from '../../../shared/model'

export function useAccountName(): (account: AccountSummary) => string {
  const { t } = useI18n()
  return (account) => (account.demo ? t('firstRun.demoName') : account.displayName)
}
