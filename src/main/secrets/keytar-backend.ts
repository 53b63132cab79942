/**
 * The OS keychain through `@github/keytar` (macOS Keychain, Windows Credential
 * Manager, the Secret Service on Linux): service `Switchboard`, account
 * `<accountId>/<field>`. Loading is guarded: the native module may fail to load,
 * and on Linux the Secret Service may be missing or unreachable, so it is probed
 * with a read before it is trusted. Plain Node: no electron import.
 */
import { registerSecret } from '../../shared/redact'
import type { SecretBackend } from './secret-store'

export const KEYTAR_SERVICE = 'Switchboard'
/** An account name that is never stored: reading it proves the keychain answers. */
const PROBE_ACCOUNT = '__switchboard_probe__'
const PROBE_TIMEOUT_MS = 5_000

export interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}

export type KeytarOpen = { ok: true; keytar: Keytar } | { ok: false; reason: string }

type Importer = () => Promise<unknown>

const defaultImporter: Importer = () => import('@github/keytar')

function asKeytar(loaded: unknown): Keytar | null {
  // A CommonJS module imported from ESM arrives as `{ default: module }`.
  const candidates = [loaded, (loaded as { default?: unknown } | null)?.default]
  for (const candidate of candidates) {
    const mod = candidate as Partial<Keytar> | null | undefined
    if (
      typeof mod?.getPassword === 'function' &&
      typeof mod.setPassword === 'function' &&
      typeof mod.deletePassword === 'function' &&
      typeof mod.findCredentials === 'function'
    ) {
      return mod as Keytar
    }
  }
  return null
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.split('\n', 1)[0]!.slice(0, 200) : 'unknown error'
}

/** Load keytar and check that the keychain answers; never throws. */
export async function openKeytar(
  importer: Importer = defaultImporter,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<KeytarOpen> {
  let keytar: Keytar | null
  try {
    keytar = asKeytar(await importer())
  } catch (error) {
    return { ok: false, reason: `the keychain module could not be loaded (${message(error)})` }
  }
  if (!keytar) return { ok: false, reason: 'the keychain module has an unexpected shape' }

  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    await Promise.race([keytar.getPassword(KEYTAR_SERVICE, PROBE_ACCOUNT), timeout])
    return { ok: true, keytar }
  } catch (error) {
    return { ok: false, reason: `the system keychain is not reachable (${message(error)})` }
  } finally {
    clearTimeout(timer)
  }
}

export function createKeytarBackend(keytar: Keytar): SecretBackend {
  return {
    kind: 'keychain',
    get: (key) => keytar.getPassword(KEYTAR_SERVICE, key),
    set: (key, value) => keytar.setPassword(KEYTAR_SERVICE, key, value),
    delete: (key) => keytar.deletePassword(KEYTAR_SERVICE, key),
    keys: async () => {
      const found = await keytar.findCredentials(KEYTAR_SERVICE)
      // findCredentials hands back the passwords too; they are secrets in memory now.
      for (const { password } of found) registerSecret(password)
      return found.map(({ account }) => account).filter((account) => account !== PROBE_ACCOUNT)
    },
  }
}
