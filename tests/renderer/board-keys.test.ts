/**
 * The board from the keyboard (issue 15, finding 11): one Tab stop for the whole
 * board, arrows across tiles and headers as laid out, Home and End, the menu key.
 */
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import App from '../../src/renderer/src/App.vue'
import { linesOf, moveFocus, sectionsOf } from '../../src/renderer/src/board-layout'
import { createAppI18n } from '../../src/renderer/src/i18n'
import type { Presence } from '../../src/shared/model'
import { installFakeBridge, snapshot } from './fake-bridge'
import { preferences } from './screen-harness'

function person(extension: string, name: string): Presence {
  return { accountId: 'demo', extension, name, state: 'available', since: Date.now() }
}
/** Ten colleagues, 201 … 210, named in the same order. */
const office = Array.from({ length: 10 }, (_, i) =>
  person(String(201 + i), `Person ${String.fromCharCode(65 + i)}`),
)

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
afterEach(() => {
  bridge?.remove()
  localStorage.clear()
})

async function board() {
  bridge = installFakeBridge({
    'state:snapshot': {
      ok: true,
      data: snapshot({
        accounts: [
          { id: 'demo', dialect: 'pbxcloud', displayName: 'Demo', ownExtension: '201', demo: true },
        ],
        capabilities: { demo: ['presence', 'dial'] },
        presence: office,
      }),
    },
    'settings:get': { ok: true, data: preferences },
    'app:info': {
      ok: true,
      data: { name: 'Switchboard', version: '1', platform: 'linux', shell: 'browser' },
    },
  })
  const wrapper = mount(App, {
    attachTo: document.body,
    global: { plugins: [createPinia(), createAppI18n('en')] },
  })
  await flushPromises()
  return wrapper
}

const focused = () =>
  (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-extension]')?.dataset
    .extension

describe('the board from the keyboard', () => {
  it('is one Tab stop: one tile takes Tab, its star and ⋯ do not', async () => {
    const wrapper = await board()
    const board_ = wrapper.find('[data-testid="presence-board"]')
    const stops = board_.findAll('button').filter((b) => b.attributes('tabindex') !== '-1')
    expect(stops).toHaveLength(1)
    expect(stops[0]!.attributes('tabindex')).toBe('0')
    expect(stops[0]!.element.closest('[data-extension]')?.getAttribute('data-extension')).toBe(
      '201',
    )
  })

  it('moves with the arrows by tiles and by columns, Home and End; the Tab stop follows', async () => {
    const wrapper = await board()
    const first = wrapper.find('[data-extension="201"] .tile__main')
    ;(first.element as HTMLElement).focus()
    const press = async (key: string) => {
      const at = (document.activeElement as HTMLElement).closest('[data-extension]')!
      await wrapper
        .find(`[data-extension="${at.getAttribute('data-extension')}"] .tile__main`)
        .trigger('keydown', { key })
      await flushPromises()
    }
    await press('ArrowRight')
    expect(focused()).toBe('202')
    await press('ArrowDown')
    expect(focused()).toBe('206')
    await press('ArrowDown')
    // The last line holds two tiles: down from the third column lands on the last.
    expect(focused()).toBe('210')
    await press('ArrowUp')
    expect(focused()).toBe('206')
    await press('ArrowLeft')
    expect(focused()).toBe('205')
    await press('End')
    expect(focused()).toBe('210')
    await press('Home')
    expect(focused()).toBe('201')
    await press('ArrowRight')
    const stops = wrapper.findAll('[data-testid="presence-board"] [tabindex="0"]')
    expect(
      stops.map((s) => s.element.closest('[data-extension]')?.getAttribute('data-extension')),
    ).toEqual(['202'])
  })

  it('opens the tile’s menu with the menu key', async () => {
    const wrapper = await board()
    const tile = wrapper.find('[data-extension="203"] .tile__main')
    ;(tile.element as HTMLElement).focus()
    await tile.trigger('keydown', { key: 'ContextMenu' })
    await flushPromises()
    expect(wrapper.find('[data-testid="tile-menu"]').attributes('aria-label')).toBe(
      'Actions for Person C',
    )
  })
})

describe('moves over a board with headers', () => {
  const sections = sectionsOf(['a', 'b', 'c', 'd', 'e'], (key) => key === 'e', [
    { name: 'Desk', members: ['b', 'c', 'd'] },
  ])
  const lines = linesOf(sections, 2, new Set())

  it('lays out pinned, then the group, then everyone else, each under its header', () => {
    expect(lines.map((l) => (l.kind === 'head' ? l.id : l.keys.join('')))).toEqual([
      'h:pinned',
      'e',
      'h:group:Desk',
      'bc',
      'd',
      'h:others',
      'a',
    ])
  })

  it('goes up from a group’s first line to its header, and down from a header to its first tile', () => {
    expect(moveFocus(lines, 'c', 'ArrowUp')).toEqual({ id: 'h:group:Desk', line: 2 })
    expect(moveFocus(lines, 'h:group:Desk', 'ArrowDown')).toEqual({ id: 'b', line: 3 })
    expect(moveFocus(lines, 'd', 'ArrowRight')).toEqual({ id: 'h:others', line: 5 })
    expect(moveFocus(lines, 'h:pinned', 'ArrowUp')).toBeNull()
    expect(moveFocus(lines, 'a', 'ArrowDown')).toBeNull()
  })

  it('skips a folded group’s tiles', () => {
    const folded = linesOf(sections, 2, new Set(['group:Desk']))
    expect(moveFocus(folded, 'h:group:Desk', 'ArrowDown')).toEqual({ id: 'h:others', line: 3 })
  })
})
