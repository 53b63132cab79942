/**
 * The packaged app's own menu. Electron's default one has View → Toggle
 * Developer Tools and Reload: a console in the window is a way around every
 * check the window is held to. What is left is what an agent uses: the Edit
 * commands (so copy and paste work in text fields, on macOS only through the
 * menu) and, on macOS, the app and window menus. Development keeps the default.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron'

export function appMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const edit: MenuItemConstructorOptions = {
    role: 'editMenu',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  }
  if (platform !== 'darwin') return [edit]
  return [
    {
      role: 'appMenu',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    edit,
    { role: 'windowMenu', submenu: [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }] },
  ]
}

export function setupAppMenu(
  isPackaged: boolean,
  platform: NodeJS.Platform = process.platform,
): void {
  if (!isPackaged) return
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(platform)))
}
