/**
 * Data that is not live looks it: the window dims the board and says, in the
 * agent's language and not only in a tooltip, why and since when; it offers
 * "Sign in again" after a refusal and "Review certificate" after a change.
 */
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import App from '../../src/renderer/src/App.vue'
import PopupApp from '../../src/renderer/src/PopupApp.vue'
import { createAppI18n, type Locale } from '../../src/renderer/src/i18n'
import type { AccountStatus, Call, Presence } from '../../src/shared/model'
import { installFakeBridge, snapshot } from './fake-bridge'

const account = {
  id: 'office',
  dialect: 'jade' as const,
  displayName: 'Kontoret',
  ownExtension: '201',
  demo: false,
}
const lastUpdatedAt = new Date(2026, 0, 6, 14, 2).getTime()

function status(
  detail: AccountStatus['detail'],
  extra: Partial<AccountStatus> = {},
): AccountStatus {
  return {
    accountId: 'office',
    detail,
    since: lastUpdatedAt,
    requestsLastMinute: 0,
    budgetPerMinute: 120,
    ...extra,
  }
}

const lamp: Presence = {
  accountId: 'office',
  extension: '202',
  name: 'Bo',
  state: 'busy',
  since: lastUpdatedAt - 65_000,
}

enableAutoUnmount(afterEach)
let bridge: ReturnType<typeof installFakeBridge> | null = null
afterEach(() => bridge?.remove())

const ringing: Call = {
  accountId: 'office',
  id: 'c1',
  direction: 'inbound',
  state: 'ringing',
  local: { number: '201' },
  remote: { number: '+4531313131', name: 'Alice' },
  startedAt: lastUpdatedAt - 12_000,
  handle: {},
}

async function open(state: AccountStatus, locale: Locale = 'en', root: typeof App = App) {
  bridge = installFakeBridge({
    'state:snapshot': {
      ok: true,
      data: snapshot({
        accounts: [account],
        capabilities: { office: ['presence', 'calls'] },
        statuses: [state],
        presence: [lamp],
        calls: [ringing],
      }),
    },
    'app:info': {
      ok: true,
      data: { name: 'Switchboard', version: '1', platform: 'linux', shell: 'browser' },
    },
    'accounts:reconnect': { ok: true, data: null },
    'accounts:configs': { ok: true, data: [] },
  })
  const wrapper = mount(root, {
    attachTo: document.body,
    global: { plugins: [createPinia(), createAppI18n(locale)] },
  })
  await flushPromises()
  return wrapper
}

describe('stale data looks stale', () => {
  it('signed out: says so in words with the time of the last update, dims the board, and signs in again on request', async () => {
    const wrapper = await open(
      status('signed_out', { lastUpdatedAt, message: 'The API key was refused.' }),
    )
    const banner = wrapper.get('[data-testid="stale-banner"]')
    expect(banner.text()).toContain('Kontoret: signed out: the PBX refused the sign-in.')
    expect(banner.text()).toContain('Last updated 02:02 PM')
    expect(wrapper.get('main').classes()).toContain('shell__main--stale')
    await wrapper.get('[data-testid="sign-in-again"]').trigger('click')
    await flushPromises()
    expect(bridge?.calls.filter((c) => c.channel === 'accounts:reconnect')).toEqual([
      { channel: 'accounts:reconnect', arg: { accountId: 'office' } },
    ])
  })

  it('timers stop at the last update while the account is not live', async () => {
    const wrapper = await open(status('offline', { lastUpdatedAt }))
    // Busy for 1:05 when the data was last fetched, however late it is now.
    expect(wrapper.get('[data-extension="202"]').text()).toContain('1:05')
  })

  it('the popup window says its call may be out of date, and its ringing timer stops', async () => {
    const popup = await open(status('offline', { lastUpdatedAt }), 'en', PopupApp as typeof App)
    expect(popup.get('[data-testid="stale-banner"]').text()).toContain('Last updated')
    const card = popup.get('[data-testid="incoming-call"]')
    expect(card.classes()).toContain('popup-window__stale')
    expect(card.text()).toContain('0:12')
  })

  it('an unreadable answer is not called a slow connection', async () => {
    const wrapper = await open(status('unreadable', { lastUpdatedAt }))
    expect(wrapper.get('[data-testid="stale-banner"]').text()).toContain(
      'the PBX sent an answer Switchboard cannot read',
    )
    expect(wrapper.get('[data-testid="status-bar"]').text()).not.toContain('slow')
  })

  it('a changed certificate says so and opens the account to review it', async () => {
    const wrapper = await open(status('certificate_changed', { lastUpdatedAt }))
    expect(wrapper.get('[data-testid="stale-banner"]').text()).toContain(
      'the PBX certificate has changed',
    )
    await wrapper.get('[data-testid="review-certificate"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('main').attributes('data-screen')).toBe('settings')
    expect(bridge?.calls.some((c) => c.channel === 'accounts:configs')).toBe(true)
  })

  it('says it in Danish and Russian too', async () => {
    const da = await open(status('offline', { lastUpdatedAt }), 'da')
    expect(da.get('[data-testid="stale-banner"]').text()).toContain('Sidst opdateret 14.02')
    da.unmount()
    bridge?.remove()
    const ru = await open(status('signed_out', { lastUpdatedAt }), 'ru')
    expect(ru.get('[data-testid="stale-banner"]').text()).toContain('Войти снова')
  })

  it('online: no banner, nothing dimmed', async () => {
    const wrapper = await open(status('online'))
    expect(wrapper.find('[data-testid="stale-banner"]').exists()).toBe(false)
    expect(wrapper.get('main').classes()).not.toContain('shell__main--stale')
  })
})
