/**
 * The only main-process file that touches Electron's IPC. One handler for every
 * request: it checks that the sender is a frame of one of our own windows showing
 * our own content, then hands the (channel, argument) pair to the dispatcher,
 * which validates it against the contract.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { IPC_EVENT, IPC_INVOKE } from '../shared/ipc-channels'
import { err, type Result } from '../shared/result'
import type { Dispatch } from './core/app/dispatch'
import type { CoreEvent } from './core/events'
import type { Logger } from './log'

export interface TrustPolicy {
  /** The webContents of windows this app created. */
  isOwnWebContents(contents: WebContents): boolean
  /** True for a URL of the app's own renderer content. */
  isAppUrl(url: string): boolean
}

export function isTrustedSender(event: IpcMainInvokeEvent, policy: TrustPolicy): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false // only the top frame, never an iframe
  if (!policy.isOwnWebContents(event.sender)) return false
  return policy.isAppUrl(frame.url)
}

/** electron-log/main listens on its own channel from import on, with no sender check. */
export const ELECTRON_LOG_CHANNEL = '__ELECTRON_LOG__'

export function setupIpc(dispatch: Dispatch, policy: TrustPolicy, log: Logger): () => void {
  // Pages log only through the contract's validated `log:write`.
  ipcMain.removeAllListeners(ELECTRON_LOG_CHANNEL)
  ipcMain.removeHandler(ELECTRON_LOG_CHANNEL)
  ipcMain.handle(
    IPC_INVOKE,
    async (event, channel: unknown, arg: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, policy)) {
        log.warn('rejected an IPC request from a sender that is not one of our windows')
        return err('invalid_argument', 'Request refused: unknown sender.')
      }
      return dispatch(channel, arg)
    },
  )
  return () => ipcMain.removeHandler(IPC_INVOKE)
}

/** Forward a core event to one window. */
export function sendEvent(contents: WebContents, event: CoreEvent): void {
  if (!contents.isDestroyed()) contents.send(IPC_EVENT, event.name, event.payload)
}
