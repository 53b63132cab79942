/**
 * The right-click menu of our windows. Without one, Electron shows nothing, so a
 * mouse user cannot paste a number into the dial field. In a text field: undo,
 * redo, cut, copy, paste and select all, each enabled as the page says it can;
 * on selected text elsewhere: copy; anywhere else: no menu. Roles let the OS and
 * Chromium do the editing; no developer entry (Inspect element) is ever added.
 */
import {
  Menu,
  type BrowserWindow,
  type ContextMenuParams,
  type MenuItemConstructorOptions,
} from 'electron'
import type { ContextMenuWords } from '../../shared/context-menu-words'

export type ContextMenuFacts = Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'editFlags'>

export function contextMenuTemplate(
  params: ContextMenuFacts,
  words: ContextMenuWords,
): MenuItemConstructorOptions[] {
  const flags = params.editFlags
  if (params.isEditable) {
    return [
      { role: 'undo', label: words.undo, enabled: flags.canUndo },
      { role: 'redo', label: words.redo, enabled: flags.canRedo },
      { type: 'separator' },
      { role: 'cut', label: words.cut, enabled: flags.canCut },
      { role: 'copy', label: words.copy, enabled: flags.canCopy },
      { role: 'paste', label: words.paste, enabled: flags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', label: words.selectAll, enabled: flags.canSelectAll },
    ]
  }
  if (params.selectionText.trim() !== '' && flags.canCopy) {
    return [{ role: 'copy', label: words.copy }]
  }
  return []
}

/** Words are asked for at each right-click: the agent may have changed the language. */
export function attachContextMenu(win: BrowserWindow, words: () => ContextMenuWords): void {
  win.webContents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, words())
    if (template.length === 0 || win.isDestroyed()) return
    Menu.buildFromTemplate(template).popup({
      window: win,
      ...(params.frame ? { frame: params.frame } : {}),
    })
  })
}
