/**
 * Our windows as a set: which webContents are ours (the IPC sender check), the
 * events each receives, and the main window's life: remembered bounds, focus
 * signals, and "close" meaning "hide to the tray" when the agent wants that.
 */
import type { Notice } from '../../shared/notice'
import { wordsFor } from '../../shared/tray-words'
import { contextMenuWordsFor } from '../../shared/context-menu-words'
import { app, Notification, screen, type BrowserWindow, type WebContents } from 'electron'
import { join } from 'node:path'
import type { AppCore } from '../core/app/app-core'
import type { EventPayloads } from '../../shared/ipc'
import { sendEvent } from '../ipc'
import type { Logger } from '../log'
import { attachContextMenu } from './context-menu'
import {
  clampToDisplays,
  loadWindowState,
  trackWindowState,
  WINDOW_STATE_FILE,
} from './window-state'
import { createMainWindow } from './windows'

export const TRAY_HINT =
  'Switchboard keeps running in the tray: calls still pop up. Quit from the tray menu.'

export interface AppWindowsOptions {
  outDir: string
  dataDir: string
  core: AppCore
  log?: Logger
  platform?: NodeJS.Platform
}

export interface AppWindows {
  /** Create the main window (once; again on macOS after it was closed). */
  openMain(): Promise<BrowserWindow>
  /** Bring the main window forward: from the tray, a second instance, a notification. */
  showMain(): void
  main(): BrowserWindow | null
  isOwn(contents: WebContents): boolean
  /** Treat a window as ours: trusted for IPC, sent every core event, given the context menu. */
  adopt(win: BrowserWindow): void
  onMainFocus(listener: () => void): void
  onMainBlur(listener: () => void): void
  /** From `before-quit` on, closing the window closes it. */
  setQuitting(): void
}

export function setupWindows(options: AppWindowsOptions): AppWindows {
  const { core, log } = options
  const platform = options.platform ?? process.platform
  const own = new Set<number>()
  const focusListeners: (() => void)[] = []
  const blurListeners: (() => void)[] = []
  let main: BrowserWindow | null = null
  let opening: Promise<BrowserWindow> | null = null
  let quitting = false
  // Said before any page could listen (secrets fallback, a settings file set aside):
  // replayed to the first main window once its page has loaded.
  let startupNotices: Notice[] | null = [...core.notices]
  // "Open contact" from the popup window while no main window exists (macOS, after
  // closing it): the window it opens gets the request once its page has loaded.
  let pendingContact: EventPayloads['contact:show'] | null = null

  const adopt = (win: BrowserWindow): void => {
    const id = win.webContents.id
    own.add(id)
    attachContextMenu(win, () =>
      contextMenuWordsFor(core.preferences().language, app.getPreferredSystemLanguages()),
    )
    const unsubscribe = core.events.on((event) => sendEvent(win.webContents, event))
    win.on('closed', () => {
      own.delete(id)
      unsubscribe()
    })
  }

  const hideToTray = (win: BrowserWindow): void => {
    win.hide()
    if (core.preferences().trayHintShown) return
    core.notify('info', TRAY_HINT, { code: 'tray_hint' })
    // The window is hidden now, so the notice above is read later; say it now too.
    if (Notification.isSupported())
      new Notification({
        title: 'Switchboard',
        body: wordsFor(core.preferences().language, app.getPreferredSystemLanguages()).trayHint,
      }).show()
    core.setPreferences({ trayHintShown: true }).catch((error: unknown) => {
      log?.warn('could not remember that the tray hint was shown', error)
    })
  }

  const create = async (): Promise<BrowserWindow> => {
    const stateFile = join(options.dataDir, WINDOW_STATE_FILE)
    const saved = await loadWindowState(stateFile)
    const primary = screen.getPrimaryDisplay()
    const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map(
      (d) => d.workArea,
    )
    const win = createMainWindow(options.outDir, saved ? clampToDisplays(saved, areas) : undefined)
    if (saved?.maximized) win.maximize()
    trackWindowState(win, stateFile, log ? { log } : {})
    adopt(win)
    win.on('focus', () => focusListeners.forEach((listener) => listener()))
    win.on('blur', () => blurListeners.forEach((listener) => listener()))
    win.webContents.once('did-finish-load', () => {
      for (const payload of startupNotices ?? []) {
        sendEvent(win.webContents, { name: 'notice', payload })
      }
      startupNotices = null
      if (pendingContact)
        sendEvent(win.webContents, { name: 'contact:show', payload: pendingContact })
      pendingContact = null
    })
    // Windows logging off or shutting down: hiding instead of closing would block it.
    win.on('query-session-end', () => void (quitting = true))
    win.on('close', (event) => {
      if (quitting || !core.preferences().closeToTray) return
      event.preventDefault()
      hideToTray(win)
    })
    win.on('closed', () => {
      main = null
      // Closed for real (tray off): quit, even if the hidden popup window remains.
      if (!quitting && platform !== 'darwin') app.quit()
    })
    main = win
    return win
  }

  const openMain = (): Promise<BrowserWindow> => {
    if (main && !main.isDestroyed()) return Promise.resolve(main)
    opening ??= create().finally(() => (opening = null))
    return opening
  }

  const showMain = (): void => {
    void openMain().then((win) => {
      if (win.isMinimized()) win.restore()
      win.show()
      win.focus()
    })
  }
  core.events.on((event) => {
    if (event.name !== 'contact:show') return
    if (!main || main.isDestroyed()) pendingContact = event.payload
    showMain()
  })

  return {
    openMain,
    showMain,
    main: () => main,
    isOwn: (contents) => own.has(contents.id),
    adopt,
    onMainFocus: (listener) => void focusListeners.push(listener),
    onMainBlur: (listener) => void blurListeners.push(listener),
    setQuitting: () => void (quitting = true),
  }
}
