/**
 * The phone book: searching and adding are reads (no calls poll); "Open contact"
 * from the popup finds the caller in main's own call list, never a number the
 * window sends.
 */
import { need } from '../../providers/facets'
import { AppError } from '../../../shared/result'
import type { Handlers } from '../app/dispatch'
import type { EventHub } from '../events'
import type { ContactLedger } from './contact-ledger'
import type { HandlerContext } from './context'

export type ContactHandlers = Pick<Handlers, 'contacts:search' | 'contacts:add' | 'contact:show'>

export function contactHandlers(
  ctx: HandlerContext,
  events: Pick<EventHub, 'emit'>,
  ledger: ContactLedger,
): ContactHandlers {
  return {
    'contacts:search': async ({ accountId, query }) => {
      const found = await ctx.session(accountId).read(async (p) => {
        const contacts = await need(p, 'searchContacts')(query)
        // A PBX that calls its users by id (jade) can call a contact with no number, or
        // with a login for one, which shared/dialable.ts rightly refuses as typed text.
        return p.dialContact ? contacts.map((c) => ({ ...c, callable: true })) : contacts
      })
      ledger.handedOut(accountId, found)
      return found
    },
    'contacts:add': async ({ accountId, name, number, company, email }) => {
      // Stored the way it would be dialled, so a later search and call find it.
      const stored = ctx.dialable(number)
      const contact = {
        name,
        numbers: [{ label: 'phone', number: stored }],
        ...(company ? { company } : {}),
        ...(email ? { email } : {}),
      }
      return ctx.session(accountId).read((p) => need(p, 'addContact')(contact))
    },
    'contact:show': ({ accountId, callId }) => {
      const session = ctx.session(accountId)
      if (!session.capabilities.includes('contacts')) {
        throw new AppError(
          'unsupported',
          'This PBX has no phone book to look the caller up in.',
          undefined,
          { code: 'not_offered', params: { feature: 'contacts' } },
        )
      }
      const call = session.snapshot().calls.find((c) => c.id === callId)
      if (!call) {
        throw new AppError('not_found', 'That call has ended.', undefined, { code: 'call.ended' })
      }
      events.emit('contact:show', { accountId, number: call.remote.number })
      return null
    },
  }
}
