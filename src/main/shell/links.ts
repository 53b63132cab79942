/**
 * Phone links from the OS: a link on the command line at start, in a second
 * instance's command line, or (macOS) in an `open-url` event that may arrive
 * before the app is ready. Every link is parsed by `parseDialLink`; the caller
 * receives a value or a refusal in words, never the raw text.
 */
import { app } from 'electron'
import { parseDialLink, type Dialable } from '../../shared/dialable'
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
}

/**
 * Ask the OS to open tel:, callto: and sip: links with Switchboard. Returns the
 * schemes the OS accepted. Call it when the user opts in: on macOS and Linux
 * this makes Switchboard the default handler, replacing whatever was.
 */
export function registerProtocols(
  target: ProtocolClientApp = app,
  facts: ProcessFacts = {
    platform: process.platform,
    defaultApp: Boolean(process.defaultApp),
    execPath: process.execPath,
    argv: process.argv,
  },
): string[] {
  const accepted: string[] = []
  for (const call of protocolClientCalls(facts)) {
    const ok =
      call.path === undefined
        ? target.setAsDefaultProtocolClient(call.scheme)
        : target.setAsDefaultProtocolClient(call.scheme, call.path, call.args)
    if (ok) accepted.push(call.scheme)
  }
  return accepted
}
