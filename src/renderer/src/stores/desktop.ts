/**
 * The desktop app itself: updates and diagnostics. Views call these actions; only
 * this store asks main (the one action layer, issue 15).
 */
import { defineStore } from 'pinia'
import { invoke } from '../bridge'

export const useDesktopStore = defineStore('desktop', () => {
  /** Whether an update is downloaded (a window opened after the download asks). */
  const updateStatus = () => invoke('update:status')
  /** Restart to update; main waits for the last call to end. */
  const restartToUpdate = () => invoke('update:restart')
  /** Copy the redacted diagnostics to the clipboard, for the helpdesk. */
  const copyDiagnostics = () => invoke('diagnostics:copy')
  return { updateStatus, restartToUpdate, copyDiagnostics }
})
