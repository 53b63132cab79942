/**
 * Accounts as main reports them: loaded once from `state:snapshot`, then kept in
 * step by `accounts:changed`. The store never invents an account.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AccountSummary, AppInfo } from '../../../shared/model'
import { invoke, onEvent } from '../bridge'

export const useAccountsStore = defineStore('accounts', () => {
  const accounts = ref<AccountSummary[]>([])
  const info = ref<AppInfo | null>(null)
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref('')
  let unsubscribe: (() => void) | null = null

  const usingDemo = computed(() => accounts.value.some((a) => a.demo))

  async function load(): Promise<void> {
    status.value = 'loading'
    const [snapshot, about] = await Promise.all([invoke('state:snapshot'), invoke('app:info')])
    if (!snapshot.ok) {
      status.value = 'error'
      error.value = snapshot.error.message
      return
    }
    accounts.value = snapshot.data.accounts
    if (about.ok) info.value = about.data
    status.value = 'ready'
    unsubscribe ??= onEvent('accounts:changed', (list) => {
      accounts.value = list
    })
  }

  return { accounts, info, status, error, usingDemo, load }
})
