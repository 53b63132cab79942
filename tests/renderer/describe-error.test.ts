import { describe, expect, it } from 'vitest'
import { describeError } from '../../src/renderer/src/describe-error'
import { createAppI18n, locales, type Locale } from '../../src/renderer/src/i18n'
import { errorKinds, type AppErrorShape } from '../../src/shared/result'
import { parseDialable } from '../../src/shared/dialable'

function say(locale: Locale, error: AppErrorShape): string {
  const { t } = createAppI18n(locale).global
  return describeError(error, (key, params) => t(key, params ?? {}))
}

const english = /\b(the|is|not|was|could|only|number|that)\b/i

describe('errors in the agent’s language', () => {
  it('says a refused number in Danish and Russian, never main’s English', () => {
    const refused = parseDialable('+45 33 12 abc')
    if (refused.ok) throw new Error('accepted')
    const error: AppErrorShape = {
      kind: 'invalid_argument',
      message: refused.reason,
      code: refused.code,
    }
    expect(say('da', error)).toBe('Kun cifrene 0–9, et indledende +, * og # kan ringes op.')
    expect(say('ru', error)).toBe('Набрать можно только цифры 0–9, + в начале, * и #.')
    expect(say('en', error)).toBe('Only the digits 0–9, a leading +, * and # can be dialled.')
  })

  it('fills in the parameters: seconds to wait, the feature not offered', () => {
    expect(
      say('da', {
        kind: 'rate_limited',
        message: 'x',
        code: 'rate_limited',
        params: { seconds: 30 },
      }),
    ).toBe('Telefonsystemet beder Switchboard vente 30 s, før der prøves igen.')
    expect(
      say('ru', {
        kind: 'unsupported',
        message: 'x',
        code: 'not_offered',
        params: { feature: 'contacts' },
      }),
    ).toBe('Эта АТС не предоставляет: телефонная книга.')
  })

  it('says a read held back for calls as Switchboard’s own wait, not the PBX’s, in every language', () => {
    const error: AppErrorShape = {
      kind: 'rate_limited',
      message: 'The request budget is kept for calls; try again in 4 s.',
      code: 'budget.calls_first',
      params: { seconds: 4 },
    }
    expect(say('en', error)).toBe(
      'Switchboard is keeping its requests to the PBX for calls just now. Try again in 4 s.',
    )
    expect(say('da', error)).toBe(
      'Switchboard holder lige nu sine forespørgsler til telefonsystemet fri til opkald. Prøv igen om 4 s.',
    )
    expect(say('ru', error)).toBe(
      'Сейчас Switchboard бережёт запросы к АТС для звонков. Попробуйте снова через 4 с.',
    )
  })

  it('falls back to words by kind for a provider error without a code, in every language', () => {
    for (const locale of locales) {
      for (const kind of errorKinds) {
        const said = say(locale, { kind, message: 'Cannot reach the PBXCloud portal at x.' })
        expect(said).not.toContain('PBXCloud portal')
        expect(said).not.toBe(`errors.kind.${kind}`)
        if (locale !== 'en') expect(said).not.toMatch(english)
      }
    }
  })

  it('falls back to the kind for a code it has no words for', () => {
    expect(say('da', { kind: 'not_found', message: 'Gone.', code: 'something.new' })).toBe(
      'Det findes ikke længere.',
    )
    expect(
      say('ru', {
        kind: 'unsupported',
        message: 'x',
        code: 'not_offered',
        params: { feature: 'teleport' },
      }),
    ).toBe('Эта АТС этого не умеет.')
  })

  it('has Danish and Russian words for every refusal the number parser can give', () => {
    const inputs = [
      '',
      'abc',
      '1'.repeat(40),
      '+' + '1'.repeat(20),
      'ftp:1',
      'tel:1?x',
      'tel:1;foo=1',
    ]
    for (const input of inputs) {
      const refused = parseDialable(input, { defaultCountry: 'DK' })
      if (refused.ok) throw new Error(`accepted ${input}`)
      for (const locale of ['da', 'ru'] as const) {
        const said = say(locale, {
          kind: 'invalid_argument',
          message: refused.reason,
          code: refused.code,
          ...(refused.params ? { params: refused.params } : {}),
        })
        expect(said, `${input} in ${locale}`).not.toMatch(english)
        expect(said).not.toBe(say(locale, { kind: 'invalid_argument', message: '' }))
      }
    }
  })
})
