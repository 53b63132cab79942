import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import App from '../../src/renderer/src/App.vue'
import { createAppI18n } from '../../src/renderer/src/i18n'
import type { Call, Capability, Presence, QueueMembership } from '../../src/shared/model'
import type { Result } from '../../src/shared/result'
import { installFakeBridge, snapshot } from './fake-bridge'

const account = {
  id: 'demo',
  dialect: 'pbxcloud' as const,
  displayName: 'Demo office',
  ownExtension: '201',
  demo: true,
}

const office: Presence[] = [
  { accountId: 'demo', extension: '202', name: 'Lars Jensen', state: 'available', since: 0 },
  { accountId: 'demo', extension: '203', name: 'Mette Hansen', state: 'busy', since: 0 },
  { accountId: 'demo', extension: '204', name: 'Søren Pedersen', state: 'available', since: 0 },
]

const liveCall: Call = {
  id: 'L1',
  accountId: 'demo',
  direction: 'inbound',
  state: 'up',
  local: { number: '201' },
  remote: { number: '+4520304050', name: 'Alice Jensen' },
  startedAt: Date.now(),
  handle: {},
}

const queues: QueueMembership[] = [
  { accountId: 'demo', queueId: '281', queueName: 'Kundeservice', paused: false },
]

let bridge: ReturnType<typeof installFakeBridge> | null = null
let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  bridge?.remove()
  document.body.innerHTML = ''
})

async function app(
  capabilities: Capability[],
  parts: { calls?: Call[]; queues?: QueueMembership[] } = {},
  answers: Record<string, Result<unknown>> = {},
) {
  bridge = installFakeBridge({
    'state:snapshot': {
      ok: true,
      data: snapshot({
        accounts: [account],
        capabilities: { demo: capabilities },
        presence: office,
        calls: parts.calls ?? [],
        queues: parts.queues ?? [],
      }),
    },
    'app:info': {
      ok: true,
      data: { name: 'Switchboard', version: '1', platform: 'linux', shell: 'browser' },
    },
    ...answers,
  })
  wrapper = mount(App, {
    attachTo: document.body,
    global: { plugins: [createPinia(), createAppI18n('en')] },
  })
  await flushPromises()
  return wrapper
}

function press(key: string, init: KeyboardEventInit = {}): void {
  const target = document.activeElement ?? document.body
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
  )
}

async function openPalette(): Promise<HTMLInputElement> {
  press('k', { code: 'KeyK', ctrlKey: true })
  await flushPromises()
  const field = document.querySelector<HTMLInputElement>('[role="combobox"]')
  if (!field) throw new Error('the palette did not open')
  return field
}

async function type(text: string): Promise<void> {
  const field = document.querySelector<HTMLInputElement>('[role="combobox"]')!
  field.value = text
  field.dispatchEvent(new Event('input'))
  await flushPromises()
}

const options = (): string[] =>
  [...document.querySelectorAll('[role="option"]')].map(
    (o) => o.querySelector('.palette__label')!.textContent!,
  )

const active = (): string => {
  const field = document.querySelector('[role="combobox"]')!
  const id = field.getAttribute('aria-activedescendant')
  return document.getElementById(id ?? '')?.querySelector('.palette__label')?.textContent ?? ''
}

async function pressInField(key: string): Promise<void> {
  press(key)
  await flushPromises()
}

const invoked = (channel: string) => bridge!.calls.filter((c) => c.channel === channel)

describe('the command palette', () => {
  it('opens on Ctrl+K with the field focused, as a combobox with its list', async () => {
    await app(['presence', 'dial'])
    expect(document.querySelector('[data-testid="command-palette"]')).toBeNull()
    const field = await openPalette()
    expect(document.activeElement).toBe(field)
    const listbox = document.getElementById(field.getAttribute('aria-controls')!)
    expect(listbox?.getAttribute('role')).toBe('listbox')
    expect(field.getAttribute('aria-expanded')).toBe('true')
    expect(document.querySelector('[role="dialog"]')?.getAttribute('aria-label')).toBe(
      'Command palette',
    )
    // Nothing typed: the sections, the first one highlighted.
    expect(options()[0]).toBe('Go to Presence')
    expect(active()).toBe('Go to Presence')
  })

  it('opens on Cmd+K, and on Ctrl+K with a Russian keyboard layout', async () => {
    await app(['presence', 'dial'])
    press('k', { code: 'KeyK', metaKey: true })
    await flushPromises()
    expect(document.querySelector('[role="combobox"]')).not.toBeNull()
    await pressInField('Escape')
    expect(document.querySelector('[role="combobox"]')).toBeNull()
    press('л', { code: 'KeyK', ctrlKey: true })
    await flushPromises()
    expect(document.querySelector('[role="combobox"]')).not.toBeNull()
  })

  it('opens from the Commands button in the sidebar, which names the shortcut', async () => {
    await app(['presence', 'dial'])
    const button = document.querySelector<HTMLButtonElement>('[data-testid="open-palette"]')!
    expect(button.textContent).toContain('Commands')
    expect(button.textContent).toContain('Ctrl+K')
    button.click()
    await flushPromises()
    expect(document.activeElement).toBe(document.querySelector('[role="combobox"]'))
  })

  it('filters colleagues by name or number as the agent types', async () => {
    await app(['presence', 'dial'])
    await openPalette()
    await type('lars')
    expect(options()).toEqual(['Call Lars Jensen', 'Search presence for “lars”'])
    await type('203')
    expect(options()).toEqual(['Call Mette Hansen', 'Search presence for “203”'])
    await type('zzz')
    expect(options()).toEqual(['Search presence for “zzz”'])
    expect(
      document.querySelector('[data-testid="command-palette"] [role="status"]')?.textContent,
    ).toContain('Commands found: 1')
  })

  it('moves with the arrow keys and calls the highlighted colleague on Enter', async () => {
    await app(
      ['presence', 'dial'],
      {},
      { 'call:colleague': { ok: true, data: { name: 'Søren Pedersen' } } },
    )
    await openPalette()
    await type('e')
    expect(options().slice(0, 3)).toEqual([
      'Call Lars Jensen',
      'Call Mette Hansen',
      'Call Søren Pedersen',
    ])
    expect(active()).toBe('Call Lars Jensen')
    await pressInField('ArrowDown')
    await pressInField('ArrowDown')
    expect(active()).toBe('Call Søren Pedersen')
    await pressInField('ArrowUp')
    expect(active()).toBe('Call Mette Hansen')
    await pressInField('ArrowDown')
    await pressInField('Enter')
    expect(invoked('call:colleague').map((c) => c.arg)).toEqual([
      { accountId: 'demo', extension: '204' },
    ])
    expect(invoked('call:dial')).toEqual([])
    expect(document.querySelector('[data-testid="command-palette"]')).toBeNull()
    expect(document.body.textContent).toContain('Calling Søren Pedersen…')
  })

  it('calls a typed number through the same dial flow, showing main’s refusal in words', async () => {
    await app(
      ['presence', 'dial'],
      {},
      {
        'call:dial': {
          ok: false,
          error: { kind: 'invalid_argument', message: 'The number is not valid.' },
        },
      },
    )
    await openPalette()
    await type('+45 70 10 20 30')
    expect(active()).toBe('Call +45 70 10 20 30')
    await pressInField('Enter')
    expect(invoked('call:dial').map((c) => c.arg)).toEqual([
      { accountId: 'demo', number: '+45 70 10 20 30' },
    ])
    expect(document.body.textContent).toContain('That was not accepted. Check what you entered.')
  })

  it('transfers the connected call to a colleague', async () => {
    await app(
      ['presence', 'dial', 'transfer'],
      { calls: [liveCall] },
      {
        'call:transfer': { ok: true, data: null },
      },
    )
    await openPalette()
    await type('søren')
    // During a call, a colleague's name is first a transfer: Ctrl+K, the name, Enter.
    expect(options()).toEqual([
      'Transfer Alice Jensen to Søren Pedersen',
      'Call Søren Pedersen',
      'Search presence for “søren”',
    ])
    await pressInField('Enter')
    expect(invoked('call:transfer').map((c) => c.arg)).toEqual([
      { accountId: 'demo', callId: 'L1', destination: '204', attended: false },
    ])
    expect(invoked('call:dial')).toEqual([])
  })

  it('holds and hangs up the current call, saying why an action failed', async () => {
    await app(
      ['hold', 'hangup'],
      { calls: [liveCall] },
      {
        'call:hangup': { ok: false, error: { kind: 'network', message: 'Cannot reach the PBX.' } },
      },
    )
    await openPalette()
    expect(options().slice(0, 2)).toEqual([
      'Put Alice Jensen on hold',
      'Hang up the call with Alice Jensen',
    ])
    await type('hang')
    // Hang up is never highlighted by itself: Enter alone does nothing, the agent picks it.
    expect(active()).toBe('')
    await pressInField('Enter')
    expect(invoked('call:hangup')).toEqual([])
    await pressInField('ArrowDown')
    expect(active()).toBe('Hang up the call with Alice Jensen')
    await pressInField('Enter')
    expect(invoked('call:hangup').map((c) => c.arg)).toEqual([{ accountId: 'demo', callId: 'L1' }])
    expect(document.body.textContent).toContain(
      'That did not work: The PBX cannot be reached. Check the network connection.',
    )
  })

  it('Ctrl+K then Enter during a call never hangs up the customer', async () => {
    await app(
      ['hangup', 'presence'],
      { calls: [liveCall] },
      { 'call:hangup': { ok: true, data: null } },
    )
    await openPalette()
    expect(options()[0]).toBe('Hang up the call with Alice Jensen')
    expect(active()).not.toBe('Hang up the call with Alice Jensen')
    await pressInField('Enter')
    expect(invoked('call:hangup')).toEqual([])
  })

  it('calling a colleague during a call puts the caller on hold first', async () => {
    await app(
      ['presence', 'dial', 'hold'],
      { calls: [liveCall] },
      {
        'call:hold': { ok: true, data: null },
        'call:colleague': { ok: true, data: { name: 'Søren Pedersen' } },
      },
    )
    await openPalette()
    await type('søren')
    expect(active()).toBe('Call Søren Pedersen')
    await pressInField('Enter')
    const order = bridge!.calls
      .map((c) => c.channel)
      .filter((c) => c === 'call:hold' || c === 'call:colleague')
    expect(order).toEqual(['call:hold', 'call:colleague'])
  })

  it('where the PBX cannot hold, calling a colleague says the caller stays connected', async () => {
    await app(
      ['presence', 'dial'],
      { calls: [liveCall] },
      {
        'call:colleague': { ok: true, data: { name: 'Søren Pedersen' } },
      },
    )
    await openPalette()
    await type('søren')
    await pressInField('Enter')
    expect(invoked('call:hold')).toEqual([])
    expect(invoked('call:colleague')).toHaveLength(1)
    expect(document.body.textContent).toContain(
      'Alice Jensen stays connected: this PBX cannot hold calls from the app.',
    )
  })

  it('pauses queue work without a reason, and says so', async () => {
    await app(['queues', 'queue_pause'], { queues }, { 'queue:pause': { ok: true, data: null } })
    await openPalette()
    await type('pause')
    expect(options()).toEqual(['Pause in Kundeservice'])
    await pressInField('Enter')
    expect(invoked('queue:pause').map((c) => c.arg)).toEqual([
      { accountId: 'demo', queueId: '281' },
    ])
    expect(document.body.textContent).toContain('Paused in Kundeservice.')
  })

  it('offers nothing the account cannot do', async () => {
    await app(['presence'], { calls: [liveCall], queues })
    await openPalette()
    await type('e')
    const shown = options()
    expect(shown.some((o) => o.startsWith('Call '))).toBe(false)
    expect(shown.some((o) => o.startsWith('Transfer '))).toBe(false)
    await type('')
    expect(options().some((o) => /hold|Hang up|Pause/.test(o))).toBe(false)
    // Queue memberships alone do not make a Queues screen this account can use.
    expect(options()).not.toContain('Go to Queues')
    expect(options()).toContain('Go to Settings')
  })

  it('runs a command clicked with the mouse: a section, then a presence search', async () => {
    await app(['presence', 'dial', 'history'])
    await openPalette()
    await type('history')
    const option = [...document.querySelectorAll<HTMLElement>('[role="option"]')].find((o) =>
      o.textContent?.includes('Go to History'),
    )!
    option.click()
    await flushPromises()
    expect(document.querySelector('h1')?.textContent).toBe('History')
    expect(document.activeElement?.getAttribute('data-screen')).toBe('history')

    await openPalette()
    await type('Mette')
    await pressInField('ArrowUp') // wraps round to the last: the search
    expect(active()).toBe('Search presence for “Mette”')
    await pressInField('Enter')
    expect(document.querySelector('h1')?.textContent).toBe('Presence')
    const search = document.querySelector<HTMLInputElement>('input[type="search"]')!
    expect(search.value).toBe('Mette')
    expect(document.activeElement).toBe(search)
  })

  it('closes on Escape and gives focus back where it was', async () => {
    await app(['presence', 'dial'])
    const before = document.querySelector<HTMLElement>('nav [data-screen="calls"]')!
    before.focus()
    await openPalette()
    expect(document.activeElement).not.toBe(before)
    await pressInField('Escape')
    expect(document.querySelector('[data-testid="command-palette"]')).toBeNull()
    expect(document.activeElement).toBe(before)
    expect(bridge!.calls.filter((c) => c.channel.startsWith('call:'))).toEqual([])
  })
})
