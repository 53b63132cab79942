/**
 * Adding, testing, editing and removing accounts. Secrets come in from the form
 * and go straight to the keychain (SecretStore); they never go back out. Removing
 * an account removes its secrets too.
 */
import type { AccountConfig } from '../../../shared/account-config'
import type { ConnectionTest, ParsedArg } from '../../../shared/ipc'
import type { AccountSummary } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import { createProvider, secretFieldOf, type RuntimeAccount } from '../../providers'
import type { Settings } from '../../settings'
import type { SecretReader } from './app-accounts'

export interface AccountAdminDeps {
  settings: Settings
  secrets: SecretReader | undefined
  /**
   * Save, resync sessions and tell the windows; returns the new summaries.
   * `saved`: the account the agent just saved, which signs in again at once.
   */
  changed(saved?: string): Promise<AccountSummary[]>
  now?: (() => number) | undefined
}

/** What the account form can ask; the handlers (handlers/accounts.ts) call these. */
export interface AccountAdmin {
  configs(): AccountConfig[]
  test(input: ParsedArg<'accounts:test'>): Promise<ConnectionTest>
  save(input: ParsedArg<'accounts:save'>): Promise<AccountSummary[]>
  remove(accountId: string): Promise<AccountSummary[]>
}

/** The most accounts the settings file holds (settings.ts); checked before one is added. */
export const MAX_ACCOUNTS = 50

/**
 * The fields that say where a secret is sent and to whom. When one changes, the
 * stored secret was given for another server (or user) and must not follow it there.
 */
function connectionOf(config: AccountConfig): Record<string, string> {
  switch (config.dialect) {
    case 'pbxcloud':
      return { baseUrl: config.baseUrl, tenant: config.tenant }
    case 'restv1':
      return { host: config.host, clientId: config.clientId }
    case 'jade':
      return {
        baseUrl: config.baseUrl,
        wsUrl: config.wsUrl ?? '',
        username: config.username,
        pinnedFingerprint: config.pinnedFingerprint ?? '',
      }
  }
}

function connectionChanged(before: AccountConfig, after: AccountConfig): boolean {
  const a = connectionOf(before)
  const b = connectionOf(after)
  return Object.keys(b).some((key) => a[key] !== b[key])
}

/** The jade supervisor password also goes with its user name. */
function adminConnectionChanged(before: AccountConfig, after: AccountConfig): boolean {
  if (before.dialect !== 'jade' || after.dialect !== 'jade') return false
  return connectionChanged(before, after) || before.adminUsername !== after.adminUsername
}

function runtime(config: AccountConfig, secret: string, adminSecret?: string): RuntimeAccount {
  return adminSecret ? { ...config, secret, adminSecret } : { ...config, secret }
}

function writableStore(secrets: SecretReader | undefined): Required<SecretReader> {
  if (!secrets?.set || !secrets.deleteAccount) {
    throw new AppError(
      'unsupported',
      'Accounts cannot be changed here: there is no secret store.',
      undefined,
      { code: 'account.no_secret_store' },
    )
  }
  if (!secrets.delete) {
    throw new AppError(
      'unsupported',
      'Accounts cannot be changed here: the secret store cannot forget a secret.',
    )
  }
  return secrets as Required<SecretReader>
}

/** Signs in with the form's settings and says who the PBX says the agent is. */
async function testConnection(
  account: RuntimeAccount,
  now: (() => number) | undefined,
): Promise<ConnectionTest> {
  const provider = createProvider(account, now ? { now } : {})
  try {
    const identity = await provider.signIn()
    const details = { ...identity.details }
    // jade: the event socket is part of the connection the agent relies on.
    const events = await provider.checkEvents?.()
    if (events) details.events = events
    const result: ConnectionTest = { ownExtension: identity.ownExtension, details }
    if (identity.displayName) result.displayName = identity.displayName
    if (identity.phonebooks) result.phonebooks = identity.phonebooks
    return result
  } finally {
    await provider.close()
  }
}

/** Why the form's account cannot be saved as it is, before anything is stored. */
function refuseSave(
  accounts: readonly AccountConfig[],
  config: AccountConfig,
  secret?: string,
): void {
  const existing = accounts.find((a) => a.id === config.id)
  if (!existing && !secret) {
    throw new AppError(
      'invalid_argument',
      'A new account needs its password, key or secret.',
      undefined,
      { code: 'account.secret_needed' },
    )
  }
  if (existing && existing.dialect !== config.dialect) {
    throw new AppError(
      'invalid_argument',
      'An account cannot change its PBX type; add a new one.',
      undefined,
      { code: 'account.dialect_fixed' },
    )
  }
  if (!existing && accounts.length >= MAX_ACCOUNTS) {
    throw new AppError(
      'invalid_argument',
      `Switchboard holds at most ${MAX_ACCOUNTS} accounts; remove one first.`,
      undefined,
      { code: 'invalid_argument.too_many_accounts', params: { max: MAX_ACCOUNTS } },
    )
  }
}

/** A new secret is stored; an old one is forgotten when it would follow the account elsewhere. */
async function storeSecrets(
  store: Required<SecretReader>,
  before: AccountConfig | undefined,
  { config, secret, adminSecret }: ParsedArg<'accounts:save'>,
): Promise<void> {
  const field = secretFieldOf[config.dialect]
  if (secret) await store.set(config.id, field, secret)
  else if (before && connectionChanged(before, config)) await store.delete(config.id, field)
  if (adminSecret) await store.set(config.id, 'adminPassword', adminSecret)
  else if (before && adminConnectionChanged(before, config)) {
    await store.delete(config.id, 'adminPassword')
  }
}

export function accountAdmin(deps: AccountAdminDeps): AccountAdmin {
  // Read each time: the settings object is the one the settings file saves.
  const accounts = (): AccountConfig[] => deps.settings.accounts
  return {
    configs: () => accounts(),
    test: ({ config, secret, adminSecret }) =>
      testConnection(runtime(config, secret, adminSecret), deps.now),
    save: async (input) => {
      const store = writableStore(deps.secrets)
      const { config } = input
      refuseSave(accounts(), config, input.secret)
      const existing = accounts().findIndex((a) => a.id === config.id)
      await storeSecrets(store, accounts()[existing], input)
      if (existing >= 0) accounts()[existing] = config
      else accounts().push(config)
      // Saving is the agent's "try again": even an unchanged account reconnects.
      return deps.changed(config.id)
    },
    remove: async (accountId) => {
      const index = accounts().findIndex((a) => a.id === accountId)
      if (index < 0) {
        throw new AppError('not_found', 'That account does not exist.', undefined, {
          code: 'account.not_found',
        })
      }
      await writableStore(deps.secrets).deleteAccount(accountId)
      accounts().splice(index, 1)
      return deps.changed()
    },
  }
}
