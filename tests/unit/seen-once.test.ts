import { describe, expect, it } from 'vitest'
import { SeenOnce } from '../../src/shared/seen-once'

describe('something happens once per id, and memory stays bounded', () => {
  it('says "first" only the first time an id is seen', () => {
    const seen = new SeenOnce(10)
    expect([seen.first('a'), seen.first('a'), seen.first('b'), seen.first('a')]).toEqual([
      true,
      false,
      true,
      false,
    ])
    expect(seen.has('a')).toBe(true)
    expect(seen.has('c')).toBe(false)
  })

  it('forgets the oldest id beyond its size, so a long day does not grow it for ever', () => {
    const seen = new SeenOnce(2)
    expect([seen.first('a'), seen.first('b'), seen.first('c')]).toEqual([true, true, true])
    expect(seen.size).toBe(2)
    // 'a' was the oldest: it is new again; 'c' is still remembered.
    expect(seen.has('a')).toBe(false)
    expect(seen.first('c')).toBe(false)
    expect(seen.first('a')).toBe(true)
    expect(seen.has('b')).toBe(false)
  })

  it('seeing an id again does not make it younger: the first sighting decides its age', () => {
    const seen = new SeenOnce(2)
    seen.first('a')
    seen.first('b')
    seen.first('a')
    seen.first('c')
    expect(seen.has('a')).toBe(false)
    expect(seen.has('b')).toBe(true)
  })

  it('refuses a size that could remember nothing', () => {
    expect(() => new SeenOnce(0)).toThrow(RangeError)
    expect(() => new SeenOnce(1.5)).toThrow(RangeError)
  })
})
