/**
 * Which accounts the core runs: the configured ones with their secrets, or the
 * demo account exactly while none is configured. Once started, the demo PBX
 * keeps running until quit (it is cheap), so removing the last account brings
 * the demo office straight back.
 */
import type { DemoOffice } from '@switchboard/demo-pbx'
import type { AccountSummary } from '../../../shared/model'
import type { Logger } from '../../log'
import type { RuntimeAccount } from '../../providers'
import type { Settings } from '../../settings'
import { runtimeAccounts, summarise, type SecretReader } from './app-accounts'
import { demoAccount, startDemo, type DemoOptions } from './demo-account'

export interface AccountList<D extends DemoOffice> {
  /** Reads the settings (and secrets) again; starts the demo when it is needed. */
  load(): Promise<RuntimeAccount[]>
  /** What the windows are told of each account: never a secret. */
  summaries(): AccountSummary[]
  /** The running demo PBX, once the demo account was used. */
  demo(): D | null
}

export interface AccountListDeps<D extends DemoOffice> {
  settings: Settings
  secrets: SecretReader | undefined
  /** How to run the demo PBX; null: never. */
  demo: DemoOptions<D> | null
  log: Logger
}

export function accountList<D extends DemoOffice>(deps: AccountListDeps<D>): AccountList<D> {
  const { settings } = deps
  let demo: D | null = null
  let accounts: RuntimeAccount[] = []
  const demoInUse = (): boolean => settings.accounts.length === 0 && deps.demo !== null

  return {
    load: async () => {
      if (demoInUse() && deps.demo) {
        demo ??= await startDemo(deps.demo)
        accounts = [demoAccount(demo.access)]
      } else {
        accounts = await runtimeAccounts(settings, deps.secrets, deps.log)
      }
      return accounts
    },
    summaries: () =>
      settings.accounts.length === 0 && demo
        ? accounts.map((a) => summarise(a, true))
        : settings.accounts.map((a) => summarise(a)),
    demo: () => demo,
  }
}
