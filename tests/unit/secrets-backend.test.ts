/**
 * Choosing the secret backend: the pure rules, the guarded keytar loading, and
 * the Electron adapter that puts them together, with a mocked `electron`.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import { fakeKeytar } from '../support/fake-keytar'
import { chooseSecretBackend, MEMORY_NOTICE } from '../../src/main/secrets/choose-backend'
import { openKeytar } from '../../src/main/secrets/keytar-backend'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

describe('chooseSecretBackend', () => {
  const noKeytar = { ok: false as const, reason: 'the system keychain is not reachable' }
  it.each([
    [
      'keytar works',
      { platform: 'linux', keytar: { ok: true }, safeStorage: { available: false } },
      'keychain',
    ],
    [
      'mac without keytar',
      { platform: 'darwin', keytar: noKeytar, safeStorage: { available: true } },
      'safe-storage',
    ],
    [
      'windows without keytar',
      { platform: 'win32', keytar: noKeytar, safeStorage: { available: true } },
      'safe-storage',
    ],
    [
      'linux libsecret',
      {
        platform: 'linux',
        keytar: noKeytar,
        safeStorage: { available: true, linuxBackend: 'gnome_libsecret' },
      },
      'safe-storage',
    ],
    [
      'linux kwallet',
      {
        platform: 'linux',
        keytar: noKeytar,
        safeStorage: { available: true, linuxBackend: 'kwallet5' },
      },
      'safe-storage',
    ],
    [
      'linux basic_text',
      {
        platform: 'linux',
        keytar: noKeytar,
        safeStorage: { available: true, linuxBackend: 'basic_text' },
      },
      'memory',
    ],
    [
      'linux unknown (before ready)',
      {
        platform: 'linux',
        keytar: noKeytar,
        safeStorage: { available: true, linuxBackend: 'unknown' },
      },
      'memory',
    ],
    [
      'linux no backend given',
      { platform: 'linux', keytar: noKeytar, safeStorage: { available: true } },
      'memory',
    ],
    [
      'nothing available',
      { platform: 'win32', keytar: noKeytar, safeStorage: { available: false } },
      'memory',
    ],
  ] as const)('%s → %s', (_label, facts, kind) => {
    const choice = chooseSecretBackend(facts)
    expect(choice.kind).toBe(kind)
    expect(choice.persistent).toBe(kind !== 'memory')
    expect(choice.notice).toBe(kind === 'memory' ? MEMORY_NOTICE : undefined)
    if (kind !== 'keychain') expect(choice.reasons[0]).toBe(noKeytar.reason)
  })
})

describe('openKeytar', () => {
  it('accepts a working module, also as a default export', async () => {
    const keytar = fakeKeytar()
    expect((await openKeytar(async () => keytar)).ok).toBe(true)
    expect((await openKeytar(async () => ({ default: keytar }))).ok).toBe(true)
  })

  it('falls back when require throws', async () => {
    const result = await openKeytar(async () => {
      throw new Error('libsecret-1.so.0: cannot open shared object file')
    })
    expect(result).toEqual({
      ok: false,
      reason:
        'the keychain module could not be loaded (libsecret-1.so.0: cannot open shared object file)',
    })
  })

  it('falls back when the module has the wrong shape', async () => {
    expect((await openKeytar(async () => ({ getPassword: 1 }))).ok).toBe(false)
  })

  it('falls back when the Secret Service answers with an error or not at all', async () => {
    const failing = {
      ...fakeKeytar(),
      getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus')),
    }
    expect(await openKeytar(async () => failing)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not reachable.*D-Bus/),
    })
    const hanging = { ...fakeKeytar(), getPassword: () => new Promise<null>(() => {}) }
    expect(await openKeytar(async () => hanging, 50)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no answer within 50 ms/),
    })
  })
})

describe('openSecretStore with electron', () => {
  async function open(platform: NodeJS.Platform, keytarOk: boolean) {
    const { openSecretStore } = await import('../../src/main/secrets/index')
    const { memoryLogger } = await import('../../src/main/log')
    const log = memoryLogger()
    const keytar = fakeKeytar()
    const store = await openSecretStore({
      dataDir: await mkdtemp(join(tmpdir(), 'sb-open-')),
      log,
      platform,
      openKeytar: async () =>
        keytarOk
          ? { ok: true, keytar }
          : { ok: false, reason: 'the keychain module could not be loaded (x)' },
    })
    return { store, log, keytar }
  }

  it('uses the keychain when keytar answers', async () => {
    const { store, keytar } = await open('linux', true)
    expect(store.kind).toBe('keychain')
    await store.set('acme', 'apiKey', 'keychain-value-1')
    expect(keytar.items.size).toBe(1)
  })

  it('falls back to safeStorage, then to memory on basic_text, and says so', async () => {
    const first = await open('linux', false)
    expect(first.store.kind).toBe('safe-storage')
    await first.store.set('acme', 'apiKey', 'safe-storage-value')
    expect(await first.store.get('acme', 'apiKey')).toBe('safe-storage-value')

    fake.electron.safeStorage.backend = 'basic_text'
    const second = await open('linux', false)
    expect(second.store.kind).toBe('memory')
    expect(second.store.info).toEqual({ persistent: false, notice: MEMORY_NOTICE })
    expect(second.log.lines.join('\n')).toMatch(/basic_text/)
  })

  it('uses memory when safeStorage cannot encrypt', async () => {
    fake.electron.safeStorage.available = false
    expect((await open('darwin', false)).store.kind).toBe('memory')
  })

  it('never logs a secret', async () => {
    const { store, log } = await open('linux', false)
    await store.set('acme', 'apiKey', 'very-secret-api-key')
    await store.get('acme', 'apiKey')
    expect(log.lines.join('\n')).not.toContain('very-secret-api-key')
  })
})
