/**
 * The time an account's timers count to: now while the account is live; frozen
 * at the last update while it is not (offline, signed out, rate-limited …), so a
 * call timer or a time-in-state never runs on for data nobody is refreshing.
 */
import { computed, type ComputedRef } from 'vue'
import { isStale } from '../stale'
import { useAccountsStore } from '../stores/accounts'
import { useNow } from './use-now'

export function useAccountNow(accountId: () => string): ComputedRef<number> {
  const now = useNow()
  const accounts = useAccountsStore()
  return computed(() => {
    const status = accounts.statuses[accountId()]
    if (!status || !isStale(status)) return now.value
    return status.lastUpdatedAt ?? status.since
  })
}
