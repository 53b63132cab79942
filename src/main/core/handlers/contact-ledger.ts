/**
 * The contact ids main handed out in Contacts searches, per account, so "Call"
 * on a contact without a number can only name a contact main itself listed: the
 * window never chooses whom the PBX calls by an id of its own making.
 */
import type { Contact } from '../../../shared/model'
import { SeenOnce } from '../../../shared/seen-once'

/** A few searches' worth per account; an older result is simply searched again. */
const PER_ACCOUNT = 500

export class ContactLedger {
  private readonly byAccount = new Map<string, SeenOnce>()

  /** Remember the callable contacts of one search's answer. */
  handedOut(accountId: string, contacts: readonly Contact[]): void {
    for (const contact of contacts) {
      if (!contact.callable) continue
      let ids = this.byAccount.get(accountId)
      if (!ids) this.byAccount.set(accountId, (ids = new SeenOnce(PER_ACCOUNT)))
      ids.first(contact.id)
    }
  }

  has(accountId: string, contactId: string): boolean {
    return this.byAccount.get(accountId)?.has(contactId) ?? false
  }
}
