/**
 * Which secret backend to use, decided from plain facts so every rule is tested:
 * the OS keychain first; then Electron's safeStorage, but only when it really
 * encrypts (on Linux `basic_text` means a hard-coded key, i.e. plain text in
 * disguise); otherwise memory for this run only, and the UI says so.
 */
import type { SecretBackendKind } from './secret-store'

export interface BackendFacts {
  platform: NodeJS.Platform
  keytar: { ok: true } | { ok: false; reason: string }
  safeStorage: {
    /** `safeStorage.isEncryptionAvailable()`, asked after the app is ready. */
    available: boolean
    /** `safeStorage.getSelectedStorageBackend()`; Linux only. */
    linuxBackend?: string
  }
}

export interface BackendChoice {
  kind: SecretBackendKind
  persistent: boolean
  /** Why better backends were passed over, for the log. */
  reasons: string[]
  /** For the UI, when the choice limits the user. */
  notice?: string
}

export const MEMORY_NOTICE =
  'No system keychain or encryption is available: secrets are kept only until you quit.'

/** Linux safeStorage backends that do not protect the key (see Electron's safeStorage docs). */
const weakLinuxBackends = new Set(['basic_text', 'unknown'])

export function chooseSecretBackend(facts: BackendFacts): BackendChoice {
  const reasons: string[] = []
  if (facts.keytar.ok) return { kind: 'keychain', persistent: true, reasons }
  reasons.push(facts.keytar.reason)

  if (!facts.safeStorage.available) {
    reasons.push('safeStorage encryption is not available')
  } else if (
    facts.platform === 'linux' &&
    // `unknown` is also what it says before the app is ready: not proof of encryption.
    weakLinuxBackends.has(facts.safeStorage.linuxBackend ?? 'unknown')
  ) {
    reasons.push(
      `safeStorage uses the "${facts.safeStorage.linuxBackend ?? 'unknown'}" backend, which does not protect secrets`,
    )
  } else {
    return { kind: 'safe-storage', persistent: true, reasons }
  }
  return { kind: 'memory', persistent: false, reasons, notice: MEMORY_NOTICE }
}
