/**
 * Bootstrap only: single-instance lock, lifecycle, and wiring in order. Every
 * piece with logic lives in core/ (plain Node) or in a small shell/ module.
 */
import { refusal } from './core/app/dial-request'
import { app, clipboard } from 'electron'
import electronLog from 'electron-log/main'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { createAppCore, type AppCore } from './core/app/app-core'
import { setupIpc } from './ipc'
import { createLogger, setDefaultLogSink } from './log'
import { openSecretStore } from './secrets'
import { isAppUrl, registerAppSchemes, setupAppProtocol } from './shell/app-protocol'
import { setupWindows, type AppWindows } from './shell/app-windows'
import { setupAppMenu } from './shell/app-menu'
import { setupAutoLaunch } from './shell/auto-launch'
import { installCrashGuard } from './shell/crash-guard'
import { confirmCrmOrigin } from './shell/crm-confirm'
import { setupSignals } from './shell/desktop-signals'
import { setupDialShortcut } from './shell/dial-shortcut'
import { setupIncomingNotifications } from './shell/incoming-notifications'
import { setupVoicemailNotifications } from './shell/voicemail-notifications'
import { setupLinks, setupProtocolPreference, type Links } from './shell/links'
import { setupLogFile } from './shell/log-file'
import { setupMediaProtocol } from './shell/media-protocol'
import { createNetTransport } from './shell/net-transport'
import { createPinnedTransports } from './shell/net-pinned'
import { setupNodeSockets } from './shell/net-node-sockets'
import { setCheckedHttpTransport, setDefaultHttpTransport } from './providers/http'
import { createRecovery, startLocalCrashReports } from './shell/recovery'
import { setupIncomingPopup } from './shell/popup-window'
import { setupTray } from './shell/tray'
import { readUpdatePolicy } from './shell/update-policy'
import { startUpdates, updateFacts, type Updater, type Updates } from './shell/updates'
import { openExternalHttps, setupContentSecurity } from './shell/windows'
import { installAppImageEntry, startsHidden, xdgEnvFrom } from './shell/xdg-entries'

// First, so every logger (core and providers included) writes to the file. Uncaught
// errors are the crash guard's (below): one redacted line each, never a dialog.
const logFile = setupLogFile(electronLog, { console: !app.isPackaged, catchErrors: false })
setDefaultLogSink(logFile.sink)
const log = createLogger('main')
startLocalCrashReports(undefined, log)
// Early, so nothing thrown later reaches Electron's dialog with its raw text.
installCrashGuard(log)
const outDir = join(__dirname, '..')
let core: AppCore | null = null
let updates: Updates | null = null

/** What quitting stops: the desktop signals and the global dial shortcut. */
interface Stoppers {
  stopSignals: () => void
  stopShortcut: () => void
}

/** Ready, with the app's page, menu and network in place before anything asks a PBX. */
async function prepareApp(): Promise<void> {
  await app.whenReady()
  // Windows shows notifications only for an app with an identity (the installer's appId).
  if (process.platform === 'win32') app.setAppUserModelId('eu.switchboard.desktop')
  setupContentSecurity()
  setupAppMenu(app.isPackaged)
  setupAppProtocol(join(outDir, 'renderer'))

  // Every provider's HTTP through Chromium's stack: system proxy, PAC, OS certificates;
  // jade's on a session per server whose verify procedure keeps the account's pin.
  setDefaultHttpTransport(createNetTransport())
  setCheckedHttpTransport(createPinnedTransports())
  // jade's push socket stays on Node (ws): the same proxy (CONNECT tunnel) and OS store.
  setupNodeSockets()
}

/** The core on the OS keychain, with the desktop's browser, clipboard and log. */
async function openCore(dataDir: string): Promise<AppCore> {
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
    updates: () => updates,
    diagnostics: {
      recentLogLines: (count) => logFile.recentLines(count),
      copyText: (text) => clipboard.writeText(text),
    },
    confirmOrigin: (origin, example) => confirmCrmOrigin(origin, example),
  })
  core = appCore
  if (secrets.info.notice)
    appCore.notify('info', secrets.info.notice, { code: 'secrets_memory_only' })
  setupMediaProtocol({
    load: appCore.media,
    accountIds: () => appCore.accountIds(),
    log,
  })
  return appCore
}

/** The windows and IPC: the main window opens now unless started hidden at login. */
async function openWindows(appCore: AppCore, dataDir: string): Promise<AppWindows> {
  // Every window of ours (main and popup) comes back after a crash or a hang.
  const recovery = createRecovery({
    notify: (kind, text, detail) => appCore.notify(kind, text, detail),
    log,
  })
  app.on('browser-window-created', (_event, win) => recovery.watch(win))
  const windows = setupWindows({ outDir, dataDir, core: appCore, log })
  setupIpc(appCore.dispatch, { isOwnWebContents: windows.isOwn, isAppUrl }, log)
  // Started at login: only the tray; the window opens when the agent asks.
  const loginItem = process.platform === 'darwin' ? app.getLoginItemSettings() : {}
  if (startsHidden({ argv: process.argv, ...loginItem })) log.info('Started hidden in the tray.')
  else await windows.openMain()
  return windows
}

/** Everything outside the window: tray, popup, notifications, shortcut, login item, links. */
async function setupDesktop(appCore: AppCore, windows: AppWindows): Promise<Stoppers> {
  const stopSignals = setupSignals((signal) => appCore.signal(signal), windows)
  await setupTray(appCore, windows, log)
  setupIncomingPopup(appCore, { outDir, adopt: windows.adopt })
  setupIncomingNotifications(appCore, { showMain: windows.showMain })
  setupVoicemailNotifications(appCore, { showMain: windows.showMain })
  const stopShortcut = setupDialShortcut(appCore, { log })
  setupAutoLaunch(appCore, log, { packaged: app.isPackaged })

  if (process.platform === 'linux') {
    // An AppImage's links need an application entry naming the AppImage file.
    await installAppImageEntry(xdgEnvFrom(process.env, homedir(), process.execPath)).catch(
      (error: unknown) => log.warn('the AppImage desktop entry could not be written', error),
    )
  }
  setupProtocolPreference(appCore)
  return { stopSignals, stopShortcut }
}

/** A second instance, the dock, closing the last window, and quitting. */
function followLifecycle(appCore: AppCore, windows: AppWindows, stop: Stoppers): void {
  // A second instance hands over its command line (links.ts reads the link) and quits;
  // one started by the autostart entry while we run brings nothing forward.
  app.on('second-instance', (_event, argv) => {
    if (!startsHidden({ argv })) windows.showMain()
  })
  app.on('activate', () => windows.showMain())
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('before-quit', () => {
    updates?.stop()
    windows.setQuitting()
    stop.stopSignals()
    void appCore.close()
  })
  app.on('will-quit', stop.stopShortcut)
}

/** Updates as the policy allows, never restarting over a live call. */
async function startAppUpdates(
  appCore: AppCore,
  windows: AppWindows,
  dataDir: string,
): Promise<void> {
  // Policy: SWITCHBOARD_DISABLE_UPDATES=1, or policy.json by the settings or the installation.
  const policy = await readUpdatePolicy(
    process.env,
    // resourcesPath: the installation's resources folder (undefined outside Electron).
    [dataDir, process.resourcesPath].filter((dir): dir is string => typeof dir === 'string'),
  )
  updates = startUpdates({
    facts: updateFacts(),
    policy,
    loadUpdater: async () => (await import('electron-updater')).autoUpdater as unknown as Updater,
    hasLiveCall: () => appCore.hasLiveCalls(),
    onCallsChanged: (listener) =>
      appCore.events.on((event) => {
        if (event.name === 'calls:changed') listener()
      }),
    offer: (version) => appCore.events.emit('update:ready', { version }),
    notify: (kind, text, detail) => appCore.notify(kind, text, detail),
    beforeRestart: () => windows.setQuitting(),
    log,
  })
}

async function start(links: Links): Promise<void> {
  await prepareApp()
  const dataDir = app.getPath('userData')
  const appCore = await openCore(dataDir)
  const windows = await openWindows(appCore, dataDir)
  const stoppers = await setupDesktop(appCore, windows)
  followLifecycle(appCore, windows, stoppers)
  links.ready()
  await startAppUpdates(appCore, windows, dataDir)
}

// Both before ready: custom schemes are fixed then, and macOS sends open-url early.
registerAppSchemes()
const links = setupLinks({
  log,
  defaultCountry: () => core?.preferences().defaultCountry,
  onLink: (result) => {
    // The core parses again and asks the agent first, unless they turned that off.
    if (result.ok) void core?.requestDial(result.number, 'link')
    else
      core?.notify('error', `Switchboard did not open the link: ${result.reason}`, {
        code: 'link_refused',
        error: refusal(result),
      })
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
