/**
 * Exposes exactly `window.switchboard = { invoke, on }`, typed from the contract.
 * No raw ipcRenderer, no process, no Node: the renderer gets two functions.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { IPC_EVENT, IPC_INVOKE, eventNames } from '../shared/ipc-channels'
import type { EventName, SwitchboardApi } from '../shared/ipc'

const knownEvents = new Set<string>(eventNames)

export const api: SwitchboardApi = {
  invoke: (channel, ...args) => ipcRenderer.invoke(IPC_INVOKE, channel, args[0]),
  on: (event, listener) => {
    if (!knownEvents.has(event)) throw new Error(`Unknown event: ${String(event)}`)
    const wrapped = (_e: unknown, name: EventName, payload: unknown): void => {
      // The IpcRendererEvent is never handed to the page.
      if (name === event) listener(payload as Parameters<typeof listener>[0])
    }
    ipcRenderer.on(IPC_EVENT, wrapped)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped)
    }
  },
}

contextBridge.exposeInMainWorld('switchboard', api)
