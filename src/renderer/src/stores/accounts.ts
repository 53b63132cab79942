/**
 * Accounts, their connection status and capabilities, as main reports them.
 * The store never invents an account or a status.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { RequestArg } from '../../../shared/ipc'
import type { AccountStatus, AccountSummary, AppInfo, Capability } from '../../../shared/model'
import { invoke } from '../bridge'

export const useAccountsStore = defineStore('accounts', () => {
  const accounts = ref<AccountSummary[]>([])
  const statuses = ref<Record<string, AccountStatus>>({})
  const capabilities = ref<Record<string, Capability[]>>({})
  const info = ref<AppInfo | null>(null)
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref('')
  /** The latest feature a PBX turned out not to offer (main probed it), for the window to say so. */
  const notOffered = ref<{ accountId: string; feature: string; seq: number } | null>(null)

  const usingDemo = computed(() => accounts.value.some((a) => a.demo))

  function can(accountId: string, capability: Capability): boolean {
    return capabilities.value[accountId]?.includes(capability) ?? false
  }

  function anyCan(capability: Capability): boolean {
    return accounts.value.some((a) => can(a.id, capability))
  }

  function withdraw(accountId: string, left: Capability[], feature: string): void {
    capabilities.value = { ...capabilities.value, [accountId]: left }
    notOffered.value = { accountId, feature, seq: (notOffered.value?.seq ?? 0) + 1 }
  }

  /** The agent's own extension on that account (a SIP user name such as 201-DEMO counts as 201). */
  function isOwn(accountId: string, extension: string): boolean {
    const own = accounts.value.find((a) => a.id === accountId)?.ownExtension?.trim()
    if (!own) return false
    return extension === own || extension === own.split('-')[0]
  }

  function setStatus(next: AccountStatus): void {
    statuses.value = { ...statuses.value, [next.accountId]: next }
  }

  // Actions: main changes the accounts and pushes them back (sync.ts); nothing here edits them.
  /** The stored settings of every account (no secrets), for the edit form. */
  const configs = () => invoke('accounts:configs')
  const test = (args: RequestArg<'accounts:test'>) => invoke('accounts:test', args)
  const save = (args: RequestArg<'accounts:save'>) => invoke('accounts:save', args)
  const remove = (accountId: string) => invoke('accounts:remove', { accountId })
  const reconnect = (accountId: string) => invoke('accounts:reconnect', { accountId })

  return {
    configs,
    test,
    save,
    remove,
    reconnect,
    accounts,
    statuses,
    capabilities,
    info,
    status,
    error,
    usingDemo,
    can,
    anyCan,
    isOwn,
    setStatus,
    notOffered,
    withdraw,
  }
})
