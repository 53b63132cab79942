/**
 * Calling a colleague or a contact by who they are rather than by digits. A
 * jade colleague's extension is the login and may be a name ("anne"), which
 * shared/dialable.ts rightly refuses for anything typed or pasted. So the window
 * names a presence entry (or a contact id a search handed out), main looks it up
 * in what it listed itself, and only then asks the provider to call that person.
 */
import { need } from '../../providers/facets'
import type { Presence } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import type { Handlers } from '../app/dispatch'
import type { ContactLedger } from './contact-ledger'
import type { HandlerContext } from './context'

export type ColleagueCallHandlers = Pick<Handlers, 'call:colleague' | 'call:contact'>

export function colleagueCallHandlers(
  ctx: HandlerContext,
  ledger: ContactLedger,
): ColleagueCallHandlers {
  return {
    'call:colleague': async ({ accountId, extension }) => {
      const session = ctx.session(accountId)
      const entry = listedColleague(session.snapshot().presence, accountId, extension)
      const result = await session.command(async (p) =>
        // A dialect whose extensions are numbers dials them as before, parsed once more.
        p.dialColleague
          ? p.dialColleague(entry.extension)
          : need(p, 'dial')(ctx.dialable(entry.extension)),
      )
      return withCallId({ name: entry.name || entry.extension }, result.callId)
    },
    'call:contact': async ({ accountId, contactId }) => {
      const session = ctx.session(accountId)
      if (!ledger.has(accountId, contactId)) {
        throw new AppError(
          'not_found',
          'That contact is not in a recent search; search again.',
          undefined,
          {
            code: 'contact.unknown',
          },
        )
      }
      const result = await session.command(async (p) => {
        if (!p.dialContact) throw notOffered()
        return p.dialContact(contactId)
      })
      return withCallId({}, result.callId)
    },
  }
}

function listedColleague(
  presence: readonly Presence[],
  accountId: string,
  extension: string,
): Presence {
  const entry = presence.find((p) => p.accountId === accountId && p.extension === extension)
  if (!entry) {
    throw new AppError('not_found', 'That colleague is no longer on the board.', undefined, {
      code: 'colleague.unknown',
    })
  }
  return entry
}

function withCallId<T extends object>(out: T, callId: string | undefined): T & { callId?: string } {
  return callId ? { ...out, callId } : out
}

function notOffered(): AppError {
  return new AppError('unsupported', 'This PBX can only call a contact by a number.', undefined, {
    code: 'not_offered',
    params: { feature: 'call_contact' },
  })
}
