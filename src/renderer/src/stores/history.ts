/**
 * Call history, asked of every account whose PBX keeps it. The screen calls this
 * action; only this store asks main (the one action layer, issue 15).
 */
import { defineStore } from 'pinia'
import type { CallRecord } from '../../../shared/model'
import type { Result } from '../../../shared/result'
import { invoke } from '../bridge'
import { useAccountsStore } from './accounts'

export const useHistoryStore = defineStore('history', () => {
  const accounts = useAccountsStore()

  /** Every account's history, newest first; the first failure is the answer. */
  async function load(): Promise<Result<CallRecord[]>> {
    const lists = await Promise.all(
      accounts.accounts
        .filter((a) => accounts.can(a.id, 'history'))
        .map((a) => invoke('history:list', { accountId: a.id })),
    )
    const failed = lists.find((r) => !r.ok)
    if (failed && !failed.ok) return failed
    const records = lists.flatMap((r) => (r.ok ? r.data : []))
    return { ok: true, data: records.sort((a, b) => b.startedAt - a.startedAt) }
  }

  return { load }
})
