import { describe, expect, it } from 'vitest'
import { locales, messages, resolveLocale } from '../../src/renderer/src/i18n'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('translations', () => {
  it('have exactly the same keys in every language, none empty', () => {
    const english = keys(messages.en).sort()
    for (const locale of locales) {
      expect(keys(messages[locale]).sort()).toEqual(english)
      for (const key of english) {
        const text = key
          .split('.')
          .reduce<unknown>(
            (node, part) => (node as Record<string, unknown>)[part],
            messages[locale],
          )
        expect(typeof text === 'string' && text.trim().length > 0, `${locale}.${key}`).toBe(true)
      }
    }
  })

  it('follow the user, then the OS, then English', () => {
    expect(resolveLocale('ru', ['da-DK'])).toBe('ru')
    expect(resolveLocale('system', ['da-DK', 'en-US'])).toBe('da')
    expect(resolveLocale('system', ['fr-FR'])).toBe('en')
  })
})
