import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { createAppI18n } from '../../src/renderer/src/i18n'
import type { AccountSummary } from '../../src/shared/model'
import { button, mountApp, office, removeBridge } from './screen-harness'

afterEach(removeBridge)

const demo: AccountSummary = {
  id: 'demo',
  dialect: 'pbxcloud',
  displayName: 'Demo office',
  ownExtension: '201',
  demo: true,
}

describe('the first run, on the demo office', () => {
  it('says on every screen that the calls are simulated, and leads to the account form', async () => {
    const { wrapper } = await mountApp({ accounts: [demo], capabilities: ['presence', 'calls'] })
    const banner = wrapper.find('[data-testid="demo-banner"]')
    expect(banner.text()).toContain('Demo office — simulated calls')
    // Two sentences, read as two: never "calls.Nothing here…".
    expect(banner.find('p').element.textContent).toMatch(/calls\. Nothing here/)
    await wrapper.find('nav [data-screen="calls"]').trigger('click')
    expect(wrapper.find('[data-testid="demo-banner"]').exists()).toBe(true)

    await button(wrapper.find('[data-testid="demo-banner"]'), 'Connect your PBX').trigger('click')
    await flushPromises()
    expect(wrapper.find('h1').text()).toBe('Settings')
    const form = wrapper.find('[data-testid="account-form"]')
    expect(form.exists()).toBe(true)
    // A short help per dialect: where the key, the tenant code, the client id are.
    expect(form.find('[data-testid="dialect-help"]').text()).toContain('tenant code')
    await form.find('select').setValue('restv1')
    expect(form.find('[data-testid="dialect-help"]').text()).toContain('client id')
    await form.find('select').setValue('jade')
    expect(form.find('[data-testid="dialect-help"]').text()).toContain('jade user name')
  })

  it('shows no banner once a real PBX is connected', async () => {
    const { wrapper } = await mountApp({ accounts: [office], capabilities: ['presence'] })
    expect(wrapper.find('[data-testid="demo-banner"]').exists()).toBe(false)
  })

  it('names the demo office from the window’s own words, so it can be said in Danish or Russian', async () => {
    const { wrapper } = await mountApp({ accounts: [{ ...demo, displayName: 'Main says this' }] })
    expect(wrapper.find('[data-testid="status-bar"]').text()).toContain('Demo office')
    expect(wrapper.find('[data-testid="status-bar"]').text()).not.toContain('Main says')
    expect(createAppI18n('da').global.t('firstRun.demoName')).toBe('Demokontor')
    expect(createAppI18n('ru').global.t('firstRun.demoName')).toBe('Демо-офис')
  })
})
