import { enableAutoUnmount, flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { button, mountApp, removeBridge } from './screen-harness'

enableAutoUnmount(afterEach)
afterEach(() => removeBridge())

describe('Restart to update', () => {
  it('is offered when main says an update was downloaded', async () => {
    const { wrapper, bridge, answers, sent } = await mountApp()
    expect(wrapper.find('[data-testid="update-banner"]').exists()).toBe(false)
    bridge.push('update:ready', { version: '1.5.0' })
    await flushPromises()
    expect(wrapper.find('[data-testid="update-banner"]').text()).toContain(
      'Switchboard 1.5.0 is ready.',
    )
    answers['update:restart'] = { ok: true, data: { answer: 'restarting' } }
    await button(wrapper, 'Restart to update').trigger('click')
    expect(sent('update:restart')).toHaveLength(1)
  })

  it('is shown in a window opened after the download', async () => {
    const { wrapper } = await mountApp({
      answers: { 'update:status': { ok: true, data: { version: '2.0.0' } } },
    })
    expect(wrapper.find('[data-testid="update-banner"]').text()).toContain('2.0.0')
  })

  it('says the restart waits for the call to end when one is up', async () => {
    const { wrapper } = await mountApp({
      answers: {
        'update:status': { ok: true, data: { version: '1.5.0' } },
        'update:restart': { ok: true, data: { answer: 'after-call' } },
      },
    })
    await button(wrapper, 'Restart to update').trigger('click')
    await flushPromises()
    const banner = wrapper.find('[data-testid="update-banner"]')
    expect(banner.text()).toBe('Switchboard will restart to update when your call ends.')
    expect(banner.find('button').exists()).toBe(false)
  })
})
