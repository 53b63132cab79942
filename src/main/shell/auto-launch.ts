/**
 * Start at login, following the `autoLaunch` preference, applied at start (the
 * OS entry may have been removed by hand) and whenever the preference changes.
 * Started this way, Switchboard opens hidden in the tray on every OS: macOS and
 * Windows through the login item, Linux through an XDG autostart entry
 * (`setLoginItemSettings` does nothing there).
 */
import { app } from 'electron'
import { homedir } from 'node:os'
import type { AppCore } from '../core/app/app-core'
import type { Logger } from '../log'
import { HIDDEN_FLAG, setXdgAutostart, xdgEnvFrom, type XdgEnv } from './xdg-entries'

export interface LoginItemSettings {
  openAtLogin: boolean
  /** macOS before 13. */
  openAsHidden?: boolean
  /** Windows: the command line the login item starts the app with. */
  args?: string[]
}

export interface LoginItemApp {
  setLoginItemSettings(settings: LoginItemSettings): void
}

export interface AutoLaunchOptions {
  target?: LoginItemApp
  platform?: NodeJS.Platform
  xdg?: XdgEnv
  /**
   * False under `npm start`: execPath is then the bare Electron binary, and an
   * autostart entry would open Electron's default app at login.
   */
  packaged?: boolean
}

export function setupAutoLaunch(
  core: AppCore,
  log?: Logger,
  options: AutoLaunchOptions = {},
): () => void {
  const target = options.target ?? app
  const platform = options.platform ?? process.platform
  let applied: boolean | null = null
  let queue: Promise<void> = Promise.resolve()

  const failed = (error: unknown): void => {
    log?.warn('start at login could not be changed', error)
    core.notify('error', `Start at login could not be changed: ${(error as Error).message}`, {
      code: 'auto_launch_failed',
    })
  }
  const apply = (openAtLogin: boolean): void => {
    if (openAtLogin === applied) return
    applied = openAtLogin
    if (platform === 'linux') {
      if (options.packaged === false) {
        log?.info('Start at login: not written for a development build.')
        return
      }
      const xdg = options.xdg ?? xdgEnvFrom(process.env, homedir(), process.execPath)
      // In order: a quick on-off-on must end as "on".
      queue = queue.then(() => setXdgAutostart(xdg, openAtLogin)).catch(failed)
      return
    }
    try {
      target.setLoginItemSettings({ openAtLogin, openAsHidden: true, args: [HIDDEN_FLAG] })
    } catch (error) {
      failed(error)
    }
  }
  apply(core.preferences().autoLaunch)
  return core.events.on((event) => {
    if (event.name === 'settings:changed') apply(event.payload.autoLaunch)
  })
}
