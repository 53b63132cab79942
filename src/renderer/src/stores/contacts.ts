/**
 * The phone book: searching it and adding to it (issue 15, finding 18). The
 * screen calls these actions; only this store asks main.
 */
import { defineStore } from 'pinia'
import type { Contact, Presence } from '../../../shared/model'
import type { Result } from '../../../shared/result'
import { invoke } from '../bridge'
import { useAccountsStore } from './accounts'

export interface NewContact {
  accountId: string
  name: string
  number: string
  company?: string
  email?: string
}

/** What a search asks a PBX for: its phone book caps the query length. */
const MAX_QUERY = 64
/** Colleagues shown for one search: the board is there for browsing everyone. */
const MAX_COLLEAGUES = 20

/**
 * Colleagues whose name or extension matches what was typed. Names match on any
 * part, case-insensitively; a number matches the extension's digits, so "20"
 * finds 201 and 202.
 */
export function matchColleagues(roster: Iterable<Presence>, text: string): Presence[] {
  const q = text.trim().toLowerCase()
  if (!q) return []
  const digits = q.replace(/[^0-9*#]/g, '')
  const found: Presence[] = []
  for (const p of roster) {
    const byName = p.name.toLowerCase().includes(q)
    const byExtension =
      digits.length > 0 && digits === q.replace(/\s/g, '') && p.extension.includes(digits)
    if (byName || byExtension) found.push(p)
  }
  return found
    .sort((a, b) => a.name.localeCompare(b.name) || a.extension.localeCompare(b.extension))
    .slice(0, MAX_COLLEAGUES)
}

export const useContactsStore = defineStore('contacts', () => {
  const accounts = useAccountsStore()

  /** Every account's phone book at once; the first failure is the answer. */
  async function search(text: string): Promise<Result<Contact[]>> {
    const lists = await Promise.all(
      accounts.accounts
        .filter((a) => accounts.can(a.id, 'contacts'))
        .map((a) =>
          invoke('contacts:search', { accountId: a.id, query: text.slice(0, MAX_QUERY) }),
        ),
    )
    const failed = lists.find((r) => !r.ok)
    if (failed && !failed.ok) return failed
    return { ok: true, data: lists.flatMap((r) => (r.ok ? r.data : [])) }
  }

  /** Sends the fields trimmed, leaving out the empty optional ones. */
  function add(contact: NewContact): Promise<Result<Contact>> {
    const company = contact.company?.trim() ?? ''
    const email = contact.email?.trim() ?? ''
    return invoke('contacts:add', {
      accountId: contact.accountId,
      name: contact.name.trim(),
      number: contact.number.trim(),
      ...(company ? { company } : {}),
      ...(email ? { email } : {}),
    })
  }

  return { search, add }
})
