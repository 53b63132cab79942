import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import App from '../../src/renderer/src/App.vue'
import { createAppI18n } from '../../src/renderer/src/i18n'
import type { Result } from '../../src/shared/result'
import type { Call, Capability, ParkedCall } from '../../src/shared/model'
import { installFakeBridge, snapshot } from './fake-bridge'

const account = {
  id: 'demo',
  dialect: 'pbxcloud' as const,
  displayName: 'Demo office',
  ownExtension: '201',
  demo: true,
}

/** The window's clock is the test's: durations on screen are exact, never a wall-clock window. */
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)
beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    now: T0,
  })
})
afterEach(() => {
  vi.useRealTimers()
})

function call(parts: Partial<Call> = {}): Call {
  return {
    id: 'L1',
    accountId: 'demo',
    direction: 'inbound',
    state: 'ringing',
    local: { number: '201' },
    remote: { number: '+4520304050', name: 'Alice Jensen' },
    queue: 'Support',
    startedAt: T0 - 4000,
    handle: {},
    ...parts,
  }
}

let bridge: ReturnType<typeof installFakeBridge> | null = null
afterEach(() => bridge?.remove())

async function app(
  calls: Call[],
  capabilities: Capability[],
  answers: Record<string, Result<unknown>> = {},
  parked: ParkedCall[] = [],
) {
  bridge = installFakeBridge({
    'state:snapshot': {
      ok: true,
      data: snapshot({ accounts: [account], capabilities: { demo: capabilities }, calls, parked }),
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

describe('incoming calls', () => {
  it('pop up with caller, number, queue and how long it has rung', async () => {
    const wrapper = await app([call()], ['calls', 'pickup'])
    const popup = wrapper.find('[data-testid="incoming-call"]')
    expect(popup.text()).toContain('Alice Jensen')
    expect(popup.text()).toContain('+4520304050')
    expect(popup.text()).toContain('Queue Support')
    expect(popup.text()).toContain('ringing for 0:04')
    expect(popup.attributes('aria-live')).toBe('assertive')
    expect(popup.text()).toContain('Pick up')
  })

  it('open the caller in the phone book', async () => {
    const wrapper = await app([call()], ['calls', 'contacts'], {
      'contacts:search': {
        ok: true,
        data: [
          {
            id: 'k1',
            accountId: 'demo',
            name: 'Alice Jensen',
            company: 'Jensen ApS',
            numbers: [{ label: 'work', number: '+4520304050' }],
          },
        ],
      },
    })
    const popup = wrapper.find('[data-testid="incoming-call"]')
    const open = popup.findAll('button').find((b) => b.text() === 'Open contact')!
    await open.trigger('click')
    expect(wrapper.find('main').attributes('data-screen')).toBe('contacts')
    expect((wrapper.find('input[type="search"]').element as HTMLInputElement).value).toBe(
      '+4520304050',
    )
    vi.advanceTimersByTime(300)
    await flushPromises()
    expect(bridge!.calls.find((c) => c.channel === 'contacts:search')?.arg).toEqual({
      accountId: 'demo',
      query: '+4520304050',
    })
    expect(wrapper.find('[data-testid="contact-list"]').text()).toContain('Jensen ApS')
  })

  it('offer pickup only where the PBX can do it', async () => {
    const wrapper = await app([call()], ['calls'])
    expect(wrapper.find('[data-testid="incoming-call"]').text()).not.toContain('Pick up')
  })

  it('close when the call is answered elsewhere, and when dismissed', async () => {
    const wrapper = await app([call(), call({ id: 'L2', remote: { number: '+4511' } })], ['calls'])
    expect(wrapper.findAll('[data-testid="incoming-call"]')).toHaveLength(2)
    bridge!.push('calls:changed', {
      accountId: 'demo',
      calls: [
        call({ state: 'up', answeredElsewhere: { number: '202', name: 'Bo Berg' } }),
        call({ id: 'L2', remote: { number: '+4511' } }),
      ],
    })
    await flushPromises()
    expect(wrapper.findAll('[data-testid="incoming-call"]')).toHaveLength(1)
    await wrapper.find('[data-testid="incoming-call"] button').trigger('click')
    expect(wrapper.findAll('[data-testid="incoming-call"]')).toHaveLength(0)
  })
})

describe('the calls screen', () => {
  it('offers to decline a call still ringing in, and to hang up one that is connected', async () => {
    const wrapper = await app(
      [call(), call({ id: 'L2', state: 'up', remote: { number: '+4511' } })],
      ['calls', 'hangup'],
    )
    await wrapper.find('[data-screen="calls"]').trigger('click')
    const labels = wrapper
      .findAll('[data-testid="call-card"]')
      .map((c) => c.findAll('button').map((b) => b.text()))
    expect(labels).toEqual([['Decline'], ['Hang up']])
  })

  it('shows only the controls the PBX supports', async () => {
    const wrapper = await app(
      [call({ state: 'up' })],
      ['calls', 'hangup', 'transfer', 'attended_transfer'],
    )
    await wrapper.find('[data-screen="calls"]').trigger('click')
    const card = wrapper.find('[data-testid="call-card"]')
    const buttons = card.findAll('button').map((b) => b.text())
    expect(buttons).toEqual(['Transfer', 'Hang up'])
    expect(card.text()).toContain('Connected')
  })

  it('shows hold, resume and park where the PBX has them', async () => {
    const wrapper = await app([call({ state: 'held' })], ['calls', 'hangup', 'hold', 'park'])
    await wrapper.find('[data-screen="calls"]').trigger('click')
    const buttons = wrapper
      .find('[data-testid="call-card"]')
      .findAll('button')
      .map((b) => b.text())
    expect(buttons).toEqual(['Resume', 'Park', 'Hang up'])
  })

  it('says in words why an action failed and leaves the call as it was', async () => {
    const wrapper = await app([call({ state: 'up' })], ['calls', 'hangup'], {
      'call:hangup': { ok: false, error: { kind: 'network', message: 'Cannot reach the PBX.' } },
    })
    await wrapper.find('[data-screen="calls"]').trigger('click')
    await wrapper.find('[data-testid="call-card"] .button--danger').trigger('click')
    await flushPromises()
    expect(bridge!.calls.find((c) => c.channel === 'call:hangup')?.arg).toEqual({
      accountId: 'demo',
      callId: 'L1',
    })
    expect(wrapper.find('[role="alert"]').text()).toBe(
      'That did not work: The PBX cannot be reached. Check the network connection.',
    )
    expect(wrapper.find('[data-testid="call-card"]').text()).toContain('Connected')
  })

  it('sends a blind transfer to the number typed', async () => {
    const wrapper = await app([call({ state: 'up' })], ['calls', 'transfer'], {
      'call:transfer': { ok: true, data: null },
    })
    await wrapper.find('[data-screen="calls"]').trigger('click')
    await wrapper.find('[data-testid="call-card"] button').trigger('click')
    await wrapper.find('[data-testid="transfer-destination"]').setValue('203')
    await wrapper.find('.call__transfer').trigger('submit')
    await flushPromises()
    expect(bridge!.calls.find((c) => c.channel === 'call:transfer')?.arg).toEqual({
      accountId: 'demo',
      callId: 'L1',
      destination: '203',
      attended: false,
    })
  })
})

describe('parked calls', () => {
  const waiting: ParkedCall = {
    id: 'P701',
    accountId: 'demo',
    slot: '701',
    caller: { number: '+4570121416', name: 'Lis Holm' },
    parkedBy: '202',
    parkedAt: T0 - 65_000,
    handle: {},
  }

  it('lists who waits in which slot, who parked them and for how long, and picks one up', async () => {
    const wrapper = await app(
      [],
      ['calls', 'parked_calls', 'pickup'],
      {
        'call:pickup': { ok: true, data: null },
      },
      [waiting],
    )
    await wrapper.find('[data-screen="calls"]').trigger('click')
    const list = wrapper.find('[data-testid="parked-list"]')
    expect(list.text()).toContain('Slot 701')
    expect(list.text()).toContain('Lis Holm')
    expect(list.text()).toContain('+4570121416')
    expect(list.text()).toContain('parked by 202')
    expect(list.text()).toContain('1:05')
    await list.find('button').trigger('click')
    await flushPromises()
    expect(bridge!.calls.find((c) => c.channel === 'call:pickup')?.arg).toEqual({
      accountId: 'demo',
      callId: 'P701',
    })
  })

  it('says why a pickup failed, next to the call', async () => {
    const wrapper = await app(
      [],
      ['calls', 'parked_calls', 'pickup'],
      {
        'call:pickup': {
          ok: false,
          error: { kind: 'not_found', message: 'Someone else took it.' },
        },
      },
      [waiting],
    )
    await wrapper.find('[data-screen="calls"]').trigger('click')
    await wrapper.find('[data-testid="parked-list"] button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="parked-list"] [role="alert"]').text()).toBe(
      'That did not work: That is no longer there.',
    )
  })

  it('shows the list without a pickup button where the PBX cannot pick up, and not at all without parking', async () => {
    const listOnly = await app([], ['calls', 'parked_calls'], {}, [waiting])
    await listOnly.find('[data-screen="calls"]').trigger('click')
    expect(listOnly.find('[data-testid="parked-list"]').text()).toContain('Lis Holm')
    expect(listOnly.find('[data-testid="parked-list"] button').exists()).toBe(false)
    listOnly.unmount()
    bridge?.remove()
    const none = await app([], ['calls'], {}, [])
    await none.find('[data-screen="calls"]').trigger('click')
    expect(none.find('[data-testid="parked-list"]').exists()).toBe(false)
  })

  it('hangs up a parked call where the PBX can, saying whose, and why not if it fails', async () => {
    const wrapper = await app(
      [],
      ['calls', 'parked_calls', 'parked_hangup'],
      {
        'call:hangupParked': {
          ok: false,
          error: { kind: 'not_found', message: 'That call is no longer parked.' },
        },
      },
      [waiting],
    )
    await wrapper.find('[data-screen="calls"]').trigger('click')
    const buttons = wrapper.findAll('[data-testid="parked-list"] button')
    // No pickup on this PBX; the one button ends the call, named for screen readers.
    expect(buttons.map((b) => b.text())).toEqual(['Hang up'])
    expect(buttons[0]!.attributes('aria-label')).toBe('Hang up the parked call from Lis Holm')
    await buttons[0]!.trigger('click')
    await flushPromises()
    expect(bridge!.calls.find((c) => c.channel === 'call:hangupParked')?.arg).toEqual({
      accountId: 'demo',
      callId: 'P701',
    })
    expect(wrapper.find('[data-testid="parked-list"] [role="alert"]').text()).toBe(
      'That did not work: That is no longer there.',
    )
  })

  it('says so when no call is parked', async () => {
    const wrapper = await app([], ['calls', 'parked_calls'], {}, [])
    await wrapper.find('[data-screen="calls"]').trigger('click')
    expect(wrapper.find('[data-testid="parked-list"]').text()).toContain('No calls are parked.')
  })
})

describe('the transfer destination', () => {
  it('suggests colleagues as you type, free ones first, and numbers from the phone book', async () => {
    const presence = [
      { accountId: 'demo', extension: '202', name: 'Bo Berg', state: 'busy' as const, since: 0 },
      {
        accountId: 'demo',
        extension: '203',
        name: 'Bodil Dam',
        state: 'available' as const,
        since: 0,
      },
      {
        accountId: 'demo',
        extension: '204',
        name: 'Anne Hansen',
        state: 'available' as const,
        since: 0,
      },
    ]
    bridge = installFakeBridge({
      'state:snapshot': {
        ok: true,
        data: snapshot({
          accounts: [account],
          capabilities: { demo: ['calls', 'transfer', 'contacts'] },
          calls: [call({ state: 'up' })],
          presence,
        }),
      },
      'app:info': {
        ok: true,
        data: { name: 'Switchboard', version: '1', platform: 'linux', shell: 'browser' },
      },
      'contacts:search': {
        ok: true,
        data: [
          {
            id: 'k1',
            accountId: 'demo',
            name: 'Bodo <b>Brand</b>',
            numbers: [{ label: 'mobile', number: '+4540404040' }],
          },
        ],
      },
    })
    const wrapper = mount(App, { global: { plugins: [createPinia(), createAppI18n('en')] } })
    await flushPromises()
    await wrapper.find('[data-screen="calls"]').trigger('click')
    await wrapper.find('[data-testid="call-card"] button').trigger('click')
    const input = wrapper.find('[data-testid="transfer-destination"]')
    const options = () =>
      wrapper
        .findAll('[data-testid="transfer-options"] option')
        .map((o) => [o.attributes('value'), o.text()])
    await input.setValue('bo')
    expect(options()).toEqual([
      ['203', 'Bodil Dam · Available'],
      ['202', 'Bo Berg · Busy'],
    ])
    expect(input.attributes('list')).toBe(wrapper.find('datalist').attributes('id'))
    await input.setValue('bod')
    vi.advanceTimersByTime(300)
    await flushPromises()
    expect(bridge.calls.find((c) => c.channel === 'contacts:search')?.arg).toEqual({
      accountId: 'demo',
      query: 'bod',
    })
    expect(options()).toEqual([
      ['203', 'Bodil Dam · Available'],
      ['+4540404040', 'Bodo <b>Brand</b> · mobile'],
    ])
    expect(wrapper.find('datalist b').exists()).toBe(false)
  })
})
