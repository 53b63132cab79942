/**
 * The tenant's phone book (P9): chosen by name in the account settings, since a
 * tenant need not have one called `default`. Without a setting, the tenant's only
 * phone book is used; with none or several, contacts say no phone book is chosen.
 */
import type { Contact } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import { safeName } from '../../../shared/untrusted-text'
import type { PbxCloudClient } from './client'
import { field } from './readers'
import { readPhonebooks } from './readers'

export class Phonebook {
  private resolved: string | undefined

  constructor(
    private readonly client: PbxCloudClient,
    private readonly accountId: string,
    private readonly setting: string | undefined,
  ) {
    const name = setting?.trim()
    if (name) this.resolved = name
  }

  /** The tenant's phone books (PHONEBOOKS, manual), for the account form's pick list. */
  async list(): Promise<string[]> {
    return readPhonebooks(await this.client.text('PHONEBOOKS'))
  }

  private async name(): Promise<string> {
    if (this.resolved) return this.resolved
    const books = await this.list()
    if (books.length === 1 && books[0]) {
      this.resolved = books[0]
      return books[0]
    }
    throw new AppError(
      'unsupported',
      books.length === 0
        ? 'No phone book chosen: this PBX tenant has no phone book.'
        : 'No phone book chosen: pick one of the tenant’s phone books in the account settings.',
      undefined,
      { code: 'not_offered', params: { feature: 'phonebook' } },
    )
  }

  async search(query: string): Promise<Contact[]> {
    const text = query.trim().slice(0, 64)
    if (!text) return []
    const byNumber = /^[0-9+*# ]+$/.test(text)
    const value = `%${text.replace(/[%_]/g, '').replace(/\s+/g, byNumber ? '' : ' ')}%`
    const rows = await this.client.rows(
      'PHONEBOOK',
      {
        phonebook: await this.name(),
        subreqtype: 'query',
        field: byNumber ? 'number' : 'name',
        value,
      },
      [],
    )
    // The tenant's own field names (P9): read by name, with or without a table prefix.
    return rows.map((row) => {
      const number = field(row, 'number', 'phone', 'telephone') ?? ''
      const contact: Contact = {
        id: field(row, 'peid', 'id') ?? '',
        accountId: this.accountId,
        name: safeName(field(row, 'name', 'fullname') ?? number),
        numbers: number ? [{ label: 'phone', number: safeName(number, 40) }] : [],
      }
      const company = field(row, 'company')
      if (company) contact.company = safeName(company)
      const email = field(row, 'email')
      if (email) contact.email = safeName(email)
      return contact
    })
  }

  /** Adds a record; the answer `Success|<peid>|` gives its id. */
  async add(contact: Omit<Contact, 'id' | 'accountId'>): Promise<Contact> {
    const values: Record<string, string> = {
      name: contact.name,
      number: contact.numbers[0]?.number ?? '',
    }
    if (contact.company) values.company = contact.company
    if (contact.email) values.email = contact.email
    const fields = await this.client.action('PHONEBOOK', {
      phonebook: await this.name(),
      subreqtype: 'add',
      values: JSON.stringify(values),
    })
    // `Success|<peid>|`, or with words before the id: the id is the last numeric field.
    const peid = [...fields].reverse().find((value) => /^\d+$/.test(value)) ?? ''
    return { ...contact, id: peid, accountId: this.accountId }
  }
}
