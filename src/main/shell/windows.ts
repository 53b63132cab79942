/**
 * The main window: locked down as Electron's security checklist asks. Options are
 * built by a plain function so a test can check exactly what is used.
 */
import { BrowserWindow, shell, type BrowserWindowConstructorOptions } from 'electron'
import { join } from 'node:path'

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1180,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Switchboard',
    backgroundColor: '#1d2430',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  }
}

export function createMainWindow(outDir: string): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(join(outDir, 'preload/index.js')))
  // Navigation and new windows are never allowed: the app is one page.
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  win.once('ready-to-show', () => win.show())
  void win.loadFile(join(outDir, 'renderer/index.html'))
  return win
}

/** Only https links the app itself built may leave the app. */
export function openExternalHttps(url: string): void {
  if (/^https:\/\//i.test(url)) void shell.openExternal(url)
}
