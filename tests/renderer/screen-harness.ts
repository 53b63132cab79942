/**
 * Mounting the whole App on a fake bridge for the screen tests: one account (or
 * several), the capabilities the test gives, and answers it can change or hold.
 */
import { flushPromises, mount, type DOMWrapper, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import App from '../../src/renderer/src/App.vue'
import { createAppI18n } from '../../src/renderer/src/i18n'
import { useNavigationStore, type Screen } from '../../src/renderer/src/stores/navigation'
import type { StateSnapshot } from '../../src/shared/ipc'
import type { AccountSummary, Capability, Flow } from '../../src/shared/model'
import type { Preferences } from '../../src/shared/preferences'
import type { Result } from '../../src/shared/result'
import { installFakeBridge, snapshot } from './fake-bridge'

export const office: AccountSummary = {
  id: 'office',
  dialect: 'pbxcloud',
  displayName: 'Main office',
  ownExtension: '201',
  demo: false,
}

export const preferences: Preferences = {
  language: 'en',
  theme: 'light',
  defaultCountry: 'DK',
  incomingAlert: 'both',
  confirmDial: true,
  dialShortcut: 'CommandOrControl+Shift+D',
  autoLaunch: false,
  handleLinks: false,
  closeToTray: true,
  trayHintShown: false,
  callsActiveMs: 1000,
  callsIdleMs: 3000,
  budgetPerMinute: 120,
  screenPopUrl: '',
  screenPopOrigin: '',
  screenPopOnAnswer: false,
  boardGroups: [],
  boardView: 'tiles',
}

export type Answers = Record<string, Result<unknown>>
export type Bridge = ReturnType<typeof installFakeBridge>

export interface Mounted {
  wrapper: VueWrapper
  bridge: Bridge
  /** The table the fake bridge answers from; change it to change later answers. */
  answers: Answers
  /** The arguments of every request on `channel`, in order. */
  sent(channel: string): unknown[]
}

let installed: Bridge | null = null

/** Call from afterEach: removes the fake bridge of the last mount. */
export function removeBridge(): void {
  installed?.remove()
  installed = null
}

export async function mountApp(
  options: {
    capabilities?: Capability[]
    accounts?: AccountSummary[]
    /** Capabilities per account id, when there are several accounts. */
    capabilitiesBy?: Record<string, Capability[]>
    state?: Partial<StateSnapshot>
    /** The day/night flows `flows:list` answers with (for every account asked). */
    flows?: Flow[]
    answers?: Answers
    screen?: Screen
  } = {},
): Promise<Mounted> {
  const accounts = options.accounts ?? [office]
  const capabilities =
    options.capabilitiesBy ??
    Object.fromEntries(accounts.map((a) => [a.id, options.capabilities ?? []]))
  const answers: Answers = {
    'state:snapshot': { ok: true, data: snapshot({ accounts, capabilities, ...options.state }) },
    'app:info': {
      ok: true,
      data: { name: 'Switchboard', version: '1.0.0', platform: 'linux', shell: 'browser' },
    },
    'settings:get': { ok: true, data: preferences },
    'flows:list': { ok: true, data: options.flows ?? [] },
    ...options.answers,
  }
  const bridge = installFakeBridge(answers)
  installed = bridge
  const wrapper = mount(App, { global: { plugins: [createPinia(), createAppI18n('en')] } })
  await flushPromises()
  if (options.screen) {
    const link = wrapper.find(`nav [data-screen="${options.screen}"]`)
    // A screen the PBX cannot serve is not in the navigation (screen-rules.ts); its
    // own empty state still says why, for a way in other than the navigation.
    if (link.exists()) await link.trigger('click')
    else useNavigationStore().go(options.screen)
    await flushPromises()
  }
  return {
    wrapper,
    bridge,
    answers,
    sent: (channel) => bridge.calls.filter((c) => c.channel === channel).map((c) => c.arg),
  }
}

/** An answer that arrives only when the test says so: the screen's "in flight" state. */
export function held<T>(): {
  answer: Result<unknown>
  resolve: (result: Result<T>) => void
} {
  let resolve!: (result: Result<T>) => void
  const promise = new Promise<Result<T>>((r) => (resolve = r))
  // The fake bridge answers with Promise.resolve(answer), which adopts a promise.
  return { answer: promise as unknown as Result<unknown>, resolve }
}

/** The text of the notices (the live region at the bottom of the window). */
export function notices(wrapper: VueWrapper): string[] {
  return wrapper.findAll('.notices .notice').map((n) => n.text())
}

/** The badge next to a section's name in the navigation, or '' when there is none. */
export function badge(wrapper: VueWrapper, screen: Screen): string {
  const found = wrapper.find(`[data-screen="${screen}"] .nav__badge`)
  return found.exists() ? found.text() : ''
}

/** The button with exactly this label inside `scope`; fails the test when there is none. */
export function button(
  scope: VueWrapper | DOMWrapper<Element>,
  label: string,
): DOMWrapper<HTMLButtonElement> {
  const found = scope.findAll('button').find((b) => b.text() === label)
  if (!found) throw new Error(`No button labelled "${label}"`)
  return found
}
