/**
 * The secret store on each backend, and the promises that matter: nothing in
 * plain text on disk, nothing in a log. Backend choice: secrets-backend.test.ts.
 */
import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import { createEncryptedFileBackend } from '../../src/main/secrets/encrypted-file-backend'
import { createKeytarBackend, KEYTAR_SERVICE } from '../../src/main/secrets/keytar-backend'
import {
  createMemoryBackend,
  SecretStore,
  type SecretBackend,
} from '../../src/main/secrets/secret-store'
import { redact } from '../../src/shared/redact'
import { fakeKeytar } from '../support/fake-keytar'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

async function exercise(store: SecretStore): Promise<void> {
  expect(await store.get('acme', 'apiKey')).toBeNull()
  await store.set('acme', 'apiKey', 'first-secret-value')
  expect(await store.get('acme', 'apiKey')).toBe('first-secret-value')
  await store.set('acme', 'apiKey', 'second-secret-value')
  expect(await store.get('acme', 'apiKey')).toBe('second-secret-value')
  await store.set('acme', 'clientSecret', 'client-secret-value')
  await store.set('acme-2', 'apiKey', 'other-account-value')
  expect(await store.delete('acme', 'apiKey')).toBe(true)
  expect(await store.delete('acme', 'apiKey')).toBe(false)
  await store.set('acme', 'apiKey', 'third-secret-value')
  expect(await store.deleteAccount('acme')).toBe(2)
  expect(await store.get('acme', 'clientSecret')).toBeNull()
  // An account whose id starts the same is a different account.
  expect(await store.get('acme-2', 'apiKey')).toBe('other-account-value')
}

describe('SecretStore on each backend', () => {
  it('memory', async () => {
    const store = new SecretStore(createMemoryBackend())
    await exercise(store)
    expect(store.info.persistent).toBe(false)
  })

  it('keytar: service Switchboard, account <accountId>/<field>', async () => {
    const keytar = fakeKeytar()
    const store = new SecretStore(createKeytarBackend(keytar))
    await exercise(store)
    expect([...keytar.items.keys()]).toEqual([`${KEYTAR_SERVICE}\u0000acme-2/apiKey`])
    expect(store.kind).toBe('keychain')
  })

  it('safeStorage file: only ciphertext on disk, private file, survives a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-secrets-'))
    const path = join(dir, 'secrets.json')
    const { safeStorage } = fake.electron
    const store = new SecretStore(createEncryptedFileBackend(path, safeStorage))
    await exercise(store)
    await store.set('beta', 'password', 'plain-text-must-not-appear')
    const text = await readFile(path, 'utf8')
    expect(text).not.toContain('plain-text-must-not-appear')
    expect(text).not.toContain(Buffer.from('plain-text-must-not-appear').toString('base64'))
    expect(JSON.parse(text)).toMatchObject({ version: 1 })
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])

    const again = new SecretStore(createEncryptedFileBackend(path, safeStorage))
    expect(await again.get('beta', 'password')).toBe('plain-text-must-not-appear')
    expect(await again.get('acme-2', 'apiKey')).toBe('other-account-value')
  })

  it('safeStorage file: an unreadable file is kept aside and the store starts empty', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-secrets-'))
    const path = join(dir, 'secrets.json')
    await writeFile(path, '{not json')
    const notices: string[] = []
    const store = new SecretStore(
      createEncryptedFileBackend(path, fake.electron.safeStorage, {
        onNotice: (t) => notices.push(t),
      }),
    )
    expect(await store.get('acme', 'apiKey')).toBeNull()
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('{not json')
    expect(notices[0]).toMatch(/could not be read/)
  })

  it('safeStorage file: parallel writes all land', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-secrets-'))
    const path = join(dir, 'secrets.json')
    const store = new SecretStore(createEncryptedFileBackend(path, fake.electron.safeStorage))
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.set(`a${i}`, 'apiKey', `value-number-${i}`)),
    )
    const again = new SecretStore(createEncryptedFileBackend(path, fake.electron.safeStorage))
    for (let i = 0; i < 20; i += 1)
      expect(await again.get(`a${i}`, 'apiKey')).toBe(`value-number-${i}`)
  })

  it('registers every secret read or written with redact', async () => {
    const keytar = fakeKeytar()
    await keytar.setPassword(KEYTAR_SERVICE, 'acme/token', 'token-read-from-keychain')
    const store = new SecretStore(createKeytarBackend(keytar))
    await store.set('acme', 'apiKey', 'written-secret-1234')
    await store.get('acme', 'token')
    expect(redact('x written-secret-1234 y token-read-from-keychain')).toBe(
      'x [redacted] y [redacted]',
    )
  })

  it('refuses bad names and values without touching the backend', async () => {
    const backend: SecretBackend = { ...createMemoryBackend(), set: vi.fn() }
    const store = new SecretStore(backend)
    for (const [account, field] of [
      ['', 'apiKey'],
      ['a/b', 'apiKey'],
      ['acme', '../x'],
      ['acme', 'a'.repeat(65)],
    ]) {
      await expect(store.set(account!, field!, 'value')).rejects.toMatchObject({
        kind: 'invalid_argument',
      })
    }
    await expect(store.set('acme', 'apiKey', '')).rejects.toMatchObject({
      kind: 'invalid_argument',
    })
    await expect(store.set('acme', 'apiKey', 'x'.repeat(20_000))).rejects.toMatchObject({
      kind: 'invalid_argument',
    })
    await expect(store.deleteAccount('a/b')).rejects.toMatchObject({ kind: 'invalid_argument' })
    expect(backend.set).not.toHaveBeenCalled()
  })

  it('turns a backend failure into a generic error that quotes nothing', async () => {
    const backend: SecretBackend = {
      ...createMemoryBackend(),
      set: () => Promise.reject(new Error('dbus said: value=hunter2-secret')),
    }
    const error = await new SecretStore(backend)
      .set('acme', 'apiKey', 'hunter2-secret')
      .catch((e) => e)
    expect(error).toMatchObject({ kind: 'internal', message: 'The secret could not be stored.' })
  })
})
