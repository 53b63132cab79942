/**
 * Auto-update through electron-updater, only where it can work (a packaged app
 * whose build wrote a publish configuration, app-update.yml next to app.asar)
 * and where policy allows it (update-policy.ts). Agents leave the app open for
 * days, so it checks every hour; a downloaded update is offered in the window
 * ("Restart to update") and never restarts the app while a call is up: asked
 * during a call, it waits until no call is left. Not restarted, it installs
 * when the app quits. A failed check is logged, never a dialog.
 */
import type { NoticeDetail } from '../../shared/notice'
import { app } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { RestartAnswer } from '../../shared/ipc'
import type { Logger } from '../log'
import type { UpdatePolicy } from './update-policy'

export const CHECK_INTERVAL_MS = 60 * 60 * 1000

export interface UpdateFacts {
  isPackaged: boolean
  hasPublishConfig: boolean
}

export function shouldCheckForUpdates(facts: UpdateFacts, policy?: UpdatePolicy): boolean {
  return facts.isPackaged && facts.hasPublishConfig && (policy?.enabled ?? true)
}

export function updateFacts(): UpdateFacts {
  return {
    isPackaged: app.isPackaged,
    // process.resourcesPath only exists inside Electron.
    hasPublishConfig:
      typeof process.resourcesPath === 'string' &&
      existsSync(join(process.resourcesPath, 'app-update.yml')),
  }
}

/** The part of electron-updater's autoUpdater used here. */
export interface Updater {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  logger: unknown
  checkForUpdates(): Promise<unknown>
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown
}

export interface UpdateDeps {
  facts: UpdateFacts
  policy: UpdatePolicy
  /** Loaded only when used: electron-updater reads files and starts timers at import. */
  loadUpdater(): Promise<Updater>
  /** True while any account has a call ringing, up or held. */
  hasLiveCall(): boolean
  /** Called whenever the calls change; returns an unsubscribe. */
  onCallsChanged(listener: () => void): () => void
  /** Tell the windows an update is ready (they show "Restart to update"). */
  offer(version: string): void
  notify(kind: 'info' | 'error', text: string, detail?: NoticeDetail): void
  /** Before quitAndInstall: windows must close for real, not hide to the tray. */
  beforeRestart(): void
  log?: Logger
}

export interface Updates {
  /** The downloaded update's version, once there is one. */
  readyVersion(): string | null
  /** "Restart to update": now, or as soon as no call is up. */
  restart(): RestartAnswer
  stop(): void
}

export function startUpdates(deps: UpdateDeps): Updates {
  const { log } = deps
  let ready: string | null = null
  let waiting = false
  let timer: ReturnType<typeof setInterval> | null = null
  let updater: Updater | null = null
  let unsubscribe: (() => void) | null = null

  const install = (): void => {
    if (!updater || !ready) return
    log?.info(`Updates: restarting into ${ready}.`)
    deps.beforeRestart()
    updater.quitAndInstall(false, true)
  }
  const restart = (): RestartAnswer => {
    if (!ready) return 'nothing-to-install'
    if (deps.hasLiveCall()) {
      if (!waiting)
        deps.notify('info', 'Switchboard will restart to update when your call ends.', {
          code: 'update_after_call',
        })
      waiting = true
      return 'after-call'
    }
    install()
    return 'restarting'
  }

  if (!deps.policy.enabled) {
    log?.info(`Updates: turned off by policy (${deps.policy.reason}).`)
    return { readyVersion: () => ready, restart, stop: () => undefined }
  }
  if (!shouldCheckForUpdates(deps.facts)) {
    log?.info('Updates: not checked (development build or no publish configuration).')
    return { readyVersion: () => ready, restart, stop: () => undefined }
  }

  const check = async (): Promise<void> => {
    try {
      updater ??= await prepare()
      await updater.checkForUpdates()
    } catch (error) {
      log?.warn('the update check failed', error)
    }
  }
  const prepare = async (): Promise<Updater> => {
    const loaded = await deps.loadUpdater()
    loaded.autoDownload = true
    loaded.autoInstallOnAppQuit = true
    // Through our logger, so every line is redacted like the rest.
    loaded.logger = log
      ? {
          info: (message?: unknown) => log.info(`Updates: ${String(message)}`),
          warn: (message?: unknown) => log.warn(`Updates: ${String(message)}`),
          error: (message?: unknown) => log.error(`Updates: ${String(message)}`),
        }
      : null
    loaded.on('update-downloaded', (info) => {
      ready = info.version
      deps.offer(info.version)
    })
    return loaded
  }
  unsubscribe = deps.onCallsChanged(() => {
    if (waiting && !deps.hasLiveCall()) install()
  })
  void check()
  timer = setInterval(() => void check(), CHECK_INTERVAL_MS)
  return {
    readyVersion: () => ready,
    restart,
    stop: () => {
      if (timer) clearInterval(timer)
      timer = null
      unsubscribe?.()
    },
  }
}
