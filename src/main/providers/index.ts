/**
 * Builds the provider for an account. Secrets arrive here from the main process's
 * SecretStore and go no further than the provider that needs them.
 */
import type { AccountConfig } from '../../shared/account-config'
import { AppError } from '../../shared/result'
import { JadeProvider } from './jade'
import { PbxCloudProvider } from './pbxcloud'
import { extensionOfPeer } from './pbxcloud/normalise'
import { RestV1Provider, type RestV1Settings } from './restv1'
import type { PbxProvider } from './provider'

/** An account as the main process runs it: settings plus the secret it needs. */
export type RuntimeAccount = AccountConfig & {
  secret: string
  /** jade: the admin password, for supervisor features (channels, parked calls, queues). */
  adminSecret?: string
  demo?: boolean
}

/** The secret field each dialect keeps in the keychain. */
export const secretFieldOf: Record<AccountConfig['dialect'], string> = {
  pbxcloud: 'apiKey',
  restv1: 'clientSecret',
  jade: 'password',
}

/**
 * The extension the agent knows as theirs, from the account's settings. A
 * PBXCloud account may name its SIP user (`402-DEMO`, as the portal lists it),
 * whose extension is `402`; the other dialects take the setting as it is.
 */
export function ownExtensionOf(config: AccountConfig): string {
  return config.dialect === 'pbxcloud'
    ? extensionOfPeer(config.ownExtension.trim())
    : config.ownExtension
}

/** How a provider is tuned; the app passes at most `now`, simulations the rest too. */
export interface ProviderOptions {
  now?: () => number
  /** Per-request timeout (default 8 s). */
  timeoutMs?: number
  /** jade's WebSocket reconnect back-off (wall-clock ms). */
  push?: { backoffBaseMs?: number; backoffCapMs?: number }
}

export function createProvider(
  account: RuntimeAccount,
  options: ProviderOptions = {},
): PbxProvider {
  const tuning = {
    ...(options.now ? { now: options.now } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  }
  switch (account.dialect) {
    case 'pbxcloud':
      return new PbxCloudProvider(
        account.id,
        {
          baseUrl: account.baseUrl,
          tenant: account.tenant,
          ownExtension: account.ownExtension,
          ...(account.phonebook ? { phonebook: account.phonebook } : {}),
        },
        account.secret,
        tuning,
      )
    case 'restv1': {
      const settings: RestV1Settings = { host: account.host, clientId: account.clientId }
      if (account.extensionId) settings.extensionId = account.extensionId
      if (account.ownExtension) settings.ownExtension = account.ownExtension
      return new RestV1Provider(account.id, settings, account.secret, tuning)
    }
    case 'jade':
      return new JadeProvider(
        account.id,
        {
          baseUrl: account.baseUrl,
          username: account.username,
          ...(account.ownExtension ? { ownExtension: account.ownExtension } : {}),
          ...(account.pinnedFingerprint ? { pinnedFingerprint: account.pinnedFingerprint } : {}),
          ...(account.adminUsername ? { adminUsername: account.adminUsername } : {}),
          ...(account.wsUrl ? { wsUrl: account.wsUrl } : {}),
        },
        {
          password: account.secret,
          ...(account.adminSecret ? { adminPassword: account.adminSecret } : {}),
        },
        options.push ? { ...tuning, push: options.push } : tuning,
      )
    default: {
      // Every dialect has a provider; a new one fails to compile here until it does.
      const unknown: never = account
      throw new AppError(
        'unsupported',
        `Unknown PBX type: ${String((unknown as { dialect?: string }).dialect)}`,
      )
    }
  }
}
