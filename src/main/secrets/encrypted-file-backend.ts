/**
 * Secrets encrypted with Electron's `safeStorage` (passed in as a cipher, so this
 * file stays plain Node) and kept in one JSON file in the app data folder:
 * `{ version, secrets: { "<accountId>/<field>": "<base64 ciphertext>" } }`.
 * Only ciphertext is ever written or kept in memory; writes are atomic (temp file,
 * fsync, rename) and serialised, and the file is readable by the user only.
 */
import { promises as fs } from 'node:fs'
import { dirname } from 'node:path'
import { randomBytes } from 'node:crypto'
import { registerSecret } from '../../shared/redact'
import type { SecretBackend } from './secret-store'

export interface StringCipher {
  encryptString(text: string): Buffer
  decryptString(data: Buffer): string
}

export const SECRETS_FILE_NAME = 'secrets.json'
const FILE_VERSION = 1

type CipherMap = Map<string, string>

function parseFile(text: string): CipherMap {
  const data = JSON.parse(text) as unknown
  if (typeof data !== 'object' || data === null) throw new Error('not an object')
  const { version, secrets } = data as { version?: unknown; secrets?: unknown }
  if (version !== FILE_VERSION || typeof secrets !== 'object' || secrets === null) {
    throw new Error('unknown format')
  }
  const map: CipherMap = new Map()
  for (const [key, value] of Object.entries(secrets)) {
    if (typeof value === 'string' && /^[A-Za-z0-9+/=]*$/.test(value)) map.set(key, value)
  }
  return map
}

export interface EncryptedFileOptions {
  /** Told when the file could not be read and was set aside; never given a secret. */
  onNotice?: (text: string) => void
}

export function createEncryptedFileBackend(
  path: string,
  cipher: StringCipher,
  options: EncryptedFileOptions = {},
): SecretBackend {
  let loaded: Promise<CipherMap> | null = null
  let writing: Promise<void> = Promise.resolve()

  const load = (): Promise<CipherMap> => {
    loaded ??= (async () => {
      let text: string
      try {
        text = await fs.readFile(path, 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map()
        throw error
      }
      try {
        return parseFile(text)
      } catch {
        // Keep the unreadable file: its ciphertext may still be recoverable.
        const backup = `${path}.bak`
        await fs.rename(path, backup)
        options.onNotice?.(
          `The saved secrets could not be read; the file was kept as ${backup}. Sign in again.`,
        )
        return new Map()
      }
    })()
    return loaded
  }

  const save = (map: CipherMap): Promise<void> => {
    const run = async (): Promise<void> => {
      await fs.mkdir(dirname(path), { recursive: true })
      const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
      const body = { version: FILE_VERSION, secrets: Object.fromEntries(map) }
      const handle = await fs.open(temp, 'w', 0o600)
      try {
        await handle.writeFile(`${JSON.stringify(body, null, 2)}\n`, 'utf8')
        await handle.sync()
      } finally {
        await handle.close()
      }
      await fs.rename(temp, path)
    }
    // One write at a time, each with the latest map; a failed write does not block the next.
    writing = writing.then(run, run)
    return writing
  }

  return {
    kind: 'safe-storage',
    async get(key) {
      const cipherText = (await load()).get(key)
      if (cipherText === undefined) return null
      const value = cipher.decryptString(Buffer.from(cipherText, 'base64'))
      registerSecret(value)
      return value
    },
    async set(key, value) {
      registerSecret(value)
      const map = await load()
      map.set(key, cipher.encryptString(value).toString('base64'))
      await save(map)
    },
    async delete(key) {
      const map = await load()
      if (!map.delete(key)) return false
      await save(map)
      return true
    },
    async keys() {
      return [...(await load()).keys()]
    },
  }
}
