/**
 * The agent's call flow in the window: a call the agent places never pops up as
 * incoming, a PBX that cannot answer from the app says so, a transfer says where
 * it stands until the PBX confirms, and two accounts never mix up their calls.
 */
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { TRANSFER_CONFIRM_MS } from '../../src/renderer/src/stores/calls'
import { T0, app, buttonsOf, call, demo, fakeBridge, other } from './call-flow-harness'

describe('a call the agent places', () => {
  it('calling a colleague gives no popup, and the card says Calling… with Hang up only', async () => {
    const own = call({
      direction: 'internal',
      placedBy: 'agent',
      remote: { number: '203', name: 'Bodil Dam' },
    })
    const wrapper = await app([own], ['calls', 'hangup', 'pickup', 'hold', 'transfer'])
    expect(wrapper.find('[data-testid="incoming-call"]').exists()).toBe(false)
    await wrapper.find('[data-screen="calls"]').trigger('click')
    const card = wrapper.find('[data-testid="call-card"]')
    expect(card.find('[data-testid="call-calling"]').text()).toBe('Calling…')
    expect(buttonsOf(card)).toEqual(['Hang up'])
  })

  it('a colleague calling the agent does pop up, with Pick up', async () => {
    const theirs = call({
      direction: 'internal',
      placedBy: 'colleague',
      remote: { number: '203', name: 'Bodil Dam' },
    })
    const wrapper = await app([theirs], ['calls', 'hangup', 'pickup'])
    const popup = wrapper.find('[data-testid="incoming-call"]')
    expect(popup.text()).toContain('Bodil Dam')
    expect(popup.text()).toContain('Pick up')
  })
})

describe('a PBX that cannot answer from the app', () => {
  it('says “answer on your phone” on the popup and on the ringing card', async () => {
    const wrapper = await app([call()], ['calls', 'hangup'])
    const hint = 'Answer on your phone: this PBX cannot answer from the app'
    expect(
      wrapper.find('[data-testid="incoming-call"] [data-testid="answer-on-phone"]').text(),
    ).toBe(hint)
    await wrapper.find('[data-screen="calls"]').trigger('click')
    expect(wrapper.find('[data-testid="call-card"] [data-testid="answer-on-phone"]').text()).toBe(
      hint,
    )
  })

  it('says nothing of the kind where the app can answer', async () => {
    const wrapper = await app([call()], ['calls', 'hangup', 'pickup'])
    expect(wrapper.find('[data-testid="answer-on-phone"]').exists()).toBe(false)
  })
})

describe('two accounts with the same call id', () => {
  it('keep their popups apart: dismissing one leaves the other', async () => {
    const a = call()
    const b = call({ accountId: 'other', remote: { number: '+4599', name: 'Other caller' } })
    const wrapper = await app([a, b], ['calls'], {}, [demo, other])
    expect(wrapper.findAll('[data-testid="incoming-call"]')).toHaveLength(2)
    const first = wrapper.findAll('[data-testid="incoming-call"]')[0]!
    await first
      .findAll('button')
      .find((x) => x.text() === 'Dismiss')!
      .trigger('click')
    const left = wrapper.findAll('[data-testid="incoming-call"]')
    expect(left).toHaveLength(1)
    expect(left[0]!.text()).toContain('Other caller')
  })

  it('keep their failures apart: one account’s failed hang-up is not shown on the other’s call', async () => {
    const a = call({ state: 'up' })
    const b = call({
      accountId: 'other',
      state: 'up',
      remote: { number: '+4599', name: 'Other caller' },
    })
    const wrapper = await app(
      [a, b],
      ['calls', 'hangup'],
      {
        'call:hangup': { ok: false, error: { kind: 'network', message: 'Cannot reach the PBX.' } },
      },
      [demo, other],
    )
    await wrapper.find('[data-screen="calls"]').trigger('click')
    const cards = wrapper.findAll('[data-testid="call-card"]')
    await cards[0]!.find('.button--danger').trigger('click')
    await flushPromises()
    const after = wrapper.findAll('[data-testid="call-card"]')
    expect(after[0]!.find('[role="alert"]').exists()).toBe(true)
    expect(after[1]!.find('[role="alert"]').exists()).toBe(false)
  })
})

describe('a blind transfer', () => {
  async function transferTo(extension: string) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 })
    const wrapper = await app([call({ state: 'up' })], ['calls', 'hangup', 'transfer'], {
      'call:transfer': { ok: true, data: null },
    })
    await wrapper.find('[data-screen="calls"]').trigger('click')
    await wrapper.find('[data-testid="call-card"] button').trigger('click')
    await wrapper.find('[data-testid="transfer-destination"]').setValue(extension)
    await wrapper.find('.call__transfer').trigger('submit')
    await flushPromises()
    return wrapper
  }

  it('says “Transferring to …” with every button off until the call leaves, then says it is done', async () => {
    const wrapper = await transferTo('203')
    const card = wrapper.find('[data-testid="call-card"]')
    expect(card.find('[role="status"]').text()).toBe('Transferring to Bodil Dam…')
    const buttons = card.findAll('.call__actions button')
    expect(buttons.length).toBeGreaterThan(0)
    expect(buttons.every((b) => b.attributes('disabled') !== undefined)).toBe(true)
    fakeBridge().push('calls:changed', { accountId: 'demo', calls: [] })
    await flushPromises()
    expect(wrapper.find('[data-testid="call-card"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Transferred to Bodil Dam.')
  })

  it('says the PBX did not confirm it when the call stays, and gives the buttons back', async () => {
    const wrapper = await transferTo('203')
    fakeBridge().push('calls:changed', { accountId: 'demo', calls: [call({ state: 'up' })] })
    await flushPromises()
    expect(wrapper.find('[data-testid="call-card"] [role="status"]').text()).toBe(
      'Transferring to Bodil Dam…',
    )
    vi.advanceTimersByTime(TRANSFER_CONFIRM_MS)
    await flushPromises()
    const card = wrapper.find('[data-testid="call-card"]')
    expect(card.find('[role="alert"]').text()).toBe(
      'The PBX did not confirm the transfer to Bodil Dam: the call is still yours.',
    )
    expect(
      card.findAll('.call__actions button').every((b) => b.attributes('disabled') === undefined),
    ).toBe(true)
  })
})
