/**
 * A number from outside the window (a tel: link, the clipboard, the dial shortcut,
 * the tray) on its way to a call. It is parsed again here, and the agent is asked
 * first unless they turned that off; a number with `*` or `#` is always asked
 * about: those are PBX feature codes (call forwarding, pickup, voicemail settings)
 * that a web page could otherwise trigger with one link.
 */
import type { NoticeDetail } from '../../../shared/notice'
import { parseDialable } from '../../../shared/dialable'
import type { DialRequest } from '../../../shared/ipc'
import type { Preferences } from '../../../shared/preferences'
import { redact } from '../../../shared/redact'
import { isAppError, type AppErrorShape, type ErrorParams } from '../../../shared/result'
import type { Logger } from '../../log'

export interface DialRequestDeps {
  preferences(): Preferences
  /** The session to dial from (the first connected account), if any. */
  dialer(): { dial(number: string): Promise<unknown> } | undefined
  ask(request: DialRequest): void
  notify(kind: 'info' | 'error', text: string, detail?: NoticeDetail): void
  log: Logger
}

/** `*72…`, `#21#`: a PBX feature code rather than a phone number. */
export function isFeatureCode(number: string): boolean {
  return /[*#]/.test(number)
}

/** A refused number as an error the window says in words (`dial.*` codes). */
export function refusal(parsed: {
  reason: string
  code: string
  params?: ErrorParams
}): AppErrorShape {
  return {
    kind: 'invalid_argument',
    message: parsed.reason,
    code: parsed.code,
    ...(parsed.params ? { params: parsed.params } : {}),
  }
}

export function createDialRequester(deps: DialRequestDeps) {
  return async (input: unknown, source: DialRequest['source']): Promise<void> => {
    const preferences = deps.preferences()
    const parsed = parseDialable(input, { defaultCountry: preferences.defaultCountry })
    if (!parsed.ok)
      return deps.notify('error', `Switchboard did not dial: ${parsed.reason}`, {
        code: 'dial_refused',
        error: refusal(parsed),
      })
    const request: DialRequest = { number: parsed.number, display: parsed.display, source }
    if (isFeatureCode(parsed.number)) return deps.ask({ ...request, featureCode: true })
    if (preferences.confirmDial) return deps.ask(request)
    const dialer = deps.dialer()
    if (!dialer)
      return deps.notify('error', 'There is no connected account to dial from.', {
        code: 'no_dialer',
      })
    try {
      await dialer.dial(parsed.number)
      deps.notify('info', `Calling ${parsed.display}…`, {
        code: 'calling',
        params: { number: parsed.display },
      })
    } catch (error) {
      // An AppError's message is written for the agent (and redacted); anything
      // else may carry a URL or a token and goes to the log only.
      if (!isAppError(error)) deps.log.error('dialling failed', error)
      const why = isAppError(error)
        ? redact(error.message)
        : 'something went wrong inside Switchboard; the details are in the log.'
      deps.notify('error', `Dialling ${parsed.display} failed: ${why}`, {
        code: 'dial_failed',
        params: { number: parsed.display },
        error: isAppError(error)
          ? { ...error.toShape(), message: why }
          : { kind: 'internal', message: why },
      })
    }
  }
}
