/**
 * Where the incoming-call popup window sits and how big it is. Pure (no Electron)
 * so the end-to-end test can open the popup page at exactly the window's size.
 *
 * The popup page lays each call out at a fixed height (one line per fact, the
 * buttons in at most two rows; see PopupApp.vue), so these numbers are the
 * content's real size, checked in Chromium by tests/e2e/popup-size.test.ts.
 */
import type { Rect } from './window-state'

export const POPUP_WIDTH = 360
/** One call: the page's padding plus one card. */
export const POPUP_BASE_HEIGHT = 208
/** Each further call: one card plus the gap between cards. */
export const POPUP_PER_EXTRA_CALL = 200
export const POPUP_MAX_CALLS_SHOWN = 3
const MARGIN = 12

export interface PopupBounds {
  x: number
  y: number
  width: number
  height: number
}

/** Bottom-right of the work area (above the taskbar or dock), taller for more calls. */
export function popupBounds(workArea: Rect, count: number): PopupBounds {
  const extra = Math.min(Math.max(count, 1), POPUP_MAX_CALLS_SHOWN) - 1
  const width = Math.min(POPUP_WIDTH, workArea.width - 2 * MARGIN)
  const height = Math.min(
    POPUP_BASE_HEIGHT + extra * POPUP_PER_EXTRA_CALL,
    workArea.height - 2 * MARGIN,
  )
  return {
    x: workArea.x + workArea.width - width - MARGIN,
    y: workArea.y + workArea.height - height - MARGIN,
    width,
    height,
  }
}
