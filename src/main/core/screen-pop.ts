/**
 * Opening the CRM page for a call: built here from the confirmed template and
 * the call's number as main knows it (never a URL from the renderer), opened by
 * the shell's https-only openExternalHttps. Automatic when a call is answered, if the
 * agent chose so.
 */
import type { ScreenPopResult } from '../../shared/ipc'
import type { Call } from '../../shared/model'
import type { Preferences } from '../../shared/preferences'
import { AppError } from '../../shared/result'
import { buildScreenPopUrl, checkTemplate } from '../../shared/screen-pop'
import type { Logger } from '../log'
import type { CoreEvent } from './events'

export interface ScreenPopDeps {
  preferences(): Preferences
  /** The live calls main knows for an account. */
  calls(accountId: string): Call[]
  /** The shell's way out to the user's browser; absent in the browser shell. */
  openInBrowser?: ((url: string) => Promise<void> | void) | undefined
  log: Logger
}

/** The settings error in words, or null when the screen-pop preferences fit together. */
export function screenPopProblem(preferences: Preferences): string | null {
  if (!preferences.screenPopUrl) return null
  const check = checkTemplate(preferences.screenPopUrl)
  if (!check.ok) {
    return check.reason === 'not_https'
      ? 'The CRM address must start with https://.'
      : check.reason === 'no_placeholder'
        ? 'The CRM address needs {number} where the caller’s number goes.'
        : 'The CRM address is not a valid web address.'
  }
  if (check.origin !== preferences.screenPopOrigin) {
    return `Confirm that Switchboard may open pages on ${check.origin} first.`
  }
  return null
}

function urlFor(preferences: Preferences, call: Call): string | null {
  return buildScreenPopUrl(
    preferences.screenPopUrl,
    preferences.screenPopOrigin,
    call.remote.number,
  )
}

export function screenPop(deps: ScreenPopDeps): {
  open(accountId: string, callId: string): Promise<ScreenPopResult>
  onEvent(event: CoreEvent): void
} {
  const opened = new Set<string>()

  const open = async (accountId: string, callId: string): Promise<ScreenPopResult> => {
    const call = deps.calls(accountId).find((c) => c.id === callId)
    if (!call) {
      throw new AppError('not_found', 'That call has ended.', undefined, { code: 'call.ended' })
    }
    const preferences = deps.preferences()
    if (!preferences.screenPopUrl) {
      throw new AppError(
        'invalid_argument',
        'No CRM page is set up: add its address in Settings.',
        undefined,
        { code: 'screen_pop.not_set' },
      )
    }
    const url = urlFor(preferences, call)
    if (!url) {
      throw new AppError(
        'invalid_argument',
        screenPopProblem(preferences) ?? 'This call has no number to look up.',
        undefined,
        { code: screenPopProblem(preferences) ? 'screen_pop.invalid' : 'screen_pop.no_number' },
      )
    }
    if (!deps.openInBrowser) return { url, opened: false }
    await deps.openInBrowser(url)
    return { url, opened: true }
  }

  const onEvent = (event: CoreEvent): void => {
    if (event.name !== 'call:event' || event.payload.kind !== 'answered' || event.payload.late) {
      return
    }
    const { call } = event.payload
    const preferences = deps.preferences()
    if (!preferences.screenPopOnAnswer || !deps.openInBrowser || call.answeredElsewhere) return
    if (call.direction === 'outbound') return
    const key = `${call.accountId}/${call.id}`
    if (opened.has(key)) return // once per call, even if it is answered again after a hold
    const url = urlFor(preferences, call)
    if (!url) return
    opened.add(key)
    if (opened.size > 500) opened.delete(opened.values().next().value as string)
    Promise.resolve(deps.openInBrowser(url)).catch((error: unknown) =>
      deps.log.warn('the CRM page could not be opened', error),
    )
  }

  return { open, onEvent }
}
