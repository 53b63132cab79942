import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AccountConfig } from '../../src/shared/account-config'
import type { ConnectionTest } from '../../src/shared/ipc'
import type { AccountSummary } from '../../src/shared/model'
import {
  button,
  held,
  mountApp,
  notices,
  preferences,
  removeBridge,
  type Answers,
} from './screen-harness'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.unstubAllGlobals()
  removeBridge()
})

const demo: AccountSummary = {
  id: 'demo',
  dialect: 'pbxcloud',
  displayName: 'Demo office',
  ownExtension: '201',
  demo: true,
}
const acme: AccountSummary = {
  id: 'acme',
  dialect: 'jade',
  displayName: 'ACME support',
  ownExtension: '7001',
  demo: false,
}

async function settings(accounts: AccountSummary[], answers: Answers = {}) {
  return mountApp({ accounts, answers, screen: 'settings' })
}

function accountItems(wrapper: VueWrapper) {
  return wrapper.findAll('[data-testid="account-list"] > li')
}

/** The labels of the account form's fields, in order. */
function fieldLabels(wrapper: VueWrapper): string[] {
  return wrapper
    .findAll('[data-testid="account-form"] label')
    .map((l) => l.element.firstChild?.textContent?.trim() ?? '')
}

function field(wrapper: VueWrapper, label: string) {
  const found = wrapper
    .findAll('[data-testid="account-form"] label')
    .find((l) => l.element.firstChild?.textContent?.trim() === label)
  if (!found) throw new Error(`No field ${label}`)
  return found.find('input, select')
}

function preference(wrapper: VueWrapper, label: string) {
  const found = wrapper
    .findAll('[data-testid="preferences"] label')
    .find((l) => l.text().startsWith(label))
  if (!found) throw new Error(`No preference ${label}`)
  return found.find('input, select')
}

describe('the accounts in Settings', () => {
  it('says it is loading the accounts until main answers', async () => {
    const pending = held<never>()
    const { wrapper } = await settings([demo], { 'state:snapshot': pending.answer })
    expect(wrapper.find('[aria-labelledby="accounts-heading"] [role="status"]').text()).toBe(
      'Loading accounts…',
    )
  })

  it('marks the demo account and offers edit and remove only for real accounts', async () => {
    const { wrapper } = await settings([demo, acme])
    const [demoItem, acmeItem] = accountItems(wrapper)
    expect(demoItem!.find('.account__name').text()).toBe('Demo office Demo')
    expect(demoItem!.find('.badge').text()).toBe('Demo')
    expect(demoItem!.findAll('button')).toHaveLength(0)
    expect(demoItem!.text()).toContain('PBXCloud (proxy API)')

    expect(acmeItem!.find('.badge').exists()).toBe(false)
    expect(acmeItem!.findAll('button').map((b) => b.text())).toEqual(['Edit', 'Remove'])
    expect(acmeItem!.find('.account__facts').text()).toContain('jade')
    expect(acmeItem!.find('.account__facts').text()).toContain('7001')
    expect(wrapper.text()).toContain('embedded demo PBX')
  })

  it('says when no account is configured', async () => {
    const { wrapper } = await settings([])
    expect(wrapper.text()).toContain('No accounts are configured.')
    expect(wrapper.text()).not.toContain('embedded demo PBX')
    expect(button(wrapper, 'Add an account').exists()).toBe(true)
  })

  it('removes a real account after asking, and not when the agent says no', async () => {
    const ask = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true)
    vi.stubGlobal('confirm', ask)
    const { wrapper, sent } = await settings([acme], {
      'accounts:remove': { ok: false, error: { kind: 'internal', message: 'Keychain locked.' } },
    })
    await button(accountItems(wrapper)[0]!, 'Remove').trigger('click')
    expect(ask).toHaveBeenCalledWith(
      'Remove the account “ACME support” and its stored password or key?',
    )
    expect(sent('accounts:remove')).toEqual([])

    await button(accountItems(wrapper)[0]!, 'Remove').trigger('click')
    await flushPromises()
    expect(sent('accounts:remove')).toEqual([{ accountId: 'acme' }])
    expect(notices(wrapper)).toEqual(['Something went wrong inside Switchboard.'])
  })
})

describe('the account form', () => {
  async function addForm(answers: Answers = {}) {
    const mounted = await settings([demo], answers)
    await button(mounted.wrapper, 'Add an account').trigger('click')
    return mounted
  }

  it('shows only the fields of the chosen PBX type', async () => {
    const { wrapper } = await addForm()
    expect(fieldLabels(wrapper)).toEqual([
      'PBX type',
      'Name',
      'Portal address',
      'Tenant code',
      'Your extension (e.g. 402-DEMO)',
      'Phone book',
      'API key',
    ])

    await field(wrapper, 'PBX type').setValue('restv1')
    expect(fieldLabels(wrapper)).toEqual([
      'PBX type',
      'Name',
      'API host',
      'Client id',
      'Extension id (optional)',
      'Client secret',
    ])

    await field(wrapper, 'PBX type').setValue('jade')
    expect(fieldLabels(wrapper)).toEqual([
      'PBX type',
      'Name',
      'Server address',
      'User name',
      'Password',
      'Supervisor user (optional)',
      'Supervisor password',
      'Event socket (default wss://<server>:8083/)',
    ])
  })

  it('takes the jade event socket address, suggesting the default from the server address', async () => {
    const { wrapper, sent } = await addForm()
    await field(wrapper, 'PBX type').setValue('jade')
    await field(wrapper, 'Name').setValue('ACME')
    await field(wrapper, 'Server address').setValue('https://pbx.acme.example:8081')
    await field(wrapper, 'User name').setValue('mette')
    await field(wrapper, 'Password').setValue('pw')
    const socket = field(wrapper, 'Event socket (default wss://<server>:8083/)')
    expect(socket.attributes('placeholder')).toBe('wss://pbx.acme.example:8083/')
    await socket.setValue(' wss://events.acme.example:9443/ ')
    await button(wrapper, 'Test connection').trigger('click')
    const asked = sent('accounts:test')[0] as { config: AccountConfig }
    expect(asked.config).toMatchObject({
      dialect: 'jade',
      wsUrl: 'wss://events.acme.example:9443/',
    })
  })

  it('asks for the secret before testing, without asking the PBX', async () => {
    const { wrapper, sent } = await addForm()
    await button(wrapper, 'Test connection').trigger('click')
    expect(wrapper.find('[data-testid="account-form"] [role="alert"]').text()).toBe(
      'Enter the API key to test the connection.',
    )
    expect(sent('accounts:test')).toEqual([])
  })

  it('tests the connection with what was typed and says who it connected as', async () => {
    const pending = held<ConnectionTest>()
    const { wrapper, sent } = await addForm({ 'accounts:test': pending.answer })
    await field(wrapper, 'Name').setValue(' Head office ')
    await field(wrapper, 'Tenant code').setValue(' acme ')
    await field(wrapper, 'Your extension (e.g. 402-DEMO)').setValue('402-DEMO')
    await field(wrapper, 'API key').setValue('s3cret')
    await button(wrapper, 'Test connection').trigger('click')
    expect(wrapper.find('[data-testid="account-form"] [role="status"]').text()).toBe('Testing…')
    expect(button(wrapper, 'Test connection').attributes('disabled')).toBeDefined()
    const asked = sent('accounts:test')[0] as { config: AccountConfig; secret: string }
    expect(asked.secret).toBe('s3cret')
    expect(asked.config).toMatchObject({
      dialect: 'pbxcloud',
      displayName: 'Head office',
      tenant: 'acme',
      ownExtension: '402-DEMO',
      baseUrl: 'https://portal.pbxcloud.eu/pbx/proxyapi.php',
    })

    pending.resolve({
      ok: true,
      data: { ownExtension: '402-DEMO', displayName: 'Alice Jensen', details: { tenant: 'acme' } },
    })
    await flushPromises()
    const status = wrapper.find('[data-testid="account-form"] [role="status"]')
    expect(status.text()).toContain('Connected as 402-DEMO (Alice Jensen).')
    expect(status.text()).toContain('tenant: acme')
  })

  it('offers the tenant phone books found by the test and saves the one picked', async () => {
    const { wrapper, sent } = await addForm({
      'accounts:test': {
        ok: true,
        data: { ownExtension: '402', details: {}, phonebooks: ['Kunder', 'Leverandører'] },
      },
      'accounts:save': { ok: true, data: [demo] },
    })
    await field(wrapper, 'Name').setValue('Head office')
    await field(wrapper, 'Tenant code').setValue('acme')
    await field(wrapper, 'Your extension (e.g. 402-DEMO)').setValue('402-ACME')
    await field(wrapper, 'API key').setValue('s3cret')
    expect(wrapper.findAll('#pbxcloud-phonebooks option')).toHaveLength(0)
    await button(wrapper, 'Test connection').trigger('click')
    await flushPromises()
    expect(
      wrapper.findAll('#pbxcloud-phonebooks option').map((o) => o.attributes('value')),
    ).toEqual(['Kunder', 'Leverandører'])
    expect(field(wrapper, 'Phone book').attributes('list')).toBe('pbxcloud-phonebooks')
    await field(wrapper, 'Phone book').setValue('Leverandører')
    await wrapper.find('[data-testid="account-form"]').trigger('submit')
    await flushPromises()
    const saved = sent('accounts:save')[0] as { config: AccountConfig }
    expect(saved.config).toMatchObject({ dialect: 'pbxcloud', phonebook: 'Leverandører' })
  })

  it('says in words why the connection test failed', async () => {
    const { wrapper } = await addForm({
      'accounts:test': {
        ok: false,
        error: {
          kind: 'auth',
          message: 'The PBX refused the API key.',
          code: 'auth.bad_credentials',
        },
      },
    })
    await field(wrapper, 'API key').setValue('wrong')
    await button(wrapper, 'Test connection').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="account-form"] [role="alert"]').text()).toBe(
      'The PBX refused the user name, key or password.',
    )
    expect(button(wrapper, 'Test connection').attributes('disabled')).toBeUndefined()
  })

  it('edits a real account with its stored settings, keeping the stored secret', async () => {
    const stored: AccountConfig = {
      id: 'acme',
      dialect: 'jade',
      displayName: 'ACME support',
      baseUrl: 'https://pbx.acme.example',
      username: 'alice',
      ownExtension: '7001',
    }
    const { wrapper, sent } = await settings([acme], {
      'accounts:configs': { ok: true, data: [stored] },
      'accounts:save': { ok: true, data: [acme] },
    })
    await button(accountItems(wrapper)[0]!, 'Edit').trigger('click')
    await flushPromises()
    expect((field(wrapper, 'PBX type').element as HTMLSelectElement).value).toBe('jade')
    expect(field(wrapper, 'PBX type').attributes('disabled')).toBeDefined()
    expect((field(wrapper, 'Server address').element as HTMLInputElement).value).toBe(
      'https://pbx.acme.example',
    )
    expect(field(wrapper, 'Password').attributes('placeholder')).toBe(
      'Leave empty to keep the stored one',
    )

    await wrapper.find('[data-testid="account-form"]').trigger('submit')
    await flushPromises()
    expect(sent('accounts:save')).toEqual([{ config: stored }])
    expect(wrapper.find('[data-testid="account-form"]').exists()).toBe(false)
  })

  it('says why an account cannot be edited when its settings cannot be read', async () => {
    const { wrapper } = await settings([acme], {
      'accounts:configs': { ok: false, error: { kind: 'internal', message: 'Disk on fire.' } },
    })
    await button(accountItems(wrapper)[0]!, 'Edit').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="account-form"]').exists()).toBe(false)
    expect(notices(wrapper)).toEqual([
      'That did not work: Something went wrong inside Switchboard.',
    ])
  })
})

describe('the preferences', () => {
  it('show the values main holds', async () => {
    const { wrapper } = await settings([demo])
    const value = (label: string) =>
      (preference(wrapper, label).element as HTMLInputElement | HTMLSelectElement).value
    const checked = (label: string) =>
      (preference(wrapper, label).element as HTMLInputElement).checked
    expect(value('Language')).toBe('en')
    expect(value('Theme')).toBe('light')
    expect(value('Incoming calls')).toBe('both')
    expect(value('Default country for numbers')).toBe('DK')
    expect(wrapper.find('[data-testid="shortcut-current"]').text()).toBe('Ctrl+Shift+D')
    expect(checked('Ask before dialling links and selected text')).toBe(true)
    expect(checked('Start when I sign in')).toBe(false)
    expect(checked('Keep running in the tray when the window closes')).toBe(true)
    expect(value('Check calls during a call every (seconds)')).toBe('1')
    expect(value('Requests per minute')).toBe('120')
  })

  it('send each change to main and show what comes back', async () => {
    const { wrapper, answers, sent } = await settings([demo])
    answers['settings:set'] = { ok: true, data: { ...preferences, theme: 'dark' } }
    await preference(wrapper, 'Theme').setValue('dark')
    answers['settings:set'] = { ok: true, data: { ...preferences, defaultCountry: 'SE' } }
    await preference(wrapper, 'Default country for numbers').setValue('SE')
    answers['settings:set'] = { ok: true, data: { ...preferences, autoLaunch: true } }
    await preference(wrapper, 'Start when I sign in').setValue(true)
    answers['settings:set'] = { ok: true, data: { ...preferences, budgetPerMinute: 200 } }
    await preference(wrapper, 'Requests per minute').setValue('200')
    await flushPromises()
    expect(sent('settings:set')).toEqual([
      { theme: 'dark' },
      { defaultCountry: 'SE' },
      { autoLaunch: true },
      { budgetPerMinute: 200 },
    ])
    expect((preference(wrapper, 'Requests per minute').element as HTMLInputElement).value).toBe(
      '200',
    )
  })

  it('follow a change pushed by main', async () => {
    const { wrapper, bridge } = await settings([demo])
    bridge.push('settings:changed', { ...preferences, closeToTray: false, theme: 'dark' })
    await flushPromises()
    expect((preference(wrapper, 'Theme').element as HTMLSelectElement).value).toBe('dark')
    const tray = preference(wrapper, 'Keep running in the tray when the window closes')
    expect((tray.element as HTMLInputElement).checked).toBe(false)
  })

  it('say in words when a change was refused', async () => {
    const { wrapper } = await settings([demo], {
      'settings:set': {
        ok: false,
        error: { kind: 'invalid_argument', message: 'Not a country code.' },
      },
    })
    await preference(wrapper, 'Default country for numbers').setValue('NO')
    await flushPromises()
    expect(wrapper.find('[data-testid="preferences"] [role="alert"]').text()).toBe(
      'That setting was not saved: That was not accepted. Check what you entered.',
    )
  })

  it('say so when they cannot be loaded, instead of leaving them out', async () => {
    const { wrapper, answers } = await settings([demo], {
      'settings:get': { ok: false, error: { kind: 'internal', message: 'Disk on fire.' } },
    })
    const section = wrapper.find('[data-testid="preferences"]')
    expect(section.find('h2').text()).toBe('Preferences')
    expect(section.find('[role="alert"]').text()).toContain(
      'That did not work: Something went wrong inside Switchboard.',
    )

    answers['settings:get'] = { ok: true, data: preferences }
    await button(section, 'Try again').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="preferences"] [role="alert"]').exists()).toBe(false)
    expect((preference(wrapper, 'Theme').element as HTMLSelectElement).value).toBe('light')
  })
})

describe('the status line of a push account', () => {
  it('says in words when events are unavailable and the account polls', async () => {
    const { wrapper } = await mountApp({
      accounts: [acme],
      screen: 'settings',
      state: {
        statuses: [
          {
            accountId: 'acme',
            detail: 'online',
            since: 0,
            events: 'polling',
            eventsReason: 'The event socket is not connected.',
            requestsLastMinute: 3,
            budgetPerMinute: 120,
          },
        ],
      },
    })
    const line = wrapper.find('[data-testid="status-bar"]')
    expect(line.text()).toContain('ACME support: online · events unavailable, polling')
    expect(line.find('[title]').attributes('title')).toBe('The event socket is not connected.')
  })
})
