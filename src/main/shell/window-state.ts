/**
 * The main window's size, position and maximised state, remembered in
 * `<userData>/window-state.json`. The file is validated on load (a corrupt or
 * hand-edited file means defaults, never a crash), the position is clamped to a
 * display that exists now (a monitor may have been unplugged), and writes are
 * debounced and atomic (a crash mid-write cannot leave half a file).
 */
import type { BrowserWindow } from 'electron'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { z } from 'zod'
import type { Logger } from '../log'
import type { Bounds } from './windows'

export const WINDOW_STATE_FILE = 'window-state.json'

const size = z.number().int().min(100).max(20_000)
const coordinate = z.number().int().min(-50_000).max(50_000)
const windowStateSchema = z.object({
  x: coordinate,
  y: coordinate,
  width: size,
  height: size,
  maximized: z.boolean(),
})

export type WindowState = z.infer<typeof windowStateSchema>

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export function parseWindowState(text: string): WindowState | null {
  try {
    const result = windowStateSchema.safeParse(JSON.parse(text))
    return result.success ? result.data : null
  } catch {
    return null
  }
}

function shared(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? { width, height } : { width: 0, height: 0 }
}

const overlap = (a: Rect, b: Rect): number => {
  const { width, height } = shared(a, b)
  return width * height
}

const clamp = (value: number, min: number, max: number): number =>
  Math.min(Math.max(value, min), Math.max(min, max))

/**
 * The main window's smallest size: narrow enough to dock beside a CRM (the
 * renderer switches to an icon-only sidebar and wrapping rows below 48rem).
 */
export const MAIN_WINDOW_MINIMUM = { width: 400, height: 480 } as const

/** Enough of the window to grab and drag back must be on a display. */
const MIN_VISIBLE = { width: 120, height: 60 }

/**
 * Bounds to open with: on the display the saved window overlaps most, shrunk to
 * fit it; without a position (centred by the OS) when it is on none of them.
 * `workAreas[0]` is the primary display.
 */
export function clampToDisplays(
  state: Rect,
  workAreas: readonly Rect[],
  minimum: { width: number; height: number } = MAIN_WINDOW_MINIMUM,
): Bounds {
  const primary = workAreas[0]
  if (!primary) return { width: state.width, height: state.height }
  let best = primary
  let bestArea = 0
  for (const area of workAreas) {
    const covered = overlap(state, area)
    if (covered > bestArea) [best, bestArea] = [area, covered]
  }
  const fit = (area: Rect): { width: number; height: number } => ({
    width: clamp(state.width, Math.min(minimum.width, area.width), area.width),
    height: clamp(state.height, Math.min(minimum.height, area.height), area.height),
  })
  const visible = shared(state, best)
  if (visible.width < MIN_VISIBLE.width || visible.height < MIN_VISIBLE.height) return fit(primary)
  const { width, height } = fit(best)
  return {
    x: clamp(state.x, best.x, best.x + best.width - width),
    y: clamp(state.y, best.y, best.y + best.height - height),
    width,
    height,
  }
}

export async function loadWindowState(file: string): Promise<WindowState | null> {
  try {
    return parseWindowState(await readFile(file, 'utf8'))
  } catch {
    return null
  }
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  const temporary = `${file}.tmp`
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, 'utf8')
  await rename(temporary, file)
}

export function windowStateOf(win: BrowserWindow): WindowState {
  // The normal bounds: saving a maximised window's full-screen size would make
  // "un-maximise" do nothing next time.
  const bounds = win.getNormalBounds()
  return { ...bounds, maximized: win.isMaximized() }
}

/** Save the window's state a moment after it stops moving, and once more on close. */
export function trackWindowState(
  win: BrowserWindow,
  file: string,
  options: { delayMs?: number; log?: Logger } = {},
): void {
  let timer: NodeJS.Timeout | undefined
  let writing: Promise<void> = Promise.resolve()
  const save = (): void => {
    clearTimeout(timer)
    timer = undefined
    if (win.isDestroyed()) return
    const state = windowStateOf(win)
    writing = writing
      .then(() => saveWindowState(file, state))
      .catch((error: unknown) => options.log?.warn('the window state could not be saved', error))
  }
  const later = (): void => {
    clearTimeout(timer)
    timer = setTimeout(save, options.delayMs ?? 500)
  }
  for (const name of ['resize', 'move', 'maximize', 'unmaximize'] as const) {
    win.on(name as 'resize', later)
  }
  win.on('close', save)
}
