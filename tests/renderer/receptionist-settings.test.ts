import { afterEach, describe, expect, it } from 'vitest'
import { mountApp, preferences, removeBridge } from './screen-harness'

afterEach(removeBridge)

const crm = async (screenPopUrl: string) => {
  const { wrapper } = await mountApp({
    answers: { 'settings:get': { ok: true, data: { ...preferences, screenPopUrl } } },
    screen: 'settings',
  })
  return wrapper.find('[data-testid="screen-pop-settings"]')
}

describe('the CRM page setting, for a receptionist', () => {
  it('offers no "Remove the CRM page" when none is set', async () => {
    const box = await crm('')
    expect(box.findAll('button').map((b) => b.text())).not.toContain('Remove the CRM page')
  })

  it('offers to remove a page that is set, once the field is emptied', async () => {
    const box = await crm('https://crm.example.com/find?phone={number}')
    await box.find('input').setValue('')
    expect(box.findAll('button').map((b) => b.text())).toContain('Remove the CRM page')
  })

  it('shows the example as help, not as a placeholder that reads as a value', async () => {
    const box = await crm('')
    expect(box.find('input').attributes('placeholder')).toBeUndefined()
    expect(box.find('#screen-pop-example').text()).toBe(
      'For example: https://crm.example.com/find?phone={number}',
    )
  })
})
