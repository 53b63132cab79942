/**
 * Bootstrap only: single-instance lock, lifecycle, and wiring in order. Every
 * piece with logic lives in core/ (plain Node) or in a small shell/ module.
 */
import { app } from 'electron'
import { join } from 'node:path'
import { createAppCore, type AppCore } from './core/app-core'
import { setupIpc } from './ipc'
import { createLogger } from './log'
import { openSecretStore } from './secrets'
import { isAppUrl, registerAppSchemes, setupAppProtocol } from './shell/app-protocol'
import { setupWindows } from './shell/app-windows'
import { setupAppMenu } from './shell/app-menu'
import { setupAutoLaunch } from './shell/auto-launch'
import { installCrashGuard } from './shell/crash-guard'
import { confirmCrmOrigin } from './shell/crm-confirm'
import { setupSignals } from './shell/desktop-signals'
import { setupDialShortcut } from './shell/dial-shortcut'
import { setupIncomingNotifications } from './shell/incoming-notifications'
import { setupLinks, setupProtocolPreference, type Links } from './shell/links'
import { setupMediaProtocol } from './shell/media-protocol'
import { setupIncomingPopup } from './shell/popup-window'
import { setupTray } from './shell/tray'
import { checkForUpdates } from './shell/updates'
import { openExternalHttps, setupContentSecurity } from './shell/windows'

const log = createLogger('main')
// First, so nothing thrown later reaches Electron's dialog with its raw text.
installCrashGuard(log)
const outDir = join(__dirname, '..')
let core: AppCore | null = null

async function start(links: Links): Promise<void> {
  await app.whenReady()
  // Windows shows notifications only for an app with an identity (the installer's appId).
  if (process.platform === 'win32') app.setAppUserModelId('eu.switchboard.desktop')
  setupContentSecurity()
  setupAppMenu(app.isPackaged)
  setupAppProtocol(join(outDir, 'renderer'))

  const dataDir = app.getPath('userData')
  const secrets = await openSecretStore({ dataDir, log })
  const appCore = await createAppCore({
    dataDir,
    shell: 'electron',
    version: app.getVersion(),
    log: createLogger('core'),
    secrets: {
      get: (accountId, field) => secrets.get(accountId, field),
      set: (accountId, field, value) => secrets.set(accountId, field, value),
      delete: (accountId, field) => secrets.delete(accountId, field),
      deleteAccount: (accountId) => secrets.deleteAccount(accountId),
    },
    openInBrowser: (url) => openExternalHttps(url),
    confirmOrigin: (origin, example) => confirmCrmOrigin(origin, example),
  })
  core = appCore
  if (secrets.info.notice) appCore.notify('info', secrets.info.notice)
  setupMediaProtocol({
    load: appCore.media,
    accountIds: () => appCore.sessions.sessions().map((s) => s.accountId),
    log,
  })

  const windows = setupWindows({ outDir, dataDir, core: appCore, log })
  setupIpc(appCore.dispatch, { isOwnWebContents: windows.isOwn, isAppUrl }, log)
  await windows.openMain()
  const stopSignals = setupSignals((signal) => appCore.signal(signal), windows)
  await setupTray(appCore, windows, log)
  setupIncomingPopup(appCore, { outDir, adopt: windows.adopt })
  setupIncomingNotifications(appCore, { showMain: windows.showMain })
  const stopShortcut = setupDialShortcut(appCore, { log })
  setupAutoLaunch(appCore, log)

  setupProtocolPreference(appCore)
  // A second instance hands over its command line (links.ts reads the link) and quits.
  app.on('second-instance', () => windows.showMain())
  app.on('activate', () => windows.showMain())
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('before-quit', () => {
    windows.setQuitting()
    stopSignals()
    void appCore.close()
  })
  app.on('will-quit', stopShortcut)
  links.ready()
  void checkForUpdates(log)
}

// Both before ready: custom schemes are fixed then, and macOS sends open-url early.
registerAppSchemes()
const links = setupLinks({
  log,
  defaultCountry: () => core?.preferences().defaultCountry,
  onLink: (result) => {
    // The core parses again and asks the agent first, unless they turned that off.
    if (result.ok) void core?.requestDial(result.number, 'link')
    else core?.notify('error', `Switchboard did not open the link: ${result.reason}`)
  },
})

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  start(links).catch((error: unknown) => {
    log.error('Switchboard could not start', error)
    app.exit(1)
  })
}
