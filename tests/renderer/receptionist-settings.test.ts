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

  it('keeps the polling intervals under Advanced, in seconds', async () => {
    const { wrapper, answers, sent } = await mountApp({ screen: 'settings' })
    const advanced = wrapper.find('[data-testid="prefs-advanced"]')
    expect(advanced.element.tagName).toBe('DETAILS')
    expect(advanced.find('summary').text()).toBe('Advanced')
    const during = advanced.findAll('label')[0]!
    expect(during.text()).toContain('(seconds)')
    expect((during.find('input').element as HTMLInputElement).value).toBe('1')
    answers['settings:set'] = { ok: true, data: { ...preferences, callsActiveMs: 2500 } }
    await during.find('input').setValue('2.5')
    expect(sent('settings:set')).toEqual([{ callsActiveMs: 2500 }])
  })
})
