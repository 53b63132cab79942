/**
 * Adding, testing, editing and removing accounts. Secrets come in from the form
 * and go straight to the keychain (SecretStore); they never go back out. Removing
 * an account removes its secrets too.
 */
import type { AccountConfig } from '../../shared/account-config'
import type { ConnectionTest } from '../../shared/ipc'
import type { AccountSummary } from '../../shared/model'
import { AppError } from '../../shared/result'
import { createProvider, secretFieldOf, type RuntimeAccount } from '../providers'
import type { Settings } from '../settings'
import type { SecretReader } from './app-accounts'
import type { Handlers } from './dispatch'

export interface AccountAdminDeps {
  settings: Settings
  secrets: SecretReader | undefined
  /** Save, resync sessions and tell the windows; returns the new summaries. */
  changed(): Promise<AccountSummary[]>
  now?: (() => number) | undefined
}

type AdminHandlers = Pick<
  Handlers,
  'accounts:configs' | 'accounts:test' | 'accounts:save' | 'accounts:remove'
>

function runtime(config: AccountConfig, secret: string, adminSecret?: string): RuntimeAccount {
  return adminSecret ? { ...config, secret, adminSecret } : { ...config, secret }
}

export function accountAdmin(deps: AccountAdminDeps): AdminHandlers {
  const writable = (): Required<SecretReader> => {
    const store = deps.secrets
    if (!store?.set || !store.deleteAccount) {
      throw new AppError(
        'unsupported',
        'Accounts cannot be changed here: there is no secret store.',
      )
    }
    return store as Required<SecretReader>
  }

  return {
    'accounts:configs': () => deps.settings.accounts,
    'accounts:test': async ({ config, secret, adminSecret }) => {
      const provider = createProvider(
        runtime(config, secret, adminSecret),
        deps.now ? { now: deps.now } : {},
      )
      try {
        const identity = await provider.signIn()
        const details = { ...identity.details }
        // jade: the event socket is part of the connection the agent relies on.
        const events = await provider.checkEvents?.()
        if (events) details.events = events
        const result: ConnectionTest = { ownExtension: identity.ownExtension, details }
        if (identity.displayName) result.displayName = identity.displayName
        return result
      } finally {
        await provider.close()
      }
    },
    'accounts:save': async ({ config, secret, adminSecret }) => {
      const store = writable()
      const existing = deps.settings.accounts.findIndex((a) => a.id === config.id)
      if (existing < 0 && !secret) {
        throw new AppError('invalid_argument', 'A new account needs its password, key or secret.')
      }
      if (existing >= 0 && deps.settings.accounts[existing]?.dialect !== config.dialect) {
        throw new AppError(
          'invalid_argument',
          'An account cannot change its PBX type; add a new one.',
        )
      }
      if (secret) await store.set(config.id, secretFieldOf[config.dialect], secret)
      if (adminSecret) await store.set(config.id, 'adminPassword', adminSecret)
      if (existing >= 0) deps.settings.accounts[existing] = config
      else deps.settings.accounts.push(config)
      return deps.changed()
    },
    'accounts:remove': async ({ accountId }) => {
      const index = deps.settings.accounts.findIndex((a) => a.id === accountId)
      if (index < 0) throw new AppError('not_found', 'That account does not exist.')
      await writable().deleteAccount(accountId)
      deps.settings.accounts.splice(index, 1)
      return deps.changed()
    },
  }
}
