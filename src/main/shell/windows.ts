/**
 * The app's windows, locked down as Electron's security checklist asks. Options
 * are built by plain functions so a test can check exactly what is used.
 */
import {
  app,
  BrowserWindow,
  session,
  shell,
  type BrowserWindowConstructorOptions,
  type WebContents,
  type WebPreferences,
} from 'electron'
import { join } from 'node:path'
import { APP_INDEX_URL, POPUP_URL } from './app-protocol'
import { MAIN_WINDOW_MINIMUM } from './window-state'

export interface Bounds {
  x?: number
  y?: number
  width: number
  height: number
}

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  }
}

export function mainWindowOptions(
  preloadPath: string,
  bounds: Bounds = { width: 1180, height: 760 },
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: MAIN_WINDOW_MINIMUM.width,
    minHeight: MAIN_WINDOW_MINIMUM.height,
    show: false,
    title: 'Switchboard',
    backgroundColor: '#1d2430',
    webPreferences: secureWebPreferences(preloadPath),
  }
}

/** The incoming-call popup: small, frameless, above everything, never in the taskbar. */
export function popupWindowOptions(
  preloadPath: string,
  bounds: Bounds,
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    show: false,
    frame: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    title: 'Incoming call',
    backgroundColor: '#1d2430',
    webPreferences: secureWebPreferences(preloadPath),
  }
}

/**
 * Every webContents, ours or not (a devtools page, anything a future feature
 * creates): no navigation, no redirects, no new windows, no <webview>.
 */
export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/**
 * No web permission (camera, microphone, notifications from the page, …) is ever
 * granted to content: the app carries no audio and shows notifications from main.
 */
export function setupContentSecurity(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents))
}

function preloadOf(outDir: string): string {
  return join(outDir, 'preload/index.js')
}

export function createMainWindow(outDir: string, bounds?: Bounds): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadOf(outDir), bounds))
  // Also done for every webContents by setupContentSecurity; here so the window
  // is safe even if it is created without it (tests, a future second entry point).
  lockDownContents(win.webContents)
  win.once('ready-to-show', () => win.show())
  void win.loadURL(APP_INDEX_URL)
  return win
}

export function createPopupWindow(outDir: string, bounds: Bounds): BrowserWindow {
  const win = new BrowserWindow(popupWindowOptions(preloadOf(outDir), bounds))
  lockDownContents(win.webContents)
  // Above full-screen apps and on every desktop: an agent must see a ringing call.
  win.setAlwaysOnTop(true, 'screen-saver')
  win.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true })
  void win.loadURL(POPUP_URL)
  return win
}

/** Only https links the app itself built may leave the app. */
export function openExternalHttps(url: string): void {
  if (/^https:\/\//i.test(url)) void shell.openExternal(url)
}
