/**
 * The one place a CRM site is allowed: a native dialog, drawn by the OS outside
 * the window, naming the site and an example address. Nothing the window sends
 * can answer it; the window can only ask main to show it (`crm:confirm`).
 */
import { BrowserWindow, dialog } from 'electron'

export async function confirmCrmOrigin(origin: string, example: string): Promise<boolean> {
  const options = {
    type: 'question' as const,
    buttons: ['Allow', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'Allow this CRM site',
    message: `Allow Switchboard to open pages on ${origin} in your browser?`,
    detail: `Switchboard will open this site with the caller’s number, for example:\n${example}`,
  }
  const parent = BrowserWindow.getFocusedWindow()
  const { response } = parent
    ? await dialog.showMessageBox(parent, options)
    : await dialog.showMessageBox(options)
  return response === 0
}
