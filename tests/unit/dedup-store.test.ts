import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SessionStore, storeFileName } from '../../src/main/core/session/store'

const T0 = Date.UTC(2025, 0, 6)
const dir = (): Promise<string> => mkdtemp(join(tmpdir(), 'switchboard-store-'))

describe('session store (de-duplication memory)', () => {
  it('delivers an id once, and still knows it after a restart', async () => {
    const data = await dir()
    const first = await SessionStore.open(data, 'acc1', T0)
    expect(first.claim('call:c1', 'acc1:c1:ringing', T0)).toBe(true)
    expect(first.claim('call:c1', 'acc1:c1:ringing', T0)).toBe(false)
    first.setLastSureAt(T0 + 5000)
    await first.save(T0)
    const second = await SessionStore.open(data, 'acc1', T0 + 1000)
    expect(second.claim('call:c1', 'acc1:c1:ringing', T0)).toBe(false)
    expect(second.has('call:c1')).toBe(true)
    expect(second.lastSureAt).toBe(T0 + 5000)
    expect(second.createdAt).toBe(T0)
  })

  it('stays small: old and surplus entries are pruned on write', async () => {
    const data = await dir()
    const store = await SessionStore.open(data, 'acc1', T0, {
      maxEntries: 50,
      maxAgeMs: 86_400_000,
    })
    store.claim('call:ancient', 'x', T0 - 2 * 86_400_000)
    for (let i = 0; i < 200; i++) store.claim(`call:${i}`, `acc1:${i}:ringing`, T0 + i)
    await store.save(T0 + 1000)
    expect(store.entryCount()).toBe(50)
    expect(store.has('call:199')).toBe(true)
    expect(store.has('call:0')).toBe(false)
    expect(store.has('call:ancient')).toBe(false)
  })

  it('writes atomically: no temp files left, and concurrent saves end with the last state', async () => {
    const data = await dir()
    const store = await SessionStore.open(data, 'acc/1', T0)
    const saves: Promise<void>[] = []
    for (let i = 0; i < 20; i++) {
      store.claim(`call:${i}`, `id${i}`, T0)
      saves.push(store.save(T0))
    }
    await Promise.all(saves)
    const files = await readdir(join(data, 'sessions'))
    expect(files).toEqual([storeFileName('acc/1')])
    const saved = JSON.parse(await readFile(store.path, 'utf8')) as { entries: object }
    expect(Object.keys(saved.entries)).toHaveLength(20)
  })

  it('a corrupt file is kept aside and the session starts afresh', async () => {
    const data = await dir()
    await mkdir(join(data, 'sessions'), { recursive: true })
    await writeFile(join(data, 'sessions', storeFileName('acc1')), '{ not json')
    const store = await SessionStore.open(data, 'acc1', T0)
    expect(store.notice).toMatch(/could not be read/)
    expect(store.has('call:c1')).toBe(false)
    const files = await readdir(join(data, 'sessions'))
    expect(files.some((f) => f.endsWith('.bak'))).toBe(true)
  })
})
