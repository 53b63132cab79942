import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import App from '../../src/renderer/src/App.vue'
import { createAppI18n, type Locale } from '../../src/renderer/src/i18n'
import type { Result } from '../../src/shared/result'
import { installFakeBridge, snapshot } from './fake-bridge'

const demo = {
  id: 'demo',
  dialect: 'pbxcloud',
  displayName: 'Demo office',
  ownExtension: '201',
  demo: true,
}
const info = { name: 'Switchboard', version: '1.2.3', platform: 'linux', shell: 'browser' }

function mountApp(locale: Locale = 'en') {
  return mount(App, { global: { plugins: [createPinia(), createAppI18n(locale)] } })
}

let bridge: ReturnType<typeof installFakeBridge> | null = null
afterEach(() => bridge?.remove())

describe('the app shell', () => {
  it('shows all eight sections and moves between them', async () => {
    bridge = installFakeBridge({
      'state:snapshot': { ok: true, data: snapshot({ accounts: [demo] as never }) },
      'app:info': { ok: true, data: info },
    })
    const wrapper = mountApp()
    await flushPromises()
    const labels = wrapper.findAll('nav button').map((b) => b.text())
    expect(labels).toEqual([
      'Presence',
      'Calls',
      'Queues',
      'Voicemail',
      'Chat',
      'History',
      'Contacts',
      'Settings',
    ])
    expect(wrapper.find('[aria-current="page"]').text()).toBe('Presence')
    expect(wrapper.find('h1').text()).toBe('Presence')
    expect(wrapper.text()).toContain('No extensions yet')

    await wrapper.find('[data-screen="voicemail"]').trigger('click')
    expect(wrapper.find('h1').text()).toBe('Voicemail')
    expect(wrapper.find('[aria-current="page"]').text()).toBe('Voicemail')
  })

  it('lists the accounts main reports in Settings, marking the demo account', async () => {
    bridge = installFakeBridge({
      'state:snapshot': { ok: true, data: snapshot({ accounts: [demo] as never }) },
      'app:info': { ok: true, data: info },
    })
    const wrapper = mountApp()
    await flushPromises()
    await wrapper.find('[data-screen="settings"]').trigger('click')
    const list = wrapper.find('[data-testid="account-list"]')
    expect(list.text()).toContain('Demo office')
    expect(list.text()).toContain('Demo')
    expect(list.text()).toContain('PBXCloud (proxy API)')
    expect(wrapper.text()).toContain('embedded demo PBX')
    expect(wrapper.text()).toContain('Version 1.2.3 (browser bridge)')
  })

  it('follows accounts:changed pushed by main, and reloads the state for the new account', async () => {
    const answers: Record<string, Result<unknown>> = {
      'state:snapshot': { ok: true, data: snapshot({ accounts: [demo] as never }) },
      'app:info': { ok: true, data: info },
    }
    bridge = installFakeBridge(answers)
    const wrapper = mountApp()
    await flushPromises()
    await wrapper.find('[data-screen="settings"]').trigger('click')
    const acme = {
      id: 'acme',
      dialect: 'jade' as const,
      displayName: 'ACME support',
      ownExtension: '7001',
      demo: false,
    }
    answers['state:snapshot'] = { ok: true, data: snapshot({ accounts: [acme] }) }
    bridge.push('accounts:changed', [acme])
    await flushPromises()
    const list = wrapper.find('[data-testid="account-list"]')
    expect(list.text()).toContain('ACME support')
    expect(list.text()).not.toContain('Demo office')
    expect(bridge.calls.filter((c) => c.channel === 'state:snapshot')).toHaveLength(2)
  })

  it('says in words when the accounts cannot be loaded, and offers to retry', async () => {
    bridge = installFakeBridge({
      'state:snapshot': { ok: false, error: { kind: 'internal', message: 'Disk on fire.' } },
      'app:info': { ok: true, data: info },
    })
    const wrapper = mountApp()
    await flushPromises()
    await wrapper.find('[data-screen="settings"]').trigger('click')
    expect(wrapper.find('[role="alert"]').text()).toContain(
      'The accounts could not be loaded: Something went wrong inside Switchboard.',
    )
    expect(wrapper.find('[role="alert"] button').text()).toBe('Try again')
  })

  it('says so when the bridge to the core is missing, instead of a blank window', async () => {
    const wrapper = mountApp()
    await flushPromises()
    expect(wrapper.text()).toContain('Switchboard cannot reach its core')
  })

  it('speaks Danish and Russian', async () => {
    bridge = installFakeBridge({
      'state:snapshot': { ok: true, data: snapshot({ accounts: [demo] as never }) },
      'app:info': { ok: true, data: info },
    })
    expect(mountApp('da').find('nav').text()).toContain('Indstillinger')
    expect(mountApp('ru').find('nav').text()).toContain('Настройки')
  })
})
