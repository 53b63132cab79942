import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import App from '../../src/renderer/src/App.vue'
import { createAppI18n } from '../../src/renderer/src/i18n'
import type { Call, Capability, Presence } from '../../src/shared/model'
import type { Result } from '../../src/shared/result'
import { installFakeBridge, snapshot } from './fake-bridge'

const account = {
  id: 'demo',
  dialect: 'pbxcloud' as const,
  displayName: 'Demo office',
  ownExtension: '201',
  demo: true,
}
const hostile = '<img src=x onerror=alert(1)>\u202Egnp.exe 😀'

function person(
  extension: string,
  name: string,
  state: Presence['state'],
  partner?: Presence['partner'],
): Presence {
  const entry: Presence = { accountId: 'demo', extension, name, state, since: Date.now() - 65_000 }
  if (partner) entry.partner = partner
  return entry
}

beforeAll(() => {
  // happy-dom lays nothing out; give the board a size so the virtual list renders rows.
  for (const [name, value] of [
    ['clientWidth', 960],
    ['offsetWidth', 960],
    ['offsetHeight', 700],
    ['clientHeight', 700],
  ] as const) {
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value })
  }
  HTMLElement.prototype.getBoundingClientRect = function () {
    return {
      x: 0,
      y: 0,
      top: 0,
      left: 0,
      right: 960,
      bottom: 700,
      width: 960,
      height: 700,
      toJSON: () => ({}),
    }
  }
})

enableAutoUnmount(afterEach)
let bridge: ReturnType<typeof installFakeBridge> | null = null
afterEach(() => bridge?.remove())

async function board(
  presence: Presence[],
  capabilities: Capability[] = ['presence', 'dial'],
  calls: Call[] = [],
  answers: Record<string, Result<unknown>> = {},
) {
  bridge = installFakeBridge({
    ...answers,
    'state:snapshot': {
      ok: true,
      data: snapshot({
        accounts: [account],
        capabilities: { demo: capabilities },
        presence,
        calls,
      }),
    },
    'app:info': {
      ok: true,
      data: { name: 'Switchboard', version: '1', platform: 'linux', shell: 'browser' },
    },
    'call:dial': { ok: true, data: { number: '202' } },
    'call:colleague': { ok: true, data: { name: 'Bo Berg' } },
  })
  const wrapper = mount(App, {
    attachTo: document.body,
    global: { plugins: [createPinia(), createAppI18n('en')] },
  })
  await flushPromises()
  return wrapper
}

describe('the presence board', () => {
  it('shows each extension with name, number, state in words and the call partner', async () => {
    const wrapper = await board([
      person('201', 'Anna Holm', 'available'),
      person('202', 'Bo Berg', 'busy', { number: '+4520304050', name: 'Alice' }),
      person('203', 'Carl Dahl', 'offline'),
    ])
    const tiles = wrapper.findAll('[data-extension]')
    expect(tiles.map((t) => t.attributes('data-extension'))).toEqual(['201', '202', '203'])
    expect(tiles[1]!.text()).toContain('Bo Berg')
    expect(tiles[1]!.text()).toContain('Busy')
    expect(tiles[1]!.text()).toContain('with Alice (+4520304050)')
    expect(tiles[1]!.text()).toMatch(/1:0\d/)
    // Offline looks different from idle, not by colour alone.
    expect(tiles[2]!.classes()).toContain('tile--offline')
    expect(tiles[2]!.text()).toContain('Offline')
    expect(tiles[0]!.text()).toContain('Available')
  })

  it('filters as you type, by name or number', async () => {
    const wrapper = await board([
      person('201', 'Anna Holm', 'available'),
      person('202', 'Bo Berg', 'busy'),
    ])
    await wrapper.find('input[type="search"]').setValue('berg')
    expect(wrapper.findAll('[data-extension]').map((t) => t.attributes('data-extension'))).toEqual([
      '202',
    ])
    await wrapper.find('input[type="search"]').setValue('201')
    expect(wrapper.findAll('[data-extension]').map((t) => t.attributes('data-extension'))).toEqual([
      '201',
    ])
    await wrapper.find('input[type="search"]').setValue('nobody')
    expect(wrapper.text()).toContain('Nobody matches')
  })

  it('sorts by state, ringing first', async () => {
    const wrapper = await board([
      person('201', 'Anna Holm', 'available'),
      person('202', 'Bo Berg', 'ringing'),
      person('203', 'Carl Dahl', 'offline'),
    ])
    await wrapper.find('select').setValue('state')
    expect(wrapper.findAll('[data-extension]').map((t) => t.attributes('data-extension'))).toEqual([
      '202',
      '201',
      '203',
    ])
  })

  it('follows presence deltas pushed by main', async () => {
    const wrapper = await board([
      person('201', 'Anna Holm', 'available'),
      person('202', 'Bo Berg', 'available'),
    ])
    bridge!.push('presence:changed', {
      accountId: 'demo',
      changed: [person('202', 'Bo Berg', 'ringing')],
      removed: ['201'],
    })
    await flushPromises()
    const tiles = wrapper.findAll('[data-extension]')
    expect(tiles.map((t) => t.attributes('data-extension'))).toEqual(['202'])
    expect(tiles[0]!.text()).toContain('Ringing')
  })

  it('keeps each order true as lamps change: a rename moves the tile, a new state re-sorts', async () => {
    const wrapper = await board([
      person('201', 'Anna Holm', 'available'),
      person('202', 'Bo Berg', 'available'),
      person('203', 'Carl Dahl', 'available'),
    ])
    const order = (): (string | undefined)[] =>
      wrapper.findAll('[data-extension]').map((t) => t.attributes('data-extension'))
    expect(order()).toEqual(['201', '202', '203'])
    // Bo is renamed: by name he now comes last, and the search finds the new name.
    bridge!.push('presence:changed', {
      accountId: 'demo',
      changed: [person('202', 'Ulla Ek', 'available')],
      removed: [],
    })
    await flushPromises()
    expect(order()).toEqual(['201', '203', '202'])
    await wrapper.find('input[type="search"]').setValue('ulla')
    expect(order()).toEqual(['202'])
    await wrapper.find('input[type="search"]').setValue('')
    // By state, a lamp that changes moves its tile; an extension that comes is placed.
    await wrapper.find('select').setValue('state')
    bridge!.push('presence:changed', {
      accountId: 'demo',
      changed: [person('203', 'Carl Dahl', 'ringing'), person('204', 'Dan Ek', 'busy')],
      removed: [],
    })
    await flushPromises()
    expect(order()).toEqual(['203', '204', '201', '202'])
    expect(wrapper.find('.board__count').text()).toContain('4')
    // By number, numbers sort as numbers.
    bridge!.push('presence:changed', {
      accountId: 'demo',
      changed: [person('1000', 'Eva Fog', 'available')],
      removed: ['201'],
    })
    await flushPromises()
    await wrapper.find('select').setValue('extension')
    expect(order()).toEqual(['202', '203', '204', '1000'])
  })

  it('keeps the board while another screen shows, and comes back up to date', async () => {
    const wrapper = await board([
      person('202', 'Bo Berg', 'available'),
      person('203', 'Carl Dahl', 'available'),
    ])
    await wrapper.find('input[type="search"]').setValue('berg')
    const tile = wrapper.find('[data-extension="202"]').element
    await wrapper.find('[data-extension="202"] .tile__more').trigger('click')
    expect(wrapper.find('[data-testid="tile-menu"]').exists()).toBe(true)
    const nav = (name: RegExp) =>
      wrapper
        .findAll('nav button')
        .find((b) => name.test(b.text()))!
        .trigger('click')
    await nav(/Calls/)
    expect(wrapper.find('[data-extension]').exists()).toBe(false)
    // Bo's lamp changes while the agent is on Calls.
    bridge!.push('presence:changed', {
      accountId: 'demo',
      changed: [person('202', 'Bo Berg', 'busy')],
      removed: [],
    })
    await flushPromises()
    await nav(/Presence/)
    const back = wrapper.find('[data-extension="202"]')
    // The same tile, not a new one; its lamp is the new one; the search still holds;
    // the menu left open is closed.
    expect(back.element).toBe(tile)
    expect(back.text()).toContain('Busy')
    expect(back.classes()).toContain('tile--busy')
    expect(wrapper.findAll('[data-extension]')).toHaveLength(1)
    expect(wrapper.find('[data-testid="tile-menu"]').exists()).toBe(false)
  })

  it('calls an extension with one click', async () => {
    const wrapper = await board([person('202', 'Bo Berg', 'available')])
    await wrapper.find('[data-extension="202"] button').trigger('click')
    await flushPromises()
    expect(bridge!.calls.find((c) => c.channel === 'call:colleague')?.arg).toEqual({
      accountId: 'demo',
      extension: '202',
    })
    expect(bridge!.calls.some((c) => c.channel === 'call:dial')).toBe(false)
    expect(wrapper.text()).toContain('Calling Bo Berg')
  })

  it('calls a colleague whose login is a name ("anne") by the board entry, not as typed digits', async () => {
    const wrapper = await board([person('anne', 'Anne Hansen', 'available')])
    await wrapper.find('[data-extension="anne"] button').trigger('click')
    await flushPromises()
    const sent = bridge!.calls.filter((c) => c.channel.startsWith('call:'))
    expect(sent.map((c) => [c.channel, c.arg])).toEqual([
      ['call:colleague', { accountId: 'demo', extension: 'anne' }],
    ])
    expect(wrapper.text()).toContain('Calling Anne Hansen')
  })

  it('shows a hostile name as inert text', async () => {
    const wrapper = await board([person('202', hostile, 'busy', { number: '1', name: hostile })])
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.find('[data-extension="202"]').text()).toContain('<img src=x onerror=alert(1)>')
  })
})

describe('a colleague’s menu on the board', () => {
  const caller: Call = {
    id: 'L1',
    accountId: 'demo',
    direction: 'inbound',
    state: 'up',
    local: { number: '201' },
    remote: { number: '+4520304050', name: 'Alice Jensen' },
    startedAt: Date.now() - 30_000,
    handle: {},
  }
  /** The menu's calling items; every tile's menu also ends with Pin and Groups (board-groups.test.ts). */
  const items = (wrapper: Awaited<ReturnType<typeof board>>) =>
    wrapper
      .findAll('[data-testid="tile-menu"] [role="menuitem"]')
      .map((b) => b.text())
      .filter((label) => !/^(Pin|Unpin|Groups for) /.test(label))

  it('opens on right-click with what the account can do during a call: transfer, call, pick up', async () => {
    const wrapper = await board(
      [person('202', 'Bo Berg', 'ringing'), person('203', 'Carl Dahl', 'available')],
      ['presence', 'dial', 'transfer', 'pickup'],
      [caller],
      { 'call:transfer': { ok: true, data: null }, 'call:pickupAt': { ok: true, data: null } },
    )
    await wrapper.find('[data-extension="202"]').trigger('contextmenu')
    expect(items(wrapper)).toEqual([
      'Transfer Alice Jensen to Bo Berg now',
      'Call Bo Berg – Alice Jensen stays connected: this PBX cannot hold from the app',
      'Pick up the call ringing at Bo Berg',
    ])
    const pick = wrapper.findAll('[role="menuitem"]')[2]!
    await pick.trigger('click')
    await flushPromises()
    expect(bridge!.calls.find((c) => c.channel === 'call:pickupAt')?.arg).toEqual({
      accountId: 'demo',
      extension: '202',
    })
    expect(wrapper.find('[data-testid="tile-menu"]').exists()).toBe(false)

    // Carl is free: no pickup, no warning. Transfer sends the agent's call to him.
    await wrapper.find('[data-extension="203"] .tile__more').trigger('click')
    expect(items(wrapper)[0]).toBe('Transfer Alice Jensen to Carl Dahl now')
    await wrapper.findAll('[role="menuitem"]')[0]!.trigger('click')
    await flushPromises()
    expect(bridge!.calls.find((c) => c.channel === 'call:transfer')?.arg).toEqual({
      accountId: 'demo',
      callId: 'L1',
      destination: '203',
      attended: false,
    })
  })

  it('during a call, a click on a colleague offers Transfer (now or talk first) and Call with hold; it does not dial', async () => {
    const wrapper = await board(
      [person('203', 'Carl Dahl', 'available')],
      ['presence', 'dial', 'transfer', 'attended_transfer', 'hold'],
      [caller],
      { 'call:hold': { ok: true, data: null } },
    )
    await wrapper.find('[data-extension="203"] button').trigger('click')
    await flushPromises()
    expect(bridge!.calls.some((c) => c.channel === 'call:dial')).toBe(false)
    expect(items(wrapper)).toEqual([
      'Transfer Alice Jensen to Carl Dahl now',
      'Talk to Carl Dahl first, then transfer Alice Jensen',
      'Call Carl Dahl and put Alice Jensen on hold',
    ])
    await wrapper.findAll('[role="menuitem"]')[2]!.trigger('click')
    await flushPromises()
    const channels = bridge!.calls.map((c) => c.channel).filter((c) => c.startsWith('call:'))
    expect(channels).toEqual(['call:hold', 'call:colleague'])
    expect(bridge!.calls.find((c) => c.channel === 'call:hold')?.arg).toEqual({
      accountId: 'demo',
      callId: 'L1',
      hold: true,
    })
  })

  it('during a call on a PBX that cannot transfer, the menu says so and offers the call', async () => {
    const wrapper = await board(
      [person('anne', 'Anne Hansen', 'available')],
      ['presence', 'dial', 'hold'],
      [caller],
    )
    await wrapper.find('[data-extension="anne"] button').trigger('click')
    await flushPromises()
    expect(items(wrapper)).toEqual(['Call Anne Hansen and put Alice Jensen on hold'])
    expect(wrapper.find('[data-testid="no-transfer"]').text()).toBe(
      'This PBX cannot transfer calls from the app: call Anne Hansen instead.',
    )
  })

  it('warns before transferring to a colleague whose phone rings, and transfers only on “Transfer anyway”', async () => {
    const wrapper = await board(
      [person('202', 'Bo Berg', 'ringing')],
      ['presence', 'dial', 'transfer'],
      [caller],
      { 'call:transfer': { ok: true, data: null } },
    )
    await wrapper.find('[data-extension="202"] button').trigger('click')
    await wrapper.findAll('[role="menuitem"]')[0]!.trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="transfer-warning"]').text()).toBe(
      'Bo Berg has a call ringing. Transfer Alice Jensen anyway?',
    )
    expect(bridge!.calls.some((c) => c.channel === 'call:transfer')).toBe(false)
    expect(items(wrapper)).toEqual(['Transfer anyway', 'Cancel'])
    await wrapper.findAll('[role="menuitem"]')[0]!.trigger('click')
    await flushPromises()
    expect(bridge!.calls.find((c) => c.channel === 'call:transfer')?.arg).toMatchObject({
      destination: '202',
    })
    expect(wrapper.find('[data-testid="tile-menu"]').exists()).toBe(false)
  })

  it('shows the agent’s own tile as the Calls screen does: ringing with the caller, not the PBX’s stale busy', async () => {
    const ringing: Call = { ...caller, state: 'ringing', placedBy: 'outside' }
    const wrapper = await board(
      [person('201', 'Agent Me', 'busy', { number: '+4599000000' })],
      ['presence', 'dial'],
      [ringing],
    )
    const mine = wrapper.find('[data-extension="201"]')
    expect(mine.classes()).toContain('tile--ringing')
    expect(mine.text()).toContain('Alice Jensen')
    expect(mine.text()).not.toContain('+4599000000')
  })

  it('marks the agent’s own tile “you” and never offers to call yourself', async () => {
    const wrapper = await board(
      [person('201', 'Agent Me', 'available'), person('202', 'Bo Berg', 'available')],
      ['presence', 'dial', 'transfer'],
    )
    const mine = wrapper.find('[data-extension="201"]')
    expect(mine.find('[data-testid="own-tile-mark"]').text()).toBe('(you)')
    // Not callable, yet focusable: the board's arrow keys pass over it.
    expect(mine.find('button').attributes('aria-disabled')).toBe('true')
    await mine.find('button').trigger('click')
    await flushPromises()
    expect(bridge!.calls.some((c) => c.channel === 'call:dial')).toBe(false)
    expect(wrapper.find('[data-extension="202"] [data-testid="own-tile-mark"]').exists()).toBe(
      false,
    )
    await mine.trigger('contextmenu')
    expect(items(wrapper)).toEqual([])
    expect(wrapper.find('[data-testid="own-tile"]').text()).toBe('This is you')
  })

  it('offers only calling without a call to transfer or the right to pick up, and closes on Escape', async () => {
    const wrapper = await board([person('202', 'Bo Berg', 'ringing')], ['presence', 'dial'])
    const more = wrapper.find('[data-extension="202"] .tile__more')
    ;(more.element as HTMLElement).focus()
    await more.trigger('click')
    await flushPromises()
    expect(items(wrapper)).toEqual(['Call Bo Berg'])
    expect(document.activeElement?.textContent?.trim()).toBe('Call Bo Berg')
    await wrapper.find('[data-testid="tile-menu"]').trigger('keydown', { key: 'Escape' })
    expect(wrapper.find('[data-testid="tile-menu"]').exists()).toBe(false)
    expect(document.activeElement).toBe(more.element)
  })
})
