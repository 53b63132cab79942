/**
 * Auto-update through electron-updater, only where it can work: a packaged app
 * whose build wrote a publish configuration (app-update.yml next to app.asar).
 * Anywhere else it is a quiet no-op; a failed check is logged, never a dialog.
 */
import { app } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../log'

export interface UpdateFacts {
  isPackaged: boolean
  hasPublishConfig: boolean
}

export function shouldCheckForUpdates(facts: UpdateFacts): boolean {
  return facts.isPackaged && facts.hasPublishConfig
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

export async function checkForUpdates(
  log?: Logger,
  facts: UpdateFacts = updateFacts(),
): Promise<void> {
  if (!shouldCheckForUpdates(facts)) {
    log?.info('Updates: not checked (development build or no publish configuration).')
    return
  }
  try {
    // Loaded only when used: it reads files and starts timers at import.
    const { autoUpdater } = await import('electron-updater')
    // Through our logger, so every line is redacted like the rest.
    autoUpdater.logger = log
      ? {
          info: (message?: unknown) => log.info(`Updates: ${String(message)}`),
          warn: (message?: unknown) => log.warn(`Updates: ${String(message)}`),
          error: (message?: unknown) => log.error(`Updates: ${String(message)}`),
        }
      : null
    await autoUpdater.checkForUpdatesAndNotify()
  } catch (error) {
    log?.warn('the update check failed', error)
  }
}
