/**
 * The incoming-call popup window: shown without taking focus (the agent may be
 * typing elsewhere) in the bottom-right corner of the primary display, above
 * everything. popup-controller.ts decides; this file moves the window.
 */
import { screen, type BrowserWindow } from 'electron'
import type { AppCore } from '../core/app/app-core'
import { createPopupController, type PopupAction } from './popup-controller'
import { popupBounds } from './popup-bounds'
import { createPopupWindow } from './windows'

export interface PopupOptions {
  outDir: string
  /** Track the window as ours (IPC trust, pushed events). */
  adopt(win: BrowserWindow): void
}

export function setupIncomingPopup(core: AppCore, options: PopupOptions): () => void {
  const controller = createPopupController(core.preferences().incomingAlert)
  let win: BrowserWindow | null = null

  const place = (count: number): BrowserWindow => {
    const bounds = popupBounds(screen.getPrimaryDisplay().workArea, count)
    if (!win || win.isDestroyed()) {
      // Created on first use and then kept hidden: the next call pops up at once.
      win = createPopupWindow(options.outDir, bounds)
      options.adopt(win)
    } else win.setBounds(bounds)
    return win
  }

  const apply = (action: PopupAction): void => {
    if (action.type === 'show') place(action.count).showInactive()
    else if (action.type === 'update') place(action.count)
    else if (action.type === 'hide' && win && !win.isDestroyed()) win.hide()
  }

  return core.events.on((event) => {
    if (event.name === 'call:event' && event.payload.type === 'call.ringing') {
      apply(controller.handle({ type: 'ringing', call: event.payload.call }))
    } else if (event.name === 'calls:changed') {
      apply(controller.handle({ type: 'calls', ...event.payload }))
    } else if (event.name === 'settings:changed') {
      apply(controller.handle({ type: 'alert', alert: event.payload.incomingAlert }))
    }
  })
}
