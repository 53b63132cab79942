/**
 * The tray: a lamp for the connection, the missed calls and new voicemail, and a menu to dial
 * from the clipboard or a recent call, open the window, or quit. All wording and
 * rules are in tray-model.ts, the inputs in tray-inputs.ts; this file draws them.
 */
import {
  app,
  clipboard,
  Menu,
  nativeImage,
  Tray,
  type MenuItemConstructorOptions,
  type NativeImage,
} from 'electron'
import { wordsFor } from '../../shared/tray-words'
import type { AppCore } from '../core/app/app-core'
import type { Logger } from '../log'
import { trayIconPng } from './tray-icon'
import { TrayInputs } from './tray-inputs'
import {
  trayModel,
  type TrayAction,
  type TrayItem,
  type TrayModel,
  type TrayState,
} from './tray-model'

export interface TrayWindows {
  showMain(): void
  /** Called when the agent looks at the main window (missed calls are then seen). */
  onMainFocus(listener: () => void): void
}

function iconFor(state: TrayState): NativeImage {
  const image = nativeImage.createFromBuffer(trayIconPng(state, 16), { scaleFactor: 1 })
  image.addRepresentation({ scaleFactor: 2, buffer: trayIconPng(state, 32) })
  return image
}

export interface TrayHandle {
  model(): TrayModel
  destroy(): void
}

/** What a menu entry does when clicked. */
function trayActions(core: AppCore, windows: TrayWindows): (action: TrayAction) => void {
  return (action) => {
    if (action.type === 'open') windows.showMain()
    else if (action.type === 'quit') app.quit()
    else if (action.type === 'dial') void core.requestDial(action.number, 'tray')
    else {
      void clipboard
        .readText()
        .catch(() => '')
        .then((text) => core.requestDial(text, 'clipboard'))
    }
  }
}

function menuTemplate(
  items: TrayItem[],
  act: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item) => {
    if (item.kind === 'separator') return { type: 'separator' }
    if (item.kind === 'label') return { label: item.label, enabled: false }
    return { label: item.label, click: () => act(item.action) }
  })
}

/** The model of the inputs now, in the window's language. */
function modelOf(inputs: TrayInputs, core: AppCore): TrayModel {
  // The window's language: the agent's choice, else the system's (as the window picks).
  const words = wordsFor(core.preferences().language, app.getPreferredSystemLanguages())
  return trayModel(inputs.statuses(), inputs.missed(), inputs.recent(), words, inputs.voicemail())
}

/** The tray icon, redrawn from the model; the image only when the lamp changes. */
function trayView(
  first: TrayModel,
  act: (action: TrayAction) => void,
): { tray: Tray; draw: (model: TrayModel) => void } {
  const tray = new Tray(iconFor(first.state))
  let shownState = first.state
  const draw = (model: TrayModel): void => {
    if (model.state !== shownState) {
      tray.setImage(iconFor(model.state))
      shownState = model.state
    }
    tray.setToolTip(model.tooltip)
    if (process.platform === 'darwin') tray.setTitle(model.title)
    tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(model.items, act)))
  }
  return { tray, draw }
}

export async function setupTray(
  core: AppCore,
  windows: TrayWindows,
  log?: Logger,
): Promise<TrayHandle> {
  const inputs = new TrayInputs(await core.trayState())
  let current = modelOf(inputs, core)
  const { tray, draw } = trayView(current, trayActions(core, windows))
  tray.on('click', () => windows.showMain())
  const render = (): void => {
    current = modelOf(inputs, core)
    draw(current)
  }
  render()

  const unsubscribe = core.events.on((event) => {
    if (inputs.apply(event)) render()
  })
  windows.onMainFocus(() => {
    if (inputs.mainSeen()) render()
  })
  log?.info('Tray ready.')

  return {
    model: () => current,
    destroy: () => {
      unsubscribe()
      tray.destroy()
    },
  }
}
