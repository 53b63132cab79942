/**
 * Bootstrap only: lifecycle, single-instance lock and wiring. Everything with
 * logic lives in core/ (plain Node) or in a small shell/ module.
 */
import { app, BrowserWindow, session } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createAppCore } from './core/app-core'
import { sendEvent, setupIpc } from './ipc'
import { createLogger } from './log'
import { createMainWindow } from './shell/windows'

const log = createLogger('main')
const outDir = join(__dirname, '..')

async function start(): Promise<void> {
  await app.whenReady()
  // No web permission (camera, notifications from the page, …) is ever granted to content.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  )

  const core = await createAppCore({
    dataDir: app.getPath('userData'),
    shell: 'electron',
    version: app.getVersion(),
  })
  const rendererUrl = pathToFileURL(join(outDir, 'renderer')).href
  const windows = new Set<number>()
  setupIpc(
    core.dispatch,
    {
      isOwnWebContents: (contents) => windows.has(contents.id),
      isAppUrl: (url) => url.startsWith(`${rendererUrl}/`),
    },
    log,
  )

  const open = (): void => {
    const win = createMainWindow(outDir)
    const id = win.webContents.id
    windows.add(id)
    const unsubscribe = core.events.on((event) => sendEvent(win.webContents, event))
    win.on('closed', () => {
      windows.delete(id)
      unsubscribe()
    })
  }
  open()

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('before-quit', () => void core.close())
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows()
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })
  start().catch((error: unknown) => {
    log.error('Switchboard could not start', error)
    app.exit(1)
  })
}
