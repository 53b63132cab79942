/**
 * The separate incoming-call popup window (PopupApp, `#popup`): "Open contact"
 * asks main to bring the main window forward on the caller, and a failed action
 * says why in the popup itself. And the main window's side: it opens the phone
 * book on the number main sends.
 */
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import App from '../../src/renderer/src/App.vue'
import PopupApp from '../../src/renderer/src/PopupApp.vue'
import { createAppI18n } from '../../src/renderer/src/i18n'
import type { Call, Capability } from '../../src/shared/model'
import type { Result } from '../../src/shared/result'
import { installFakeBridge, snapshot } from './fake-bridge'

const account = {
  id: 'demo',
  dialect: 'pbxcloud' as const,
  displayName: 'Demo office',
  ownExtension: '201',
  demo: true,
}

const ringing: Call = {
  id: 'L1',
  accountId: 'demo',
  direction: 'inbound',
  state: 'ringing',
  local: { number: '201' },
  remote: { number: '+4520304050', name: 'Alice Jensen' },
  startedAt: Date.now() - 2000,
  handle: {},
}

let bridge: ReturnType<typeof installFakeBridge> | null = null
afterEach(() => bridge?.remove())

async function mountWindow(
  root: typeof App | typeof PopupApp,
  capabilities: Capability[],
  answers: Record<string, Result<unknown>> = {},
) {
  bridge = installFakeBridge({
    'state:snapshot': {
      ok: true,
      data: snapshot({
        accounts: [account],
        capabilities: { demo: capabilities },
        calls: [ringing],
      }),
    },
    'app:info': {
      ok: true,
      data: { name: 'Switchboard', version: '1', platform: 'linux', shell: 'electron' },
    },
    'settings:get': { ok: false, error: { kind: 'internal', message: 'not in this test' } },
    ...answers,
  })
  const wrapper = mount(root, { global: { plugins: [createPinia(), createAppI18n('en')] } })
  await flushPromises()
  return wrapper
}

const buttonNamed = (wrapper: Awaited<ReturnType<typeof mountWindow>>, name: string) =>
  wrapper
    .find('[data-testid="incoming-call"]')
    .findAll('button')
    .find((b) => b.text() === name)

describe('the popup window', () => {
  it('asks main to show the caller in the main window', async () => {
    const wrapper = await mountWindow(PopupApp, ['calls', 'contacts'], {
      'contact:show': { ok: true, data: null },
    })
    await buttonNamed(wrapper, 'Open contact')!.trigger('click')
    await flushPromises()
    expect(bridge!.calls.filter((c) => c.channel === 'contact:show')).toEqual([
      { channel: 'contact:show', arg: { accountId: 'demo', callId: 'L1' } },
    ])
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  it('offers no Open contact where the PBX has no phone book', async () => {
    const wrapper = await mountWindow(PopupApp, ['calls', 'pickup'])
    expect(buttonNamed(wrapper, 'Pick up')).toBeDefined()
    expect(buttonNamed(wrapper, 'Open contact')).toBeUndefined()
  })

  it('says in the popup why Open contact or Pick up failed', async () => {
    const wrapper = await mountWindow(PopupApp, ['calls', 'contacts', 'pickup'], {
      'contact:show': {
        ok: false,
        error: { kind: 'not_found', message: 'That call has ended.', code: 'call.ended' },
      },
      'call:pickup': {
        ok: false,
        error: { kind: 'network', message: 'The PBX could not be reached.' },
      },
    })
    await buttonNamed(wrapper, 'Open contact')!.trigger('click')
    await flushPromises()
    expect(wrapper.find('[role="alert"]').text()).toBe('That call has ended.')
    await buttonNamed(wrapper, 'Pick up')!.trigger('click')
    await flushPromises()
    expect(wrapper.find('[role="alert"]').text()).toContain(
      'The PBX cannot be reached. Check the network connection.',
    )
  })
})

describe('the main window', () => {
  it('opens the phone book on the number main sends', async () => {
    const wrapper = await mountWindow(App, ['calls', 'contacts'], {
      'contacts:search': { ok: true, data: [] },
    })
    expect(wrapper.find('main').attributes('data-screen')).toBe('presence')
    bridge!.push('contact:show', { accountId: 'demo', number: '+4520304050' })
    await flushPromises()
    expect(wrapper.find('main').attributes('data-screen')).toBe('contacts')
    expect((wrapper.find('input[type="search"]').element as HTMLInputElement).value).toBe(
      '+4520304050',
    )
  })
})
