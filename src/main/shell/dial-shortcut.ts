/**
 * The global "dial the selected text" shortcut. On Linux it reads the PRIMARY
 * selection (whatever is highlighted, no copy needed); elsewhere there is no such
 * thing, so it reads the clipboard. The text goes to the core, which parses it
 * and asks for confirmation like any number from outside the window.
 */
import { clipboard, globalShortcut } from 'electron'
import type { AppCore } from '../core/app/app-core'
import type { Logger } from '../log'

/** Electron's clipboard: `selection` is Linux's PRIMARY selection (undefined elsewhere). */
export interface TextSource {
  readText(): Promise<string>
  readonly selection?: { readText(): Promise<string> } | undefined
}

export async function readDialText(source: TextSource, platform: NodeJS.Platform): Promise<string> {
  return platform === 'linux' && source.selection ? source.selection.readText() : source.readText()
}

export interface ShortcutOptions {
  platform?: NodeJS.Platform
  log?: Logger
}

export function setupDialShortcut(core: AppCore, options: ShortcutOptions = {}): () => void {
  const platform = options.platform ?? process.platform
  let registered: string | null = null
  // Any settings change re-sends the shortcut; a refused one is not retried (or re-announced).
  let attempted: string | null = null

  const dial = async (): Promise<void> => {
    const text = (await readDialText(clipboard, platform).catch(() => '')).trim()
    if (!text) {
      const what = platform === 'linux' ? 'Select' : 'Copy'
      return core.notify('error', `${what} a phone number first, then press the shortcut.`, {
        code: platform === 'linux' ? 'shortcut_select_first' : 'shortcut_copy_first',
      })
    }
    await core.requestDial(text, 'shortcut')
  }

  const register = (accelerator: string): void => {
    if (attempted === accelerator) return
    attempted = accelerator
    if (registered) globalShortcut.unregister(registered)
    registered = null
    let ok = false
    try {
      ok = globalShortcut.register(accelerator, () => void dial())
    } catch (error) {
      // An accelerator Electron cannot read throws instead of returning false.
      options.log?.warn('the dial shortcut was not accepted', error)
    }
    if (ok) {
      registered = accelerator
      options.log?.info(`Dial shortcut: ${accelerator}.`)
    } else {
      core.notify(
        'error',
        `The dial shortcut ${accelerator} could not be set up: another app may use it. Choose another in Settings.`,
        { code: 'shortcut_taken', params: { shortcut: accelerator } },
      )
    }
  }

  register(core.preferences().dialShortcut)
  const unsubscribe = core.events.on((event) => {
    if (event.name === 'settings:changed') register(event.payload.dialShortcut)
  })
  return () => {
    unsubscribe()
    if (registered) globalShortcut.unregister(registered)
    registered = null
  }
}
