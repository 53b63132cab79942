/**
 * Who the colleagues are, from what jade lists (docs/dialects/jade.md, "People").
 * A buddy (`/me/buddies`) is a USER (`uuid_user`); its `name` and `detail` are the
 * agent's own labels and are often null (seed 004). A user's devices are its
 * contacts (`type` + `target`, jade's user_contact table); jade calls a user on
 * the first one (me_handler.c, get_callable_contact_from_useruuid). A user token
 * sees only its own contacts; an admin token lists every user
 * (`/admin/user/users`) and every contact (`/admin/user/contacts`).
 */
import type { Contact } from '../../../shared/model'
import { safeName } from '../../../shared/untrusted-text'
import type { Person } from './normalise'
import { text, type Rec } from './parse'

/** A colleague: a jade user, with the device and name found for it. */
export interface Colleague extends Person {
  userId: string
  device: string
}

/** The Asterisk device of a contact; undefined for a kind jade does not name. */
export function deviceOfContact(contact: Rec): { extension: string; device: string } | undefined {
  const target = safeName(text(contact, 'target'), 40)
  if (!target || /[\s/]/.test(target)) return undefined
  const type = text(contact, 'type')
  // jade's user_contact.type: "sip_peer, pjsip_endpoint, ..." (user_handler.c),
  // but jade's own API writes none: create_contact stores a target only after
  // is_valid_target found that PJSIP endpoint, and get_contact_info reads every
  // contact as PJSIP ("we support only pjsip"). No type is a PJSIP endpoint.
  if (type === 'pjsip_endpoint' || type === '')
    return { extension: target, device: `PJSIP/${target}` }
  if (type === 'sip_peer') return { extension: target, device: `SIP/${target}` }
  return undefined
}

/** The first device of each user, in the order listed (the one jade calls). */
export function devicesByUser(
  contacts: readonly Rec[],
): Map<string, ReturnType<typeof deviceOfContact>> {
  const byUser = new Map<string, ReturnType<typeof deviceOfContact>>()
  for (const contact of contacts) {
    const user = text(contact, 'user_uuid')
    if (user && !byUser.has(user)) byUser.set(user, deviceOfContact(contact))
  }
  return byUser
}

/** What an admin token lists; absent for a user-only account. */
export interface Directory {
  users: readonly Rec[]
  contacts: readonly Rec[]
}

/**
 * The colleagues: with a directory, every user that has a device (the office),
 * else the buddies. Names: the user's name from the directory, else the agent's
 * own label for the buddy. A user's password in the directory is never read.
 */
export function colleaguesOf(
  buddies: readonly Rec[],
  directory: Directory | undefined,
  ownUserId: string,
): Colleague[] {
  const labels = new Map<string, string>()
  for (const buddy of buddies) {
    const id = text(buddy, 'uuid_user')
    if (id) labels.set(id, safeName(text(buddy, 'name')))
  }
  const names = new Map<string, string>()
  const devices = directory ? devicesByUser(directory.contacts) : new Map()
  const ids: string[] = []
  if (directory) {
    for (const user of directory.users) {
      const id = text(user, 'uuid')
      if (!id) continue
      names.set(id, safeName(text(user, 'name')) || safeName(text(user, 'username')))
      if (devices.get(id)) ids.push(id)
    }
  }
  for (const id of labels.keys()) if (!ids.includes(id)) ids.push(id)
  const seen = new Set<string>()
  const out: Colleague[] = []
  for (const userId of ids) {
    if (userId === ownUserId || seen.has(userId)) continue
    seen.add(userId)
    const device = devices.get(userId)
    out.push({
      userId,
      extension: device?.extension ?? '',
      device: device?.device ?? '',
      name: names.get(userId) || labels.get(userId) || '',
    })
  }
  return out
}

/**
 * Colleagues matching a query. One with neither a name nor an extension cannot
 * be told apart from another and is never listed.
 */
export function contactsOf(
  colleagues: readonly Colleague[],
  query: string,
  accountId: string,
): Contact[] {
  const words = query.trim().toLowerCase()
  const digits = words.replace(/[\s-]/g, '')
  return colleagues
    .filter((c) => c.name !== '' || c.extension !== '')
    .filter(
      (c) =>
        words === '' ||
        c.name.toLowerCase().includes(words) ||
        (/^[0-9+*#]+$/.test(digits) && c.extension.includes(digits)),
    )
    .map((c) => ({
      id: c.userId,
      accountId,
      name: c.name || c.extension,
      numbers: c.extension ? [{ label: 'extension', number: c.extension }] : [],
    }))
}
