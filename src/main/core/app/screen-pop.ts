/**
 * Opening the CRM page for a call: built here from the confirmed template and
 * the call's number as main knows it (never a URL from the renderer), opened by
 * the shell's https-only openExternalHttps. Automatic when a call is answered, if the
 * agent chose so.
 */
import { SeenOnce } from '../../../shared/seen-once'
import { placedBy } from '../../../shared/call-origin'
import type { ScreenPopResult } from '../../../shared/ipc'
import type { Call } from '../../../shared/model'
import type { Preferences } from '../../../shared/preferences'
import { AppError } from '../../../shared/result'
import { buildScreenPopUrl, checkTemplate } from '../../../shared/screen-pop'
import type { Logger } from '../../log'
import type { CoreEvent } from '../events'

export interface ScreenPopDeps {
  preferences(): Preferences
  /**
   * The shell's native dialog showing the site (and an example address); true
   * when the user allowed it. Absent in the browser shell: nothing can confirm.
   */
  confirmOrigin?: ((origin: string, example: string) => Promise<boolean>) | undefined
  /** Stores the confirmed origin (main's own write, not a renderer patch). */
  saveOrigin?: ((origin: string) => Promise<Preferences>) | undefined
  /** The live calls main knows for an account. */
  calls(accountId: string): Call[]
  /** The shell's way out to the user's browser; absent in the browser shell. */
  openInBrowser?: ((url: string) => Promise<void> | void) | undefined
  log: Logger
}

/** What is wrong with the CRM address itself, in words; null when it can be used. */
export function templateProblem(template: string): string | null {
  if (!template) return null
  const check = checkTemplate(template)
  if (check.ok) return null
  return check.reason === 'not_https'
    ? 'The CRM address must start with https://.'
    : check.reason === 'no_placeholder'
      ? 'The CRM address needs {number} where the caller’s number goes.'
      : 'The CRM address is not a valid web address.'
}

/**
 * The origin that stays confirmed after a change of the CRM address: the old one
 * while the site is the same, none (ask again) when the address moves elsewhere.
 */
export function originAfterChange(template: string, confirmed: string): string {
  const check = template ? checkTemplate(template) : null
  return check?.ok && check.origin === confirmed ? confirmed : ''
}

/** The settings error in words, or null when the screen-pop preferences fit together. */
export function screenPopProblem(preferences: Preferences): string | null {
  if (!preferences.screenPopUrl) return null
  const problem = templateProblem(preferences.screenPopUrl)
  if (problem) return problem
  const check = checkTemplate(preferences.screenPopUrl)
  if (check.ok && check.origin !== preferences.screenPopOrigin) {
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

/** The number in the example address the confirmation dialog shows. */
const EXAMPLE_NUMBER = '+4570102030'

export interface ScreenPop {
  open(accountId: string, callId: string): Promise<ScreenPopResult>
  onEvent(event: CoreEvent): void
  confirm(): Promise<Preferences>
}

async function openPage(
  deps: ScreenPopDeps,
  accountId: string,
  callId: string,
): Promise<ScreenPopResult> {
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

async function confirmSite(deps: ScreenPopDeps): Promise<Preferences> {
  const preferences = deps.preferences()
  const check = checkTemplate(preferences.screenPopUrl)
  if (!check.ok) {
    throw new AppError(
      'invalid_argument',
      templateProblem(preferences.screenPopUrl) ?? 'No CRM page is set up.',
    )
  }
  if (!deps.confirmOrigin || !deps.saveOrigin) {
    throw new AppError(
      'unsupported',
      'A CRM site can only be allowed in the desktop app.',
      undefined,
      { code: 'not_offered', params: { feature: 'crm_confirm' } },
    )
  }
  const example = buildScreenPopUrl(preferences.screenPopUrl, check.origin, EXAMPLE_NUMBER) ?? ''
  if (!(await deps.confirmOrigin(check.origin, example))) return deps.preferences()
  // The address may have changed while the dialog was open: allow only what was shown.
  if (deps.preferences().screenPopUrl !== preferences.screenPopUrl) return deps.preferences()
  return deps.saveOrigin(check.origin)
}

export function screenPop(deps: ScreenPopDeps): ScreenPop {
  const opened = new SeenOnce(500)

  const onEvent = (event: CoreEvent): void => {
    if (event.name !== 'call:event' || event.payload.type !== 'call.answered') {
      return
    }
    const { call } = event.payload
    const preferences = deps.preferences()
    if (!preferences.screenPopOnAnswer || !deps.openInBrowser || call.answeredElsewhere) return
    // The agent dialled this one: they know who it is, and may be looking at it already.
    if (placedBy(call) === 'agent') return
    const key = `${call.accountId}/${call.id}`
    if (opened.has(key)) return // once per call, even if it is answered again after a hold
    const url = urlFor(preferences, call)
    if (!url) return
    opened.first(key)
    Promise.resolve(deps.openInBrowser(url)).catch((error: unknown) =>
      deps.log.warn('the CRM page could not be opened', error),
    )
  }

  return {
    open: (accountId, callId) => openPage(deps, accountId, callId),
    onEvent,
    confirm: () => confirmSite(deps),
  }
}
