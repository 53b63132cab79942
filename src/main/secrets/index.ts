/**
 * The Electron adapter for secrets: gathers the facts (keytar loads and answers?
 * safeStorage really encrypts?), lets `chooseSecretBackend` decide, and builds
 * the store. Call after `app.whenReady()`: safeStorage answers only then.
 */
import { safeStorage } from 'electron'
import { join } from 'node:path'
import type { Logger } from '../log'
import { chooseSecretBackend, type BackendFacts } from './choose-backend'
import { createEncryptedFileBackend, SECRETS_FILE_NAME } from './encrypted-file-backend'
import { createKeytarBackend, openKeytar, type KeytarOpen } from './keytar-backend'
import { createMemoryBackend, SecretStore, type SecretBackend } from './secret-store'

export { SecretStore } from './secret-store'
export type { SecretBackendKind } from './secret-store'

export interface OpenSecretStoreOptions {
  /** `app.getPath('userData')`. */
  dataDir: string
  log?: Logger
  platform?: NodeJS.Platform
  /** For tests: stands in for loading and probing keytar. */
  openKeytar?: () => Promise<KeytarOpen>
}

function safeStorageFacts(platform: NodeJS.Platform): BackendFacts['safeStorage'] {
  try {
    const available = safeStorage.isEncryptionAvailable()
    if (platform !== 'linux') return { available }
    return { available, linuxBackend: safeStorage.getSelectedStorageBackend() }
  } catch {
    return { available: false }
  }
}

export async function openSecretStore(options: OpenSecretStoreOptions): Promise<SecretStore> {
  const platform = options.platform ?? process.platform
  const keytar = await (options.openKeytar ?? openKeytar)()
  const choice = chooseSecretBackend({
    platform,
    keytar: keytar.ok ? { ok: true } : { ok: false, reason: keytar.reason },
    safeStorage: safeStorageFacts(platform),
  })
  for (const reason of choice.reasons) options.log?.warn(`Secrets: ${reason}.`)
  options.log?.info(`Secrets are kept in: ${choice.kind}.`)

  let backend: SecretBackend
  if (choice.kind === 'keychain' && keytar.ok) backend = createKeytarBackend(keytar.keytar)
  else if (choice.kind === 'safe-storage') {
    backend = createEncryptedFileBackend(join(options.dataDir, SECRETS_FILE_NAME), safeStorage, {
      onNotice: (text) => options.log?.warn(text),
    })
  } else backend = createMemoryBackend()

  return new SecretStore(backend, {
    persistent: choice.persistent,
    ...(choice.notice ? { notice: choice.notice } : {}),
  })
}
