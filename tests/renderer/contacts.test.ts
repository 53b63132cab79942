import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AccountSummary, Contact, Presence } from '../../src/shared/model'
import {
  button,
  held,
  mountApp,
  notices,
  office,
  removeBridge,
  type Answers,
} from './screen-harness'

enableAutoUnmount(afterEach)
// The search waits for a pause in typing: the tests move that clock by hand.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
})
afterEach(() => {
  vi.useRealTimers()
  removeBridge()
})

const alice: Contact = {
  id: 'k1',
  accountId: 'office',
  name: 'Alice Jensen',
  company: 'Jensen ApS',
  numbers: [
    { label: 'work', number: '+4520304050' },
    { label: 'mobile', number: '+4522334455' },
  ],
}
const found = { ok: true as const, data: [alice] }

async function type(wrapper: VueWrapper, text: string): Promise<void> {
  await wrapper.find('input[type="search"]').setValue(text)
  await vi.advanceTimersByTimeAsync(250)
  await flushPromises()
}

describe('the contacts screen', () => {
  it('says the PBX has no phone book when no account can do it', async () => {
    const { wrapper } = await mountApp({ capabilities: ['calls'], screen: 'contacts' })
    expect(wrapper.find('.empty').text()).toContain('No phone book here')
    expect(wrapper.find('input[type="search"]').exists()).toBe(false)
  })

  it('explains what to type before anything is searched', async () => {
    const { wrapper, sent } = await mountApp({ capabilities: ['contacts'], screen: 'contacts' })
    expect(wrapper.find('.hint').text()).toBe(
      'Type a name or a number to search the PBX phone book.',
    )
    expect(sent('contacts:search')).toEqual([])
  })

  it('says it is searching, then lists who was found with a call button per number', async () => {
    const pending = held<Contact[]>()
    const { wrapper, sent } = await mountApp({
      capabilities: ['contacts', 'dial'],
      answers: {
        'contacts:search': pending.answer,
        'call:dial': { ok: true, data: { number: '+4522334455' } },
      },
      screen: 'contacts',
    })
    await type(wrapper, 'alice')
    expect(sent('contacts:search')).toEqual([{ accountId: 'office', query: 'alice' }])
    expect(wrapper.find('[role="status"]').text()).toBe('Searching…')

    pending.resolve(found)
    await flushPromises()
    const row = wrapper.find('[data-testid="contact-list"] li')
    expect(row.find('strong').text()).toBe('Alice Jensen')
    expect(row.text()).toContain('Jensen ApS')
    expect(row.findAll('button').map((b) => b.text())).toEqual([
      'Call +4520304050',
      'Call +4522334455',
    ])

    await button(row, 'Call +4522334455').trigger('click')
    await flushPromises()
    expect(sent('call:dial')).toEqual([{ accountId: 'office', number: '+4522334455' }])
    expect(notices(wrapper)).toEqual(['Calling +4522334455…'])
  })

  it('offers Call on a colleague the PBX calls by id although they have no number, and sends back only that id', async () => {
    const people: Contact[] = [
      { id: 'u-anne', accountId: 'office', name: 'Anne Hansen', numbers: [], callable: true },
      {
        id: 'u-mette',
        accountId: 'office',
        name: 'Mette Nielsen',
        numbers: [{ label: 'extension', number: 'mette' }],
        callable: true,
      },
      { id: 'k9', accountId: 'office', name: 'Anders Nobody', numbers: [] },
    ]
    const { wrapper, sent } = await mountApp({
      capabilities: ['contacts', 'dial'],
      answers: {
        'contacts:search': { ok: true, data: people },
        'call:contact': { ok: true, data: {} },
      },
      screen: 'contacts',
    })
    await type(wrapper, 'an')
    const rows = wrapper.findAll('[data-testid="contact-list"] li')
    expect(rows.map((r) => r.findAll('button').map((b) => b.text()))).toEqual([
      ['Call Anne Hansen'],
      ['Call mette'],
      [],
    ])
    await button(rows[0]!, 'Call Anne Hansen').trigger('click')
    await button(rows[1]!, 'Call mette').trigger('click')
    await flushPromises()
    expect(sent('call:contact')).toEqual([
      { accountId: 'office', contactId: 'u-anne' },
      { accountId: 'office', contactId: 'u-mette' },
    ])
    expect(sent('call:dial')).toEqual([])
    expect(notices(wrapper)).toContain('Calling Anne Hansen…')
  })

  it('waits for the typing to stop and searches once', async () => {
    const { wrapper, sent } = await mountApp({
      capabilities: ['contacts'],
      answers: { 'contacts:search': found },
      screen: 'contacts',
    })
    const input = wrapper.find('input[type="search"]')
    await input.setValue('a')
    await input.setValue('al')
    await input.setValue('ali')
    await vi.advanceTimersByTimeAsync(250)
    await flushPromises()
    expect(sent('contacts:search')).toEqual([{ accountId: 'office', query: 'ali' }])
  })

  it('says nobody was found', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['contacts'],
      answers: { 'contacts:search': { ok: true, data: [] } },
      screen: 'contacts',
    })
    await type(wrapper, 'zebra')
    expect(wrapper.find('.empty').text()).toContain('Nobody found')
    expect(wrapper.text()).toContain('Try part of the name or the last digits of the number.')
  })

  it('says in words when the search failed', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['contacts'],
      answers: {
        'contacts:search': {
          ok: false,
          error: { kind: 'network', message: 'Cannot reach the PBX.' },
        },
      },
      screen: 'contacts',
    })
    await type(wrapper, 'alice')
    expect(wrapper.find('[role="alert"]').text()).toBe(
      'The search did not work: The PBX cannot be reached. Check the network connection.',
    )
  })

  it('goes back to the hint when the box is cleared, even while a search is under way', async () => {
    const pending = held<Contact[]>()
    const { wrapper } = await mountApp({
      capabilities: ['contacts'],
      answers: { 'contacts:search': pending.answer },
      screen: 'contacts',
    })
    await type(wrapper, 'alice')
    await wrapper.find('input[type="search"]').setValue('')
    expect(wrapper.find('.hint').exists()).toBe(true)

    // The late answer is for a search nobody is looking at any more.
    pending.resolve(found)
    await flushPromises()
    expect(wrapper.find('.hint').exists()).toBe(true)
    expect(wrapper.find('[data-testid="contact-list"]').exists()).toBe(false)
  })
})

describe('adding a contact', () => {
  const bob: Contact = {
    id: 'k2',
    accountId: 'office',
    name: 'Bo Berg',
    numbers: [{ label: '', number: '+4599887766' }],
  }

  async function openForm(answers: Answers = {}) {
    const mounted = await mountApp({
      capabilities: ['contacts', 'contacts_add'],
      answers: { 'contacts:search': { ok: true, data: [bob] }, ...answers },
      screen: 'contacts',
    })
    await button(mounted.wrapper, 'Add a contact').trigger('click')
    return mounted
  }

  function field(wrapper: VueWrapper, label: string) {
    const wanted = wrapper
      .findAll('[data-testid="contact-add"] label')
      .find((l) => l.text().startsWith(label))
    if (!wanted) throw new Error(`No field ${label}`)
    return wanted.find('input')
  }

  it('is offered only where the PBX can add contacts', async () => {
    const { wrapper } = await mountApp({ capabilities: ['contacts'], screen: 'contacts' })
    expect(wrapper.text()).not.toContain('Add a contact')
    expect(wrapper.find('[data-testid="contact-add"]').exists()).toBe(false)
  })

  it('sends the fields trimmed, leaving out the empty optional ones', async () => {
    const { wrapper, sent } = await openForm({ 'contacts:add': { ok: true, data: bob } })
    const form = wrapper.find('[data-testid="contact-add"]')
    expect(form.attributes('aria-label')).toBe('Add a contact')
    // One account can add: no account to choose.
    expect(form.find('select').exists()).toBe(false)
    await field(wrapper, 'Name').setValue('  Bo Berg ')
    await field(wrapper, 'Number').setValue(' +45 99 88 77 66 ')
    await field(wrapper, 'Company (optional)').setValue('   ')
    await field(wrapper, 'Email (optional)').setValue(' bo@example.com ')
    await form.trigger('submit')
    await flushPromises()
    expect(sent('contacts:add')).toEqual([
      { accountId: 'office', name: 'Bo Berg', number: '+45 99 88 77 66', email: 'bo@example.com' },
    ])
  })

  it('keeps what was typed and says why when the PBX refuses', async () => {
    const pending = held<Contact>()
    const { wrapper } = await openForm({ 'contacts:add': pending.answer })
    await field(wrapper, 'Name').setValue('Bo Berg')
    await field(wrapper, 'Number').setValue('+4599887766')
    await field(wrapper, 'Company (optional)').setValue('Berg & Co')
    await wrapper.find('[data-testid="contact-add"]').trigger('submit')
    const submit = wrapper.find('[data-testid="contact-add"] button[type="submit"]')
    expect(submit.text()).toBe('Adding…')
    expect(submit.attributes('disabled')).toBeDefined()

    pending.resolve({
      ok: false,
      error: { kind: 'invalid_argument', message: 'The number is not valid.' },
    })
    await flushPromises()
    expect(wrapper.find('[data-testid="contact-add"] [role="alert"]').text()).toBe(
      'The contact was not added: That was not accepted. Check what you entered.',
    )
    expect(submit.text()).toBe('Add to phone book')
    expect((field(wrapper, 'Name').element as HTMLInputElement).value).toBe('Bo Berg')
    expect((field(wrapper, 'Number').element as HTMLInputElement).value).toBe('+4599887766')
    expect((field(wrapper, 'Company (optional)').element as HTMLInputElement).value).toBe(
      'Berg & Co',
    )
    expect(notices(wrapper)).toEqual([])
  })

  it('says the contact was added, closes the form and searches for the new name', async () => {
    const { wrapper, sent } = await openForm({ 'contacts:add': { ok: true, data: bob } })
    await field(wrapper, 'Name').setValue('Bo Berg')
    await field(wrapper, 'Number').setValue('+4599887766')
    await wrapper.find('[data-testid="contact-add"]').trigger('submit')
    await flushPromises()
    expect(notices(wrapper)).toEqual(['Bo Berg was added to the phone book.'])
    expect(wrapper.find('[data-testid="contact-add"]').exists()).toBe(false)
    expect((wrapper.find('input[type="search"]').element as HTMLInputElement).value).toBe('Bo Berg')

    await vi.advanceTimersByTimeAsync(250)
    await flushPromises()
    expect(sent('contacts:search')).toEqual([{ accountId: 'office', query: 'Bo Berg' }])
    expect(wrapper.find('[data-testid="contact-list"]').text()).toContain('Bo Berg')
  })

  it('searches again when the new name is already the one in the box', async () => {
    const { wrapper, answers, sent } = await mountApp({
      capabilities: ['contacts', 'contacts_add'],
      answers: {
        'contacts:search': { ok: true, data: [] },
        'contacts:add': { ok: true, data: bob },
      },
      screen: 'contacts',
    })
    await type(wrapper, 'Bo Berg')
    expect(wrapper.find('.empty').text()).toContain('Nobody found')

    answers['contacts:search'] = { ok: true, data: [bob] }
    await button(wrapper, 'Add a contact').trigger('click')
    await field(wrapper, 'Name').setValue('Bo Berg')
    await field(wrapper, 'Number').setValue('+4599887766')
    await wrapper.find('[data-testid="contact-add"]').trigger('submit')
    await flushPromises()
    await vi.advanceTimersByTimeAsync(250)
    await flushPromises()
    expect(sent('contacts:search')).toHaveLength(2)
    expect(wrapper.find('[data-testid="contact-list"]').text()).toContain('Bo Berg')
  })

  it('asks which account when several can add, and cancels without sending', async () => {
    const branch: AccountSummary = { ...office, id: 'branch', displayName: 'Branch office' }
    const { wrapper, sent } = await mountApp({
      accounts: [office, branch],
      capabilitiesBy: {
        office: ['contacts', 'contacts_add'],
        branch: ['contacts', 'contacts_add'],
      },
      screen: 'contacts',
    })
    await button(wrapper, 'Add a contact').trigger('click')
    const select = wrapper.find('[data-testid="contact-add"] select')
    expect(select.findAll('option').map((o) => o.text())).toEqual(['Main office', 'Branch office'])
    expect((select.element as HTMLSelectElement).value).toBe('office')

    await button(wrapper, 'Cancel').trigger('click')
    expect(wrapper.find('[data-testid="contact-add"]').exists()).toBe(false)
    expect(sent('contacts:add')).toEqual([])
  })
})

describe('colleagues and unknown callers in contacts (issue 15, finding 18)', () => {
  const colleagues: Presence[] = [
    { accountId: 'office', extension: '201', name: 'Me Myself', state: 'available', since: 0 },
    { accountId: 'office', extension: '202', name: 'Karen Holm', state: 'available', since: 0 },
    { accountId: 'office', extension: '305', name: 'Peter Holmberg', state: 'busy', since: 0 },
  ]

  it('finds a colleague by name and calls their extension', async () => {
    const { wrapper, sent } = await mountApp({
      capabilities: ['contacts', 'dial'],
      state: { presence: colleagues },
      answers: {
        'contacts:search': { ok: true, data: [] },
        'call:colleague': { ok: true, data: { name: 'Karen Holm' } },
      },
      screen: 'contacts',
    })
    await type(wrapper, 'holm')
    const rows = wrapper.findAll('[data-testid="colleague-list"] li')
    expect(rows.map((r) => r.find('strong').text())).toEqual(['Karen Holm', 'Peter Holmberg'])
    expect(rows[0]?.text()).toContain('Colleague · extension 202')
    expect(wrapper.text()).not.toContain('Nobody found')

    await button(wrapper, 'Call 202').trigger('click')
    await flushPromises()
    expect(sent('call:colleague')).toEqual([{ accountId: 'office', extension: '202' }])
    expect(sent('call:dial')).toEqual([])
  })

  it('finds a colleague by extension, but never the agent’s own line', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['contacts'],
      state: { presence: colleagues },
      answers: { 'contacts:search': { ok: true, data: [] } },
      screen: 'contacts',
    })
    await type(wrapper, '20')
    const names = wrapper.findAll('[data-testid="colleague-list"] strong').map((s) => s.text())
    expect(names).toEqual(['Karen Holm'])
  })

  it('offers to add an unknown caller’s number, with the form filled in', async () => {
    const { wrapper, bridge, sent } = await mountApp({
      capabilities: ['contacts', 'contacts_add'],
      state: { presence: colleagues },
      answers: {
        'contacts:search': { ok: true, data: [] },
        'contacts:add': {
          ok: true,
          data: { id: 'k9', accountId: 'office', name: 'New Caller', numbers: [] },
        },
      },
    })
    bridge.push('contact:show', { accountId: 'office', number: '+4570112233' })
    await flushPromises()
    await vi.advanceTimersByTimeAsync(250)
    await flushPromises()
    expect(wrapper.find('.empty').text()).toContain('Nobody found')

    await button(wrapper, 'Add this number').trigger('click')
    const form = wrapper.find('[data-testid="contact-add"]')
    const inputs = form.findAll('input')
    expect((inputs[1]?.element as HTMLInputElement).value).toBe('+4570112233')
    await inputs[0]?.setValue('New Caller')
    await form.trigger('submit')
    await flushPromises()
    expect(sent('contacts:add')).toEqual([
      { accountId: 'office', name: 'New Caller', number: '+4570112233' },
    ])
  })

  it('does not offer to add a number where the PBX cannot add contacts', async () => {
    const { wrapper, bridge } = await mountApp({
      capabilities: ['contacts'],
      answers: { 'contacts:search': { ok: true, data: [] } },
    })
    bridge.push('contact:show', { accountId: 'office', number: '+4570112233' })
    await flushPromises()
    await vi.advanceTimersByTimeAsync(250)
    await flushPromises()
    expect(wrapper.find('.empty').text()).toContain('Nobody found')
    expect(wrapper.text()).not.toContain('Add this number')
  })
})
