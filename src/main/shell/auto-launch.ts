/**
 * Start at login, following the `autoLaunch` preference, applied at start (the
 * OS entry may have been removed by hand) and whenever the preference changes.
 */
import { app } from 'electron'
import type { AppCore } from '../core/app-core'
import type { Logger } from '../log'

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean }): void
}

export function setupAutoLaunch(
  core: AppCore,
  log?: Logger,
  target: LoginItemApp = app,
): () => void {
  let applied: boolean | null = null
  const apply = (openAtLogin: boolean): void => {
    if (openAtLogin === applied) return
    applied = openAtLogin
    try {
      target.setLoginItemSettings({ openAtLogin })
    } catch (error) {
      // Some Linux desktops have no login-item support; the app still works.
      log?.warn('start at login could not be changed', error)
    }
  }
  apply(core.preferences().autoLaunch)
  return core.events.on((event) => {
    if (event.name === 'settings:changed') apply(event.payload.autoLaunch)
  })
}
