import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { acceleratorOf, describeAccelerator } from '../../src/renderer/src/shortcut-keys'
import { countryOptions } from '../../src/renderer/src/countries'
import { button, mountApp, preferences, removeBridge } from './screen-harness'

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

describe('the dial shortcut, recorded by pressing it', () => {
  const keys = { ctrlKey: false, altKey: false, shiftKey: false, metaKey: false }

  it('shows the shortcut as the keyboard names it, not as an accelerator string', async () => {
    const { wrapper } = await mountApp({ screen: 'settings' })
    expect(wrapper.find('[data-testid="shortcut-current"]').text()).toBe('Ctrl+Shift+D')
    expect(wrapper.text()).not.toContain('CommandOrControl')
  })

  it('records the keys pressed and sends them to main', async () => {
    const { wrapper, answers, sent } = await mountApp({ screen: 'settings' })
    answers['settings:set'] = {
      ok: true,
      data: { ...preferences, dialShortcut: 'CommandOrControl+Alt+K' },
    }
    await button(wrapper, 'Record a new shortcut').trigger('click')
    const field = wrapper.find('[data-testid="shortcut-field"]')
    expect(field.text()).toBe('Press the keys now (Esc keeps the old one)')
    await field.trigger('keydown', { key: 'Control', code: 'ControlLeft', ctrlKey: true })
    await field.trigger('keydown', { key: 'k', code: 'KeyK', ctrlKey: true, altKey: true })
    await flushPromises()
    expect(sent('settings:set')).toEqual([{ dialShortcut: 'CommandOrControl+Alt+K' }])
    expect(wrapper.find('[data-testid="shortcut-current"]').text()).toBe('Ctrl+Alt+K')
  })

  it('refuses a key without Ctrl or Alt, says why, and sends nothing', async () => {
    const { wrapper, sent } = await mountApp({ screen: 'settings' })
    await button(wrapper, 'Record a new shortcut').trigger('click')
    const field = wrapper.find('[data-testid="shortcut-field"]')
    await field.trigger('keydown', { key: 'D', code: 'KeyD', shiftKey: true })
    expect(wrapper.find('[data-testid="shortcut-recorder"] [role="alert"]').text()).toContain(
      'Hold Ctrl, Alt or both with the key',
    )
    await field.trigger('keydown', { key: 'Escape', code: 'Escape' })
    expect(wrapper.find('[data-testid="shortcut-current"]').text()).toBe('Ctrl+Shift+D')
    expect(sent('settings:set')).toEqual([])
  })

  it('names keys by their place on the keyboard, on macOS with Cmd', () => {
    expect(acceleratorOf({ ...keys, key: 'å', code: 'KeyA', metaKey: true }, true)).toEqual({
      ok: true,
      accelerator: 'CommandOrControl+A',
    })
    expect(acceleratorOf({ ...keys, key: 'F5', code: 'F5', altKey: true }, false)).toEqual({
      ok: true,
      accelerator: 'Alt+F5',
    })
    expect(
      acceleratorOf({ ...keys, key: 'ArrowUp', code: 'ArrowUp', ctrlKey: true }, false),
    ).toEqual({ ok: false, reason: 'unsupportedKey' })
    expect(describeAccelerator('CommandOrControl+Shift+D', true)).toBe('Cmd+Shift+D')
  })
})

describe('the default country, picked by name', () => {
  it('lists countries by name in the chosen language, with calling codes', async () => {
    const { wrapper, answers, sent } = await mountApp({ screen: 'settings' })
    const picker = wrapper.find('[data-testid="country-picker"]')
    expect((picker.element as HTMLSelectElement).value).toBe('DK')
    const denmark = picker.findAll('option').find((o) => o.attributes('value') === 'DK')
    expect(denmark?.text()).toBe('Denmark (+45)')
    expect(picker.findAll('option').length).toBeGreaterThan(200)

    answers['settings:set'] = { ok: true, data: { ...preferences, defaultCountry: 'SE' } }
    await picker.setValue('SE')
    await flushPromises()
    expect(sent('settings:set')).toEqual([{ defaultCountry: 'SE' }])
  })

  it('names the countries in Danish and Russian', () => {
    const name = (locale: string, code: string) =>
      countryOptions(locale).find((o) => o.code === code)?.name
    expect(name('da', 'DE')).toBe('Tyskland')
    expect(name('ru', 'DK')).toBe('Дания')
    expect(countryOptions('en').find((o) => o.code === 'RU')?.callingCode).toBe('+7')
  })
})
