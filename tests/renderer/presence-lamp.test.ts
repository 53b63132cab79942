/** A presence lamp never tells its state by colour alone: every state has its own shape and words. */
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import PresenceLamp from '../../src/renderer/src/components/PresenceLamp.vue'
import { createAppI18n, locales } from '../../src/renderer/src/i18n'
import { presenceStates, type PresenceState } from '../../src/shared/model'

function lamp(
  state: PresenceState,
  options: { label?: boolean; locale?: (typeof locales)[number] } = {},
) {
  return mount(PresenceLamp, {
    props: { state, label: options.label ?? false },
    global: { plugins: [createAppI18n(options.locale ?? 'en')] },
  })
}

/** The drawing without anything that only sets colour, so two lamps that differ only in colour compare equal. */
function shape(state: PresenceState): string {
  const svg = lamp(state).get('svg')
  expect(svg.attributes('aria-hidden')).toBe('true')
  return svg.element.innerHTML
    .replace(/\s(class|style|fill|stroke)="[^"]*"/g, '')
    .replace(/<!--.*?-->/g, '')
}

describe('the presence lamp', () => {
  it('draws a different shape for every state', () => {
    const shapes = presenceStates.map((state) => shape(state))
    for (const drawn of shapes) expect(drawn).toMatch(/<(circle|rect|path|text|polygon)/)
    expect(new Set(shapes).size).toBe(presenceStates.length)
  })

  it('always carries the state in words, different for every state, in every language', () => {
    for (const locale of locales) {
      const words = presenceStates.map((state) => {
        const hidden = lamp(state, { locale })
        expect(hidden.find('.lamp__text').exists()).toBe(false)
        const spoken = hidden.get('.sr-only').text().trim()
        const shown = lamp(state, { locale, label: true })
        expect(shown.find('.sr-only').exists()).toBe(false)
        expect(shown.get('.lamp__text').text().trim()).toBe(spoken)
        expect(spoken.length).toBeGreaterThan(0)
        return spoken
      })
      expect(new Set(words).size, locale).toBe(presenceStates.length)
    }
  })

  it('names the state, not the colour', () => {
    expect(lamp('busy', { label: true }).get('.lamp__text').text()).toBe('Busy')
    expect(lamp('dnd').get('.sr-only').text()).toBe('Do not disturb')
  })
})
