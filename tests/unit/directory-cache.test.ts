import { describe, expect, it } from 'vitest'
import { DirectoryCache, DIRECTORY_TTL_MS } from '../../src/main/providers/directory-cache'

function office(): { cache: DirectoryCache<string[]>; loads: () => number; clock: { t: number } } {
  const clock = { t: 1_000 }
  let loads = 0
  const cache = new DirectoryCache(
    async () => {
      loads++
      return [`list ${loads}`]
    },
    [],
    () => clock.t,
  )
  return { cache, loads: () => loads, clock }
}

describe('the office directory is listed once per ten minutes', () => {
  it('polls within ten minutes reuse the list; after that it is listed again', async () => {
    const { cache, loads, clock } = office()
    expect(cache.current).toEqual([])
    expect(await cache.get()).toEqual(['list 1'])
    clock.t += DIRECTORY_TTL_MS - 1
    expect(await cache.get()).toEqual(['list 1'])
    expect(loads()).toBe(1)
    clock.t += 1
    expect(await cache.get()).toEqual(['list 2'])
    expect(cache.current).toEqual(['list 2'])
  })

  it('polls that ask at the same time share one listing', async () => {
    const { cache, loads } = office()
    const answers = await Promise.all([cache.get(), cache.get(true), cache.get()])
    expect(loads()).toBe(1)
    expect(new Set(answers).size).toBe(1)
  })

  it('a sign-in (force) or forget lists it again at once', async () => {
    const { cache, loads } = office()
    await cache.get()
    await cache.get(true)
    expect(loads()).toBe(2)
    cache.forget()
    await cache.get()
    expect(loads()).toBe(3)
  })

  it('a failed listing keeps the last directory and is tried again on the next poll', async () => {
    const clock = { t: 0 }
    let fail = false
    const cache = new DirectoryCache(
      async () => {
        if (fail) throw new Error('offline')
        return ['ok']
      },
      [] as string[],
      () => clock.t,
    )
    await cache.get()
    fail = true
    clock.t += DIRECTORY_TTL_MS
    await expect(cache.get()).rejects.toThrow('offline')
    expect(cache.current).toEqual(['ok'])
    fail = false
    expect(await cache.get()).toEqual(['ok'])
  })
})
