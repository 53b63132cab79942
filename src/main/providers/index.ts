/**
 * Builds the provider for an account. Secrets arrive here from the main process's
 * SecretStore and go no further than the provider that needs them.
 */
import type { AccountConfig } from '../../shared/account-config'
import { AppError } from '../../shared/result'
import { PbxCloudProvider } from './pbxcloud/pbxcloud-provider'
import type { PbxProvider } from './provider'

/** An account as the main process runs it: settings plus the secret it needs. */
export type RuntimeAccount = AccountConfig & { secret: string; demo?: boolean }

/** The secret field each dialect keeps in the keychain. */
export const secretFieldOf: Record<AccountConfig['dialect'], string> = {
  pbxcloud: 'apiKey',
  restv1: 'clientSecret',
  jade: 'password',
}

export function createProvider(
  account: RuntimeAccount,
  options: { now?: () => number } = {},
): PbxProvider {
  switch (account.dialect) {
    case 'pbxcloud':
      return new PbxCloudProvider(
        account.id,
        { baseUrl: account.baseUrl, tenant: account.tenant, ownExtension: account.ownExtension },
        account.secret,
        options.now ? { now: options.now } : {},
      )
    default:
      throw new AppError(
        'unsupported',
        `Switchboard cannot connect to ${account.dialect} PBXs yet.`,
      )
  }
}
