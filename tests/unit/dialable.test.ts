/**
 * The gate between untrusted phone links and the PBX: good numbers come out
 * normalised, everything else is refused in words, and nothing throws or hangs.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  dialRefused,
  hasDialScheme,
  MAX_INPUT_LENGTH,
  parseDialable,
  parseDialLink,
  type Dialable,
} from '../../src/shared/dialable'

const dk = { defaultCountry: 'DK' }

function accepted(result: Dialable): Extract<Dialable, { ok: true }> {
  if (!result.ok) throw new Error(`refused: ${result.reason}`)
  return result
}

describe('good links and numbers', () => {
  it.each([
    ['tel:+4533123456', '+4533123456', '+4533123456'],
    ['TEL:+45 33 12 34 56', '+4533123456', '+4533123456'],
    ['tel:+45-33-12-34-56', '+4533123456', '+4533123456'],
    ['tel:+1 (650) 253-0000', '+16502530000', '+16502530000'],
    ['tel:+1.650.253.0000', '+16502530000', '+16502530000'],
    ['callto:+4533123456', '+4533123456', '+4533123456'],
    ['callto://+4533123456', '+4533123456', '+4533123456'],
    ['CallTo://33 12 34 56', '33123456', '+4533123456'],
    ['tel://33123456', '33123456', '+4533123456'],
    ['tel:0045 33 12 34 56', '004533123456', '+4533123456'],
    ['tel:%2B4533123456', '+4533123456', '+4533123456'],
    ['tel:33%2012%2034%2056', '33123456', '+4533123456'],
    ['sip:+4533123456@pbx.example.com', '+4533123456', '+4533123456'],
    ['sip:33123456@pbx.example.com;transport=tls', '33123456', '+4533123456'],
    ['sip:+4533123456@[2001:db8::1]:5061', '+4533123456', '+4533123456'],
    ['SIP:+4533123456@10.0.0.1', '+4533123456', '+4533123456'],
    ['tel:33123456;phone-context=+45', '+4533123456', '+4533123456'],
    ['+45 33 12 34 56', '+4533123456', '+4533123456'],
    ['33 12 34 56', '33123456', '+4533123456'],
    ['tel:+45\u00a033\u00a012\u00a034\u00a056', '+4533123456', '+4533123456'],
    ['tel:+4533/123456', '+4533123456', '+4533123456'],
  ])('%s → %s', (input, number, e164) => {
    const result = accepted(parseDialable(input, dk))
    expect(result.number).toBe(number)
    expect(result.e164).toBe(e164)
  })

  it.each([
    ['tel:201', '201'],
    ['201', '201'],
    ['sip:201@pbx.example.com', '201'],
    ['sip:201', '201'],
    ['tel:*901', '*901'],
    ['*901', '*901'],
    ['tel:*72%23', '*72#'],
    ['#31#33123456', '#31#33123456'],
    ['tel:112', '112'],
    ['tel:2001;phone-context=pbx.example.com', '2001'],
  ])('keeps the short or coded number %s as %s, without E.164', (input, number) => {
    const result = accepted(parseDialable(input, dk))
    expect(result.number).toBe(number)
    expect(result.display).toBe(number)
    expect(result.e164).toBeUndefined()
  })

  it('takes an extension from ;ext=', () => {
    const result = accepted(parseDialLink('tel:+45-33-12-34-56;ext=201', dk))
    expect(result).toEqual({
      ok: true,
      number: '+4533123456',
      e164: '+4533123456',
      extension: '201',
      display: '+45 33 12 34 56 ext. 201',
    })
    expect(accepted(parseDialLink('tel:201;EXT=12', dk)).extension).toBe('12')
  })

  it('reads national numbers with the default country', () => {
    expect(accepted(parseDialable('(650) 253-0000', { defaultCountry: 'US' })).e164).toBe(
      '+16502530000',
    )
    expect(accepted(parseDialable('33123456', { defaultCountry: 'zz' })).e164).toBeUndefined()
  })

  it('knows which texts carry an accepted scheme', () => {
    expect(hasDialScheme('tel:1')).toBe(true)
    expect(hasDialScheme('CALLTO:1')).toBe(true)
    expect(hasDialScheme('sip:1@x')).toBe(true)
    expect(hasDialScheme('sips:1@x')).toBe(false)
    expect(hasDialScheme('https://x')).toBe(false)
    expect(hasDialScheme('--tel:1')).toBe(false)
  })
})

describe('hostile and malformed input is refused with a reason', () => {
  const long = `tel:+45${'1'.repeat(100_000)}`
  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['other scheme', 'https://evil.example/?tel=1'],
    ['javascript', 'javascript:alert(1)'],
    ['file', 'file:///etc/passwd'],
    ['sips is not accepted', 'sips:201@pbx.example.com'],
    ['flag as number', 'tel:--inspect'],
    ['flag with value', 'tel:--inspect=0.0.0.0:9229'],
    ['flag after number', 'tel:123 --flag'],
    ['encoded flag after number', 'tel:123%20--remote-debugging-port=9222'],
    ['encoded newline', 'tel:%0a'],
    ['newline and flag', 'tel:123%0a--inspect'],
    ['raw newline', 'tel:123\n--inspect'],
    ['NUL', 'tel:123%00456'],
    ['carriage return', 'tel:123\r456'],
    ['tab', 'tel:123\t456'],
    ['broken percent', 'tel:%E0%A4%A'],
    ['lone percent', 'tel:12%'],
    ['double encoding', 'tel:%2531%2532%2533'],
    ['query part', 'tel:123?body=x'],
    ['fragment-ish letters', 'tel:123abc'],
    ['arabic-indic digits', 'tel:\u0661\u0662\u0663'],
    ['fullwidth digits', 'tel:\uff11\uff12\uff13'],
    ['fullwidth plus', 'tel:\uff0b4533123456'],
    ['RTL override', 'tel:+45\u202e33123456'],
    ['encoded RTL override', 'tel:+45%E2%80%AE33123456'],
    ['bidi isolate', '\u2066+4533123456\u2069'],
    ['zero-width space', 'tel:33\u200b123456'],
    ['plus in the middle', 'tel:45+33123456'],
    ['two pluses', 'tel:++4533123456'],
    ['too many digits', `tel:${'1'.repeat(33)}`],
    ['international too long', `tel:+${'1'.repeat(16)}`],
    ['100 kB', long],
    ['just over the cap', `tel:${'1'.repeat(MAX_INPUT_LENGTH)}`],
    ['unknown parameter', 'tel:+4533123456;isub=1234'],
    ['hostile parameter', 'tel:+4533123456;<script>=1'],
    ['extension with letters', 'tel:+4533123456;ext=12a'],
    ['empty extension', 'tel:+4533123456;ext='],
    ['two extensions', 'tel:+4533123456;ext=1;ext=2'],
    ['bad phone-context', 'tel:33123456;phone-context=--inspect'],
    ['sip name, not number', 'sip:alice@pbx.example.com'],
    ['sip with password', 'sip:201:secret@pbx.example.com'],
    ['sip bad host', 'sip:201@pbx example.com'],
    ['sip injection host', 'sip:201@--inspect'],
    ['sip empty user', 'sip:@pbx.example.com'],
    ['no number', 'tel:'],
    ['only separators', 'tel:-- ..'],
    ['callto with path', 'callto://evil.example/x'],
  ])('%s', (_label, input) => {
    const result = parseDialable(input, dk)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.reason.length).toBeGreaterThan(5)
      expect(result.reason).toMatch(/^[A-Z]/)
      expect(result.reason).not.toMatch(/[\u0000-\u001f\u202e]/)
    }
  })

  it('refuses non-strings', () => {
    for (const value of [undefined, null, 42, {}, ['tel:1'], Symbol('x')]) {
      expect(parseDialable(value).ok).toBe(false)
      expect(parseDialLink(value).ok).toBe(false)
    }
  })

  it('parseDialLink refuses a bare number: a command-line argument must be a link', () => {
    expect(parseDialLink('33123456')).toEqual({
      ok: false,
      reason: 'This is not a tel:, callto: or sip: link.',
      code: 'dial.not_a_link',
    })
  })

  it('does not echo hostile parameter names', () => {
    const result = parseDialable('tel:1;<img src=x>=1')
    expect(result).toEqual({
      ok: false,
      reason: 'The link parameter is not supported.',
      code: 'dial.parameter',
    })
  })

  it('gives every refusal a code and its numbers, for the window to say it in the agent’s language', () => {
    expect(parseDialable('+45 33 12 34 56 abc')).toMatchObject({
      ok: false,
      code: 'dial.bad_chars',
    })
    expect(parseDialable('1'.repeat(40))).toMatchObject({
      ok: false,
      code: 'dial.too_many_digits',
      params: { max: 32 },
    })
    const refused = parseDialable('')
    if (refused.ok) throw new Error('an empty number was accepted')
    expect(dialRefused(refused).toShape()).toEqual({
      kind: 'invalid_argument',
      message: 'No number was given.',
      code: 'dial.empty',
    })
  })
})

describe('fuzzing', () => {
  // No per-call timing (a GC pause on a loaded machine is not a bug); a parser that
  // hangs or backtracks badly blows the test's own timeout instead.
  const check = (input: string): void => {
    const result = parseDialable(input, dk)
    if (result.ok) {
      // Whatever comes out is only ever dialable symbols.
      expect(result.number).toMatch(/^\+?[0-9*#]{1,32}$/)
      if (result.e164) expect(result.e164).toMatch(/^\+[0-9]{1,15}$/)
      if (result.extension) expect(result.extension).toMatch(/^[0-9]{1,10}$/)
    } else {
      expect(typeof result.reason).toBe('string')
    }
  }

  it('always answers with a value or a refusal, quickly, for any string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400, unit: 'binary' }), check), {
      numRuns: 3000,
    })
  })

  it('survives link-shaped garbage', () => {
    const scheme = fc.constantFrom('tel:', 'TEL:', 'callto:', 'callto://', 'sip:', 'tel://', 'x:')
    const piece = fc.constantFrom(
      '+',
      '0',
      '9',
      '*',
      '#',
      ' ',
      '-',
      '.',
      '(',
      ')',
      '/',
      ';',
      '=',
      'ext',
      'phone-context',
      '%',
      '%2',
      '%20',
      '%0a',
      '%E2%80%AE',
      '%25',
      '@',
      ':',
      '[',
      ']',
      '?',
      'a',
      '\u202e',
      '\u0661',
    )
    fc.assert(
      fc.property(scheme, fc.array(piece, { maxLength: 80 }), (s, parts) =>
        check(s + parts.join('')),
      ),
      { numRuns: 3000 },
    )
  })

  it('turns any number it accepts into the same number when parsed again', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9]{1,15}$/), (digits) => {
        const first = parseDialable(`tel:${digits}`, dk)
        if (!first.ok) return
        const again = parseDialable(`tel:${first.number}`, dk)
        expect(again).toEqual(first)
      }),
    )
  })

  it('stays fast on very long input', () => {
    for (const input of [
      '1'.repeat(100_000),
      `tel:${'%'.repeat(1_000_000)}`,
      '\u202e'.repeat(1e5),
    ]) {
      expect(parseDialable(input).ok).toBe(false)
    }
    // A parser that read all of a megabyte-long link would blow this test's timeout.
  }, 5000)
})
