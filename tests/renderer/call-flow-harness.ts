/** The window with given calls and capabilities, for the call-flow tests. */
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, vi } from 'vitest'
import App from '../../src/renderer/src/App.vue'
import { createAppI18n } from '../../src/renderer/src/i18n'
import type { Call, Capability, Presence } from '../../src/shared/model'
import type { Result } from '../../src/shared/result'
import { installFakeBridge, snapshot } from './fake-bridge'

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)
export const demo = {
  id: 'demo',
  dialect: 'pbxcloud' as const,
  displayName: 'Demo office',
  ownExtension: '201',
  demo: true,
}
export const other = { ...demo, id: 'other', displayName: 'Other office', demo: false }

export function call(parts: Partial<Call> = {}): Call {
  return {
    id: 'L1',
    accountId: 'demo',
    direction: 'inbound',
    placedBy: 'outside',
    state: 'ringing',
    local: { number: '201' },
    remote: { number: '+4520304050', name: 'Alice Jensen' },
    startedAt: T0 - 4000,
    handle: {},
    ...parts,
  }
}

export const colleague: Presence = {
  accountId: 'demo',
  extension: '203',
  name: 'Bodil Dam',
  state: 'available',
  since: T0,
}

let bridge: ReturnType<typeof installFakeBridge> | null = null
/** The fake bridge of the window `app` mounted last. */
export const fakeBridge = (): ReturnType<typeof installFakeBridge> => bridge!
afterEach(() => {
  bridge?.remove()
  vi.useRealTimers()
})

export async function app(
  calls: Call[],
  capabilities: Capability[],
  answers: Record<string, Result<unknown>> = {},
  accounts = [demo],
  presence: Presence[] = [colleague],
) {
  bridge = installFakeBridge({
    'state:snapshot': {
      ok: true,
      data: snapshot({
        accounts,
        capabilities: Object.fromEntries(accounts.map((a) => [a.id, capabilities])),
        calls,
        presence,
      }),
    },
    'app:info': {
      ok: true,
      data: { name: 'Switchboard', version: '1', platform: 'linux', shell: 'browser' },
    },
    ...answers,
  })
  const wrapper = mount(App, { global: { plugins: [createPinia(), createAppI18n('en')] } })
  await flushPromises()
  return wrapper
}

export const buttonsOf = (card: { findAll: (s: string) => { text: () => string }[] }): string[] =>
  card.findAll('button').map((b) => b.text())
