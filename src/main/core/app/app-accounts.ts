/**
 * The accounts the core runs: what the windows are told of each, and each
 * configured account with its secret read from the shell's keychain (an account
 * without one stays signed out). Secrets are read here and go only to providers.
 */
import type { AccountConfig } from '../../../shared/account-config'
import type { AccountSummary } from '../../../shared/model'
import type { Logger } from '../../log'
import { ownExtensionOf, secretFieldOf, type RuntimeAccount } from '../../providers'
import type { Settings } from '../../settings'

/** Reads secrets kept by the shell (the OS keychain); the core never stores one. */
export interface SecretReader {
  get(accountId: string, field: string): Promise<string | null>
  /** Present when accounts can be added or removed (the shell's SecretStore). */
  set?(accountId: string, field: string, value: string): Promise<void>
  delete?(accountId: string, field: string): Promise<unknown>
  deleteAccount?(accountId: string): Promise<unknown>
}

export function summarise(config: AccountConfig, demo = false): AccountSummary {
  return {
    id: config.id,
    dialect: config.dialect,
    displayName: config.displayName,
    ownExtension: ownExtensionOf(config),
    demo,
  }
}

export async function runtimeAccounts(
  settings: Settings,
  secrets: SecretReader | undefined,
  log: Logger,
): Promise<RuntimeAccount[]> {
  const list: RuntimeAccount[] = []
  for (const config of settings.accounts) {
    const secret = await secrets?.get(config.id, secretFieldOf[config.dialect]).catch(() => null)
    if (!secret) {
      log.warn(`account ${config.id} has no stored secret; it stays signed out`)
      continue
    }
    const adminSecret =
      config.dialect === 'jade' && config.adminUsername
        ? await secrets?.get(config.id, 'adminPassword').catch(() => null)
        : null
    list.push(adminSecret ? { ...config, secret, adminSecret } : { ...config, secret })
  }
  return list
}
