/**
 * Pure helpers for phone links arriving from the OS: finding one in a command
 * line, holding early ones until the app can act, and the arguments used to
 * register as the handler. No electron import; `links.ts` is the thin adapter.
 */
import { resolve } from 'node:path'
import { DIAL_SCHEMES, hasDialScheme } from '../../shared/dialable'

/**
 * The first `tel:` / `callto:` / `sip:` argument. Flags (`--foo`, `-x`, and the
 * `--` terminator) are skipped: Chromium and Electron add their own switches to
 * the command line of a second instance, and a switch is never a link.
 */
export function findLinkInArgv(argv: readonly string[]): string | undefined {
  for (const arg of argv.slice(1)) {
    if (typeof arg !== 'string' || arg.startsWith('-')) continue
    if (hasDialScheme(arg)) return arg
  }
  return undefined
}

export interface LinkQueue<T> {
  /** Hold a link until `start`, or deliver it at once after. `undefined` is ignored. */
  push(link: T | undefined): void
  /** From now on deliver links; anything held is delivered first, in order. */
  start(deliver: (link: T) => void): void
  /** Links held and not yet delivered (for tests and diagnostics). */
  readonly pending: readonly T[]
}

/** How many links are held before the app is ready; a flood beyond this is dropped. */
export const MAX_PENDING_LINKS = 5

export function createLinkQueue<T>(max = MAX_PENDING_LINKS): LinkQueue<T> {
  const pending: T[] = []
  let deliver: ((link: T) => void) | null = null
  return {
    push(link) {
      if (link === undefined) return
      if (deliver) deliver(link)
      else if (pending.length < max) pending.push(link)
    },
    start(next) {
      deliver = next
      for (const link of pending.splice(0)) next(link)
    },
    get pending() {
      return pending
    },
  }
}

export interface ProcessFacts {
  platform: NodeJS.Platform
  /** `process.defaultApp`: true when run as `electron .` in development. */
  defaultApp: boolean
  execPath: string
  argv: readonly string[]
}

export interface ProtocolClientCall {
  scheme: string
  path?: string
  args?: string[]
}

/**
 * The `setAsDefaultProtocolClient` calls to make. In development the OS must
 * start `electron <app path>`, hence the `execPath, [path]` form. On Windows the
 * command line ends `-- "%1"`: Chromium stops reading switches at `--`, so a
 * crafted link can never be taken for a switch.
 */
export function protocolClientCalls(facts: ProcessFacts): ProtocolClientCall[] {
  const appPath = facts.argv[1]
  const devArgs = facts.defaultApp && appPath ? [resolve(appPath)] : null
  const winArgs = facts.platform === 'win32' ? ['--'] : []
  return DIAL_SCHEMES.map((scheme) => {
    if (devArgs) return { scheme, path: facts.execPath, args: [...devArgs, ...winArgs] }
    if (winArgs.length > 0) return { scheme, path: facts.execPath, args: winArgs }
    return { scheme }
  })
}
