/**
 * The tray: a lamp for the connection, the missed calls and new voicemail, and a menu to dial
 * from the clipboard or a recent call, open the window, or quit. All wording and
 * rules are in tray-model.ts; this file keeps the inputs and redraws.
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
import type { AccountSummary, ConnectionDetail } from '../../shared/model'
import type { AppCore } from '../core/app/app-core'
import type { Logger } from '../log'
import { trayIconPng } from './tray-icon'
import {
  addRecentCall,
  trayModel,
  type RecentCall,
  type TrayAction,
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

export async function setupTray(
  core: AppCore,
  windows: TrayWindows,
  log?: Logger,
): Promise<TrayHandle> {
  let accounts: AccountSummary[] = []
  const details = new Map<string, ConnectionDetail>()
  /** When each account's data was last fetched, while it is not online. */
  const updatedAt = new Map<string, number | undefined>()
  const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
  let missed = 0
  /** New voicemail per account, until it is heard or deleted. */
  const newVoicemail = new Map<string, Set<string>>()
  let recent: RecentCall[] = []

  const start = await core.trayState()
  accounts = start.accounts
  for (const status of start.statuses) {
    details.set(status.accountId, status.detail)
    updatedAt.set(status.accountId, status.lastUpdatedAt)
  }

  const act = (action: TrayAction): void => {
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

  let current = build()
  const tray = new Tray(iconFor(current.state))
  let shownState = current.state
  tray.on('click', () => windows.showMain())

  function build(): TrayModel {
    const statuses = accounts.map((a) => {
      const at = updatedAt.get(a.id)
      return {
        accountId: a.id,
        name: a.displayName,
        detail: details.get(a.id) ?? 'connecting',
        ...(at === undefined ? {} : { lastUpdated: time.format(at) }),
      }
    })
    let voicemail = 0
    for (const ids of newVoicemail.values()) voicemail += ids.size
    // The window's language: the agent's choice, else the system's (as the window picks).
    const words = wordsFor(core.preferences().language, app.getPreferredSystemLanguages())
    return trayModel(statuses, missed, recent, words, voicemail)
  }

  const render = (): void => {
    current = build()
    if (current.state !== shownState) {
      tray.setImage(iconFor(current.state))
      shownState = current.state
    }
    tray.setToolTip(current.tooltip)
    if (process.platform === 'darwin') tray.setTitle(current.title)
    const template: MenuItemConstructorOptions[] = current.items.map((item) => {
      if (item.kind === 'separator') return { type: 'separator' }
      if (item.kind === 'label') return { label: item.label, enabled: false }
      return { label: item.label, click: () => act(item.action) }
    })
    tray.setContextMenu(Menu.buildFromTemplate(template))
  }
  render()

  const unsubscribe = core.events.on((event) => {
    switch (event.name) {
      case 'accounts:changed':
        accounts = event.payload
        return render()
      case 'status:changed':
        details.set(event.payload.accountId, event.payload.detail)
        updatedAt.set(event.payload.accountId, event.payload.lastUpdatedAt)
        return render()
      case 'settings:changed':
        return render()
      case 'call:missed':
        missed += 1
        return render()
      case 'voicemail:new': {
        const { accountId, voicemail } = event.payload
        const ids = newVoicemail.get(accountId) ?? new Set<string>()
        newVoicemail.set(accountId, ids.add(voicemail.id))
        return render()
      }
      case 'voicemail:changed': {
        const ids = newVoicemail.get(event.payload.accountId)
        if (!ids?.size) return
        const unheard = new Set(event.payload.voicemail.filter((v) => !v.heard).map((v) => v.id))
        for (const id of ids) if (!unheard.has(id)) ids.delete(id)
        return render()
      }
      case 'call:event': {
        const { call } = event.payload
        const known = recent.some((c) => c.accountId === call.accountId && c.id === call.id)
        if (event.payload.type !== 'call.ringing' && known) return
        recent = addRecentCall(recent, call)
        return render()
      }
      default:
        return
    }
  })
  windows.onMainFocus(() => {
    if (missed === 0) return
    missed = 0
    render()
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
