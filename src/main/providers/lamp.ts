/**
 * One extension's lamp, as every provider makes it. A provider lists its office in
 * the same order on every poll and keeps the list it returned last: a lamp that has
 * not changed since is that same object again (with the `since` it was made with),
 * so a poll of 5,000 lamps where 100 changed makes 100 objects, not 5,000, and the
 * presence tracker sees the unchanged ones as the very lamps it holds. Lamps are
 * never changed once made.
 */
import type { Party, Presence, PresenceState } from '../../shared/model'

function samePartner(a: Party | undefined, b: Party | undefined): boolean {
  return (
    a === b || (a !== undefined && b !== undefined && a.number === b.number && a.name === b.name)
  )
}

/**
 * `before` is the lamp at the same place in the provider's last list (or nothing);
 * `partner` is the other party, already left out for states that show none.
 */
export function lampOf(
  before: Presence | undefined,
  accountId: string,
  extension: string,
  name: string,
  state: PresenceState,
  partner: Party | undefined,
  now: number,
): Presence {
  if (
    before &&
    before.extension === extension &&
    before.state === state &&
    before.name === name &&
    before.accountId === accountId &&
    samePartner(before.partner, partner)
  )
    return before
  const lamp: Presence = { accountId, extension, name, state, since: now }
  if (partner) lamp.partner = partner
  return lamp
}
