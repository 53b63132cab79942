import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import App from '../../src/renderer/src/App.vue'
import { createAppI18n } from '../../src/renderer/src/i18n'
import type { Result } from '../../src/shared/result'
import type { Call, Capability } from '../../src/shared/model'
import { installFakeBridge, snapshot } from './fake-bridge'

const account = {
  id: 'demo',
  dialect: 'pbxcloud' as const,
  displayName: 'Demo office',
  ownExtension: '201',
  demo: true,
}

function call(parts: Partial<Call> = {}): Call {
  return {
    id: 'L1',
    accountId: 'demo',
    direction: 'inbound',
    state: 'ringing',
    local: { number: '201' },
    remote: { number: '+4520304050', name: 'Alice Jensen' },
    queue: 'Support',
    startedAt: Date.now() - 4000,
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
) {
  bridge = installFakeBridge({
    'state:snapshot': {
      ok: true,
      data: snapshot({ accounts: [account], capabilities: { demo: capabilities }, calls }),
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
    expect(popup.text()).toMatch(/ringing for 0:0[3-5]/)
    expect(popup.attributes('aria-live')).toBe('assertive')
    expect(popup.text()).toContain('Pick up')
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
    expect(wrapper.find('[role="alert"]').text()).toBe('That did not work: Cannot reach the PBX.')
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
