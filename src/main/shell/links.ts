/**
 * Phone links from the OS: a link on the command line at start, in a second
 * instance's command line, or (macOS) in an `open-url` event that may arrive
 * before the app is ready. Every link is parsed by `parseDialLink`; the caller
 * receives a value or a refusal in words, never the raw text.
 */
import { app } from 'electron'
import { parseDialLink, type Dialable } from '../../shared/dialable'
import type { AppCore } from '../core/app/app-core'
import type { Logger } from '../log'
import {
  createLinkQueue,
  findLinkInArgv,
  protocolClientCalls,
  type ProcessFacts,
} from './link-routing'

export type LinkSource = 'argv' | 'second-instance' | 'open-url'

export interface LinkOptions {
  onLink: (result: Dialable, source: LinkSource) => void
  /** Read at delivery time, so a changed setting applies to the next link. */
  defaultCountry?: () => string | undefined
  log?: Logger
  argv?: readonly string[]
}

export interface Links {
  /** Call once the app can act on a link (window and core exist). */
  ready(): void
}

/** Call before `app.whenReady()`: macOS sends `open-url` early. */
export function setupLinks(options: LinkOptions): Links {
  const queue = createLinkQueue<{ link: string; source: LinkSource }>()
  const push = (link: string | undefined, source: LinkSource): void => {
    if (link !== undefined) queue.push({ link, source })
  }

  app.on('open-url', (event, url) => {
    // Without preventDefault macOS treats the link as unhandled.
    event.preventDefault()
    push(url, 'open-url')
  })
  app.on('second-instance', (_event, argv) => push(findLinkInArgv(argv), 'second-instance'))
  push(findLinkInArgv(options.argv ?? process.argv), 'argv')

  return {
    ready() {
      queue.start(({ link, source }) => {
        const result = parseDialLink(link, { defaultCountry: options.defaultCountry?.() })
        // The raw link is untrusted; only the outcome is logged.
        if (result.ok) options.log?.info(`Phone link received (${source}).`)
        else options.log?.warn(`Phone link refused (${source}): ${result.reason}`)
        options.onLink(result, source)
      })
    },
  }
}

/** The part of `app` this needs, so tests can pass a fake. */
export interface ProtocolClientApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean
  removeAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean
  isDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean
}

const currentProcess = (): ProcessFacts => ({
  platform: process.platform,
  defaultApp: Boolean(process.defaultApp),
  execPath: process.execPath,
  argv: process.argv,
})

/**
 * Follow the "open phone links" preference. On macOS and Linux, turning it on
 * makes Switchboard the default tel:/callto:/sip: handler, replacing whatever was
 * (FaceTime, a softphone), so it happens only when the user asks; turning it off
 * hands the schemes back on macOS (Linux has no way to undo `xdg-settings`; the
 * .desktop entry only makes Switchboard a candidate). On Windows the installer's
 * Capabilities entry makes Switchboard a candidate in Default apps and the user
 * chooses there: nothing is written here, and what an older version wrote under
 * HKCU\Software\Classes is removed (only if it points at this exe).
 * Returns the schemes now registered by this call.
 */
export function applyProtocolPreference(
  enabled: boolean,
  target: ProtocolClientApp = app,
  facts: ProcessFacts = currentProcess(),
): string[] {
  const accepted: string[] = []
  for (const call of protocolClientCalls(facts)) {
    const { scheme, path, args } = call
    if (enabled && facts.platform !== 'win32') {
      const ok =
        path === undefined
          ? target.setAsDefaultProtocolClient(scheme)
          : target.setAsDefaultProtocolClient(scheme, path, args)
      if (ok) accepted.push(scheme)
    } else if (facts.platform !== 'linux') {
      const ours =
        path === undefined
          ? target.isDefaultProtocolClient(scheme)
          : target.isDefaultProtocolClient(scheme, path, args)
      if (!ours) continue
      if (path === undefined) target.removeAsDefaultProtocolClient(scheme)
      else target.removeAsDefaultProtocolClient(scheme, path, args)
    }
  }
  return accepted
}

/** Applies the preference at start and whenever it changes. */
export function setupProtocolPreference(
  core: Pick<AppCore, 'preferences' | 'events'>,
  target: ProtocolClientApp = app,
  facts: ProcessFacts = currentProcess(),
): () => void {
  let applied = core.preferences().handleLinks
  applyProtocolPreference(applied, target, facts)
  return core.events.on((event) => {
    if (event.name !== 'settings:changed' || event.payload.handleLinks === applied) return
    applied = event.payload.handleLinks
    applyProtocolPreference(applied, target, facts)
  })
}
