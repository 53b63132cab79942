/**
 * One place for account credentials (API keys, client secrets, passwords,
 * tokens). A secret is named by account id and field, e.g. `acme` + `apiKey`,
 * and stored by a backend chosen at start (`choose-backend.ts`). Every value that
 * passes through is registered with `redact`, so it cannot reach a log or an
 * error message. Plain Node: no electron import (the keychain test runs this).
 */
import { registerSecret } from '../../shared/redact'
import { AppError } from '../../shared/result'

export type SecretBackendKind = 'keychain' | 'safe-storage' | 'memory'

/** Storage keyed by `<accountId>/<field>`; values are secrets. */
export interface SecretBackend {
  readonly kind: SecretBackendKind
  get(key: string): Promise<string | null>
  set(key: string, value: string): Promise<void>
  delete(key: string): Promise<boolean>
  /** Every stored key; used to remove all of one account's secrets. */
  keys(): Promise<string[]>
}

// Same alphabet as account ids (`accountIdSchema`): `/` can then only be the separator.
const namePattern = /^[A-Za-z0-9_-]{1,64}$/
/** Far above any real credential; stops a runaway value from filling the keychain. */
export const MAX_SECRET_LENGTH = 16 * 1024

export function secretKey(accountId: string, field: string): string {
  if (!namePattern.test(accountId)) throw new AppError('invalid_argument', 'Invalid account id.')
  if (!namePattern.test(field)) throw new AppError('invalid_argument', 'Invalid secret name.')
  return `${accountId}/${field}`
}

export interface SecretStoreInfo {
  /** False when secrets live in memory only and are gone after quitting. */
  persistent: boolean
  /** A sentence the UI can show about where secrets are kept, when it matters. */
  notice?: string
}

export class SecretStore {
  constructor(
    private readonly backend: SecretBackend,
    readonly info: SecretStoreInfo = { persistent: backend.kind !== 'memory' },
  ) {}

  get kind(): SecretBackendKind {
    return this.backend.kind
  }

  async get(accountId: string, field: string): Promise<string | null> {
    const key = secretKey(accountId, field)
    const value = await this.guard('read', () => this.backend.get(key))
    registerSecret(value)
    return value
  }

  async set(accountId: string, field: string, value: string): Promise<void> {
    const key = secretKey(accountId, field)
    if (typeof value !== 'string' || value === '') {
      throw new AppError('invalid_argument', 'A secret cannot be empty.')
    }
    if (value.length > MAX_SECRET_LENGTH) {
      throw new AppError('invalid_argument', 'The secret is too long.')
    }
    registerSecret(value)
    await this.guard('store', () => this.backend.set(key, value))
  }

  async delete(accountId: string, field: string): Promise<boolean> {
    const key = secretKey(accountId, field)
    return this.guard('delete', () => this.backend.delete(key))
  }

  /** Remove every secret of one account; returns how many were removed. */
  async deleteAccount(accountId: string): Promise<number> {
    if (!namePattern.test(accountId)) throw new AppError('invalid_argument', 'Invalid account id.')
    const prefix = `${accountId}/`
    const keys = await this.guard('list', () => this.backend.keys())
    let removed = 0
    for (const key of keys) {
      if (key.startsWith(prefix) && (await this.guard('delete', () => this.backend.delete(key)))) {
        removed += 1
      }
    }
    return removed
  }

  /**
   * Backend errors become one generic AppError: a keychain message could quote
   * the item, and the UI only needs to know that the keychain failed.
   */
  private async guard<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (error) {
      if (error instanceof AppError) throw error
      throw new AppError('internal', `The secret could not be ${actionWords[action] ?? action}.`)
    }
  }
}

const actionWords: Record<string, string> = {
  read: 'read',
  store: 'stored',
  delete: 'deleted',
  list: 'listed',
}

/** Secrets for this run only: used when nothing can keep them safely on disk. */
export function createMemoryBackend(): SecretBackend {
  const values = new Map<string, string>()
  return {
    kind: 'memory',
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => {
      values.set(key, value)
    },
    delete: async (key) => values.delete(key),
    keys: async () => [...values.keys()],
  }
}
