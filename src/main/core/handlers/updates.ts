/**
 * "Restart to update" in the window. The updater lives in the Electron shell;
 * the browser bridge has none, and says there is nothing to install.
 */
import type { RestartAnswer } from '../../../shared/ipc'
import type { Handlers } from '../app/dispatch'

export interface UpdateControl {
  readyVersion(): string | null
  restart(): RestartAnswer
}

export function updateHandlers(
  control: () => UpdateControl | null,
): Pick<Handlers, 'update:status' | 'update:restart'> {
  return {
    'update:status': () => ({ version: control()?.readyVersion() ?? null }),
    'update:restart': () => ({ answer: control()?.restart() ?? 'nothing-to-install' }),
  }
}
