/**
 * The remembered window: a bad file means defaults, a window left on an
 * unplugged monitor comes back on screen, and saving is atomic and debounced.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import {
  clampToDisplays,
  loadWindowState,
  parseWindowState,
  saveWindowState,
} from '../../src/main/shell/window-state'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

const primary = { x: 0, y: 0, width: 1920, height: 1040 }
const right = { x: 1920, y: 0, width: 1280, height: 1024 }

describe('parseWindowState', () => {
  it('reads a valid file', () => {
    const state = { x: 10, y: 20, width: 1000, height: 700, maximized: true }
    expect(parseWindowState(JSON.stringify(state))).toEqual(state)
  })

  it.each([
    '',
    '{',
    'null',
    '[]',
    '{"x":0,"y":0,"width":1000}',
    '{"x":0,"y":0,"width":"1000","height":700,"maximized":false}',
    '{"x":0,"y":0,"width":5,"height":700,"maximized":false}',
    '{"x":1e9,"y":0,"width":1000,"height":700,"maximized":false}',
    '{"x":0.5,"y":0,"width":1000,"height":700,"maximized":false}',
  ])('treats %j as no saved state', (text) => {
    expect(parseWindowState(text)).toBeNull()
  })
})

describe('clampToDisplays', () => {
  it('keeps a window that is on a display', () => {
    expect(clampToDisplays({ x: 100, y: 80, width: 1000, height: 700 }, [primary])).toEqual({
      x: 100,
      y: 80,
      width: 1000,
      height: 700,
    })
  })

  it('brings a window hanging off the edge fully onto its display', () => {
    expect(clampToDisplays({ x: 1500, y: 900, width: 1000, height: 700 }, [primary])).toEqual({
      x: 920,
      y: 340,
      width: 1000,
      height: 700,
    })
  })

  it('keeps it on the second monitor, shrunk to fit', () => {
    expect(
      clampToDisplays({ x: 2000, y: 10, width: 1600, height: 1200 }, [primary, right]),
    ).toEqual({ x: 1920, y: 0, width: 1280, height: 1024 })
  })

  it('drops the position of a window on an unplugged monitor (the OS centres it)', () => {
    expect(clampToDisplays({ x: 3500, y: 100, width: 1000, height: 700 }, [primary])).toEqual({
      width: 1000,
      height: 700,
    })
    // Only a sliver visible counts as lost too.
    expect(clampToDisplays({ x: 1900, y: 100, width: 1000, height: 700 }, [primary])).toEqual({
      width: 1000,
      height: 700,
    })
  })
})

describe('a window docked beside other work', () => {
  it('keeps a 420 px wide window at 420 px instead of widening it', () => {
    expect(clampToDisplays({ x: 1500, y: 0, width: 420, height: 1000 }, [primary])).toEqual({
      x: 1500,
      y: 0,
      width: 420,
      height: 1000,
    })
  })
})

describe('saving and loading', () => {
  it('writes atomically (no temporary file left) and reads back; a corrupt file loads as null', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-window-'))
    const file = join(dir, 'window-state.json')
    expect(await loadWindowState(file)).toBeNull()
    await saveWindowState(file, { x: 1, y: 2, width: 800, height: 600, maximized: false })
    expect(await readdir(dir)).toEqual(['window-state.json'])
    expect(await loadWindowState(file)).toEqual({
      x: 1,
      y: 2,
      width: 800,
      height: 600,
      maximized: false,
    })
    await writeFile(file, '{"x":1,')
    expect(await loadWindowState(file)).toBeNull()
  })

  it('saves once after the window stops moving, and on close, with the normal bounds', async () => {
    vi.useFakeTimers()
    try {
      const { trackWindowState } = await import('../../src/main/shell/window-state')
      const dir = await mkdtemp(join(tmpdir(), 'sb-window-'))
      const file = join(dir, 'window-state.json')
      const win = new fake.FakeBrowserWindow({ x: 5, y: 6, width: 900, height: 650 })
      trackWindowState(win as never, file, { delayMs: 500 })
      win.emit('move')
      win.setBounds({ x: 50 })
      win.emit('move')
      await vi.advanceTimersByTimeAsync(499)
      await expect(readFile(file, 'utf8')).rejects.toThrow()
      await vi.advanceTimersByTimeAsync(1)
      await vi.waitFor(async () =>
        expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
          x: 50,
          y: 6,
          width: 900,
          height: 650,
          maximized: false,
        }),
      )
      win.maximize()
      win.emit('close', { preventDefault: () => undefined })
      await vi.waitFor(async () =>
        expect(JSON.parse(await readFile(file, 'utf8')).maximized).toBe(true),
      )
    } finally {
      vi.useRealTimers()
    }
  })
})
