/**
 * Calling a colleague by who main listed, not by digits (issue 14): a PBX whose
 * board names a colleague by login ("anne") is asked to call that colleague,
 * while the same text typed, pasted or linked is still refused; a contact with
 * no number is called only by an id a search handed out. A PBX that dials
 * numbers (PBXCloud, REST) still gets the extension as a parsed number.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { colleagueCallHandlers } from '../../src/main/core/handlers/colleague-calls'
import { contactHandlers } from '../../src/main/core/handlers/contacts'
import { ContactLedger } from '../../src/main/core/handlers/contact-ledger'
import { callHandlers } from '../../src/main/core/handlers/calls'
import { handlerContext } from '../../src/main/core/handlers/context'
import type { Contact } from '../../src/shared/model'
import { isAppError } from '../../src/shared/result'
import { FakeProvider } from '../support/fake-provider'
import { ManualClock } from '@switchboard/demo-pbx/testing'
import { startSession, type Harness } from './session-harness'

/** A PBX that calls its users by identity, as jade does. */
class UserCallingPbx extends FakeProvider {
  readonly people: Contact[] = [
    { id: 'u-anne', accountId: 'acc', name: 'Anne Hansen', numbers: [] },
    {
      id: 'u-lars',
      accountId: 'acc',
      name: 'Lars Jensen',
      numbers: [{ label: 'extension', number: '202' }],
    },
  ]
  async dialColleague(extension: string): Promise<{ callId?: string }> {
    this.actions.push(`colleague ${extension}`)
    return {}
  }
  async dialContact(contactId: string): Promise<{ callId?: string }> {
    this.actions.push(`contact ${contactId}`)
    return {}
  }
  async searchContacts(query: string): Promise<Contact[]> {
    return this.people.filter((p) => p.name.toLowerCase().includes(query.toLowerCase()))
  }
}

let h: Harness | undefined
afterEach(async () => {
  await h?.session.stop()
  h = undefined
})

async function board(provider: FakeProvider) {
  const clock = new ManualClock()
  provider.now = () => clock.now()
  provider.presenceList = [
    { accountId: 'acc', extension: 'anne', name: 'Anne Hansen', state: 'available', since: 0 },
    { accountId: 'acc', extension: '202', name: 'Lars Jensen', state: 'available', since: 0 },
  ]
  h = await startSession({ clock, provider })
  await clock.run(30_000)
  const ctx = handlerContext({
    find: (id) => (id === 'acc' ? h?.session : undefined),
    defaultCountry: () => 'DK',
    now: () => clock.now(),
  })
  const ledger = new ContactLedger()
  return {
    ...colleagueCallHandlers(ctx, ledger),
    ...contactHandlers(ctx, { emit: () => undefined }, ledger),
    ...callHandlers(ctx),
  }
}

async function refusal(run: () => unknown): Promise<string> {
  try {
    await run()
  } catch (error) {
    return isAppError(error) ? (error.detail?.code ?? error.kind) : 'not an AppError'
  }
  return 'not refused'
}

describe('calling a colleague the board lists', () => {
  it('calls a colleague whose login is a name from the board, while "anne" typed is still refused', async () => {
    const provider = new UserCallingPbx({ accountId: 'acc' })
    const handlers = await board(provider)
    const answer = await handlers['call:colleague']({ accountId: 'acc', extension: 'anne' })
    expect(answer).toEqual({ name: 'Anne Hansen' })
    expect(provider.actions).toEqual(['colleague anne'])
    expect(await refusal(() => handlers['call:dial']({ accountId: 'acc', number: 'anne' }))).toBe(
      'dial.bad_chars',
    )
    expect(provider.actions).toEqual(['colleague anne'])
  })

  it('refuses a colleague the board does not list, and the PBX hears nothing', async () => {
    const provider = new UserCallingPbx({ accountId: 'acc' })
    const handlers = await board(provider)
    for (const extension of ['bob', '203', 'anne '])
      expect(await refusal(() => handlers['call:colleague']({ accountId: 'acc', extension }))).toBe(
        'colleague.unknown',
      )
    expect(provider.actions).toEqual([])
  })

  it('on a PBX that dials numbers, a board colleague is dialled as the parsed extension, as before', async () => {
    const provider = new FakeProvider({ accountId: 'acc' })
    const handlers = await board(provider)
    await handlers['call:colleague']({ accountId: 'acc', extension: '202' })
    expect(provider.actions).toEqual(['dial 202'])
    // A listed entry that is not a number is still not dialled as one.
    expect(
      await refusal(() => handlers['call:colleague']({ accountId: 'acc', extension: 'anne' })),
    ).toBe('dial.bad_chars')
    expect(provider.actions).toEqual(['dial 202'])
  })
})

describe('calling a contact without a number', () => {
  it('offers Call on a contact without a number and calls it by the id the search handed out', async () => {
    const provider = new UserCallingPbx({ accountId: 'acc' })
    const handlers = await board(provider)
    const found = await handlers['contacts:search']({ accountId: 'acc', query: 'a' })
    expect(found.find((c) => c.id === 'u-anne')?.callable).toBe(true)
    expect(found.find((c) => c.id === 'u-lars')?.callable).toBe(true)
    await handlers['call:contact']({ accountId: 'acc', contactId: 'u-anne' })
    expect(provider.actions).toEqual(['contact u-anne'])
  })

  it('refuses an id no search handed out, and the PBX hears nothing', async () => {
    const provider = new UserCallingPbx({ accountId: 'acc' })
    const handlers = await board(provider)
    expect(
      await refusal(() => handlers['call:contact']({ accountId: 'acc', contactId: 'u-anne' })),
    ).toBe('contact.unknown')
    await handlers['contacts:search']({ accountId: 'acc', query: 'Lars' })
    expect(
      await refusal(() => handlers['call:contact']({ accountId: 'acc', contactId: 'u-anne' })),
    ).toBe('contact.unknown')
    expect(provider.actions).toEqual([])
  })
})
