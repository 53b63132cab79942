/**
 * A window whose page crashed or hung comes back by itself: agents leave the
 * app open for days and a blank window would miss calls. Each recovery is
 * counted, logged and told to the agent; a page that keeps crashing is left
 * alone (reloading it in a loop would burn the CPU) and the agent is told so.
 * Crash dumps stay on this computer (`uploadToServer: false`) for the helpdesk.
 */
import type { NoticeDetail } from '../../shared/notice'
import { crashReporter } from 'electron'
import type { Logger } from '../log'

/** A hung page gets this long to answer again before it is restarted. */
export const HANG_GRACE_MS = 15_000
/** More crashes than this within CRASH_WINDOW_MS: stop reloading. */
export const MAX_CRASHES = 3
export const CRASH_WINDOW_MS = 60_000

export interface GoneDetails {
  reason: string
  exitCode?: number
}

export interface RecoverableContents {
  on(
    event: 'render-process-gone',
    listener: (event: unknown, details: GoneDetails) => void,
  ): unknown
  once(event: 'did-finish-load', listener: () => void): unknown
  reload(): void
  forcefullyCrashRenderer(): void
  isDestroyed(): boolean
}

export interface RecoverableWindow {
  webContents: RecoverableContents
  on(event: 'unresponsive' | 'responsive' | 'closed', listener: () => void): unknown
  isDestroyed(): boolean
}

export interface RecoveryDeps {
  notify(kind: 'info' | 'error', text: string, detail?: NoticeDetail): void
  log?: Logger
  now?: () => number
}

export interface CrashCounts {
  crashes: number
  hangs: number
}

export interface Recovery {
  watch(win: RecoverableWindow): void
  counts(): CrashCounts
}

export function createRecovery(deps: RecoveryDeps): Recovery {
  const now = deps.now ?? Date.now
  const counts: CrashCounts = { crashes: 0, hangs: 0 }
  const recent: number[] = []

  const watch = (win: RecoverableWindow): void => {
    const contents = win.webContents
    let hangTimer: ReturnType<typeof setTimeout> | null = null
    let restartingHung = false
    const clearHang = (): void => {
      if (hangTimer) clearTimeout(hangTimer)
      hangTimer = null
    }

    contents.on('render-process-gone', (_event, details) => {
      clearHang()
      if (details.reason === 'clean-exit' || win.isDestroyed() || contents.isDestroyed()) return
      const hung = restartingHung
      restartingHung = false
      if (!hung) counts.crashes += 1
      const at = now()
      recent.push(at)
      while (recent.length > 0 && at - (recent[0] ?? at) > CRASH_WINDOW_MS) recent.shift()
      deps.log?.error(
        `the window's page ${hung ? 'hung and was restarted' : 'crashed'} (${details.reason}, exit ${details.exitCode ?? '?'}); crashes ${counts.crashes}, hangs ${counts.hangs}`,
      )
      if (recent.length > MAX_CRASHES) {
        deps.notify(
          'error',
          `Switchboard's window keeps crashing (${recent.length} times in a minute) and was not reloaded again. Restart Switchboard; if it happens again, send "Copy diagnostics" to your helpdesk.`,
          { code: 'window_keeps_crashing', params: { count: recent.length } },
        )
        return
      }
      // Said once the page is back, so the reloaded window shows it.
      contents.once('did-finish-load', () =>
        deps.notify(
          'error',
          hung
            ? 'Switchboard’s window stopped responding and was restarted.'
            : `Switchboard’s window crashed and was reloaded (${counts.crashes} since start).`,
          hung
            ? { code: 'window_restarted' }
            : { code: 'window_reloaded', params: { count: counts.crashes } },
        ),
      )
      contents.reload()
    })

    win.on('unresponsive', () => {
      if (hangTimer) return
      hangTimer = setTimeout(() => {
        hangTimer = null
        if (win.isDestroyed() || contents.isDestroyed()) return
        counts.hangs += 1
        restartingHung = true
        // Ends the hung page; render-process-gone above reloads it.
        contents.forcefullyCrashRenderer()
      }, HANG_GRACE_MS)
    })
    win.on('responsive', clearHang)
    win.on('closed', clearHang)
  }

  return { watch, counts: () => ({ ...counts }) }
}

export interface CrashReporterLike {
  start(options: { uploadToServer: boolean; compress?: boolean }): void
}

/** Before `ready`, so a crash at start is kept too. Dumps: app.getPath('crashDumps'). */
export function startLocalCrashReports(
  reporter: CrashReporterLike = crashReporter,
  log?: Logger,
): void {
  try {
    reporter.start({ uploadToServer: false, compress: true })
  } catch (error) {
    log?.warn('local crash reports could not be started', error)
  }
}
