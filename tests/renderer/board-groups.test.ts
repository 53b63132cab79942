/**
 * A board for 250+ people (issue 15, finding 11): the agent's own groups under
 * folding headers, pinned favourites on top, "free only", a compact list kept in
 * the preferences, and one Tab stop with arrow keys across the whole board.
 */
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import App from '../../src/renderer/src/App.vue'
import { createAppI18n } from '../../src/renderer/src/i18n'
import type { Presence } from '../../src/shared/model'
import type { Preferences } from '../../src/shared/preferences'
import type { Result } from '../../src/shared/result'
import { installFakeBridge, snapshot } from './fake-bridge'
import { preferences } from './screen-harness'

const account = {
  id: 'demo',
  dialect: 'pbxcloud' as const,
  displayName: 'Demo office',
  ownExtension: '201',
  demo: true,
}

function person(extension: string, name: string, state: Presence['state']): Presence {
  return { accountId: 'demo', extension, name, state, since: Date.now() - 5_000 }
}

const office = [
  person('201', 'Anna Holm', 'available'),
  person('202', 'Bo Berg', 'busy'),
  person('203', 'Carl Dahl', 'available'),
  person('204', 'Dan Ek', 'offline'),
  person('205', 'Eva Fog', 'ringing'),
  person('206', 'Finn Gram', 'available'),
]

beforeAll(() => {
  // happy-dom lays nothing out: a board 960 wide has four columns of tiles.
  for (const [name, value] of [
    ['clientWidth', 960],
    ['offsetWidth', 960],
    ['offsetHeight', 700],
    ['clientHeight', 700],
  ] as const)
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value })
})

enableAutoUnmount(afterEach)
let bridge: ReturnType<typeof installFakeBridge> | null = null
/** The fake bridge's table: a test sets what main answers next. */
let answers: Record<string, Result<unknown>> = {}
afterEach(() => {
  bridge?.remove()
  localStorage.clear()
})

async function board(prefs: Partial<Preferences> = {}, presence = office) {
  const current: Preferences = { ...preferences, ...prefs }
  answers = {
    'state:snapshot': {
      ok: true,
      data: snapshot({
        accounts: [account],
        capabilities: { demo: ['presence', 'dial'] },
        presence,
      }),
    },
    'settings:get': { ok: true, data: current },
    'app:info': {
      ok: true,
      data: { name: 'Switchboard', version: '1', platform: 'linux', shell: 'browser' },
    },
    'call:dial': { ok: true, data: { number: '202' } },
  }
  bridge = installFakeBridge(answers)
  const wrapper = mount(App, {
    attachTo: document.body,
    global: { plugins: [createPinia(), createAppI18n('en')] },
  })
  await flushPromises()
  return wrapper
}

type Board = Awaited<ReturnType<typeof board>>
const order = (wrapper: Board) =>
  wrapper.findAll('[data-extension]').map((t) => t.attributes('data-extension'))
const headers = (wrapper: Board) =>
  wrapper.findAll('[data-testid="board-group"]').map((h) => h.find('.board__group-name').text())
/** Main answers a change of preferences with the preferences as they now are. */
function installAnswer(channel: string, data: Preferences): void {
  answers[channel] = { ok: true, data }
}

describe('groups on the board', () => {
  it('shows the agent’s groups under headers, everyone else last, and folds a group away', async () => {
    const wrapper = await board({
      boardGroups: [{ name: 'Reception', members: ['demo/205', 'demo/203'] }],
    })
    expect(headers(wrapper)).toEqual(['Reception', 'Everyone else'])
    expect(order(wrapper)).toEqual(['203', '205', '201', '202', '204', '206'])
    const reception = wrapper.findAll('[data-testid="board-group"]')[0]!
    expect(reception.text()).toContain('2')
    await reception.trigger('click')
    expect(reception.attributes('aria-expanded')).toBe('false')
    expect(order(wrapper)).toEqual(['201', '202', '204', '206'])
    await reception.trigger('click')
    expect(order(wrapper)).toEqual(['203', '205', '201', '202', '204', '206'])
  })

  it('draws no header while there are no groups and nothing pinned', async () => {
    const wrapper = await board()
    expect(headers(wrapper)).toEqual([])
    expect(order(wrapper)).toHaveLength(6)
  })

  it('puts a colleague in a new group from the tile menu, saved in the preferences', async () => {
    const wrapper = await board()
    await wrapper.find('[data-extension="202"] .tile__more').trigger('click')
    const groups = wrapper
      .findAll('[data-testid="tile-menu"] [role="menuitem"]')
      .find((b) => b.text() === 'Groups for Bo Berg…')!
    await groups.trigger('click')
    await flushPromises()
    const editor = wrapper.find('[data-testid="group-editor"]')
    expect(editor.exists()).toBe(true)
    await editor.find('[data-testid="new-group"]').setValue('  Sales ')
    const saved: Preferences = {
      ...preferences,
      boardGroups: [{ name: 'Sales', members: ['demo/202'] }],
    }
    bridge!.calls.length = 0
    installAnswer('settings:set', saved)
    await editor.trigger('submit')
    await flushPromises()
    expect(bridge!.calls.find((c) => c.channel === 'settings:set')?.arg).toEqual({
      boardGroups: [{ name: 'Sales', members: ['demo/202'] }],
    })
    expect(wrapper.find('[data-testid="group-editor"]').exists()).toBe(false)
    expect(headers(wrapper)).toEqual(['Sales', 'Everyone else'])
    expect(order(wrapper)[0]).toBe('202')
  })

  it('takes a colleague out of a group by unticking it; a group nobody is in goes away', async () => {
    const wrapper = await board({
      boardGroups: [
        { name: 'Reception', members: ['demo/202'] },
        { name: 'Sales', members: ['demo/202', 'demo/203'] },
      ],
    })
    await wrapper.find('[data-extension="202"]').trigger('contextmenu')
    await wrapper
      .findAll('[role="menuitem"]')
      .find((b) => b.text().startsWith('Groups for'))!
      .trigger('click')
    await flushPromises()
    const boxes = wrapper.findAll('[data-testid="group-editor"] input[type="checkbox"]')
    expect(boxes.map((b) => (b.element as HTMLInputElement).checked)).toEqual([true, true])
    await boxes[0]!.trigger('change')
    installAnswer('settings:set', preferences)
    await wrapper.find('[data-testid="group-editor"]').trigger('submit')
    await flushPromises()
    expect(bridge!.calls.find((c) => c.channel === 'settings:set')?.arg).toEqual({
      boardGroups: [{ name: 'Sales', members: ['demo/203', 'demo/202'] }],
    })
  })
})

describe('pinned favourites', () => {
  it('pins a favourite to the top under “Pinned”, from the star or the menu', async () => {
    const wrapper = await board()
    await wrapper.find('[data-extension="205"] .tile__fav').trigger('click')
    expect(headers(wrapper)).toEqual(['Pinned', 'Everyone else'])
    expect(order(wrapper)[0]).toBe('205')
    await wrapper.find('[data-extension="203"]').trigger('contextmenu')
    await wrapper
      .findAll('[role="menuitem"]')
      .find((b) => b.text() === 'Pin Carl Dahl to the top')!
      .trigger('click')
    await flushPromises()
    expect(order(wrapper).slice(0, 2)).toEqual(['203', '205'])
    await wrapper.find('[data-extension="205"]').trigger('contextmenu')
    await wrapper
      .findAll('[role="menuitem"]')
      .find((b) => b.text() === 'Unpin Eva Fog')!
      .trigger('click')
    await flushPromises()
    expect(order(wrapper)[0]).toBe('203')
    expect(order(wrapper)).toHaveLength(6)
  })
})

describe('free only', () => {
  it('shows only available colleagues, and lets one in when their lamp turns green', async () => {
    const wrapper = await board()
    await wrapper.find('[data-testid="only-free"]').setValue(true)
    expect(order(wrapper)).toEqual(['201', '203', '206'])
    bridge!.push('presence:changed', {
      accountId: 'demo',
      changed: [person('202', 'Bo Berg', 'available'), person('203', 'Carl Dahl', 'busy')],
      removed: [],
    })
    await flushPromises()
    expect(order(wrapper)).toEqual(['201', '202', '206'])
    await wrapper.find('[data-testid="only-free"]').setValue(false)
    expect(order(wrapper)).toHaveLength(6)
  })
})

describe('the compact list', () => {
  it('switches from the toolbar to one line per colleague in narrower columns, and is remembered in the preferences', async () => {
    const wrapper = await board()
    expect(wrapper.findAll('.board__row')[0]!.findAll('[data-extension]')).toHaveLength(4)
    installAnswer('settings:set', { ...preferences, boardView: 'list' })
    await wrapper.find('[data-testid="board-view-list"]').trigger('click')
    await flushPromises()
    expect(bridge!.calls.find((c) => c.channel === 'settings:set')?.arg).toEqual({
      boardView: 'list',
    })
    expect(wrapper.find('[data-testid="presence-board"]').classes()).toContain('board--list')
    // Lines of 400 px: two columns on a board 960 wide, where tiles made four.
    const rows = wrapper.findAll('.board__row')
    expect(rows.map((row) => row.findAll('[data-extension]').length)).toEqual([2, 2, 2])
    expect(wrapper.find('[data-testid="board-view-list"]').attributes('aria-pressed')).toBe('true')
  })

  it('opens as a list when the preferences say so', async () => {
    const wrapper = await board({ boardView: 'list' })
    expect(wrapper.find('[data-testid="presence-board"]').classes()).toContain('board--list')
    expect(wrapper.findAll('.board__row')[0]!.findAll('[data-extension]')).toHaveLength(2)
  })
})
