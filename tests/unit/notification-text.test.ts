/**
 * Incoming-call notification text from untrusted caller data: no fake lines, no
 * direction tricks, bounded length, and no markup reaching a Linux notification server.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  capText,
  cleanText,
  escapeMarkup,
  incomingCallText,
  MAX_NAME_LENGTH,
} from '../../src/main/shell/notification-text'

const linux = { platform: 'linux' as const }
const mac = { platform: 'darwin' as const }

describe('incoming call text', () => {
  it('shows name as title and number and queue in the body', () => {
    expect(
      incomingCallText({ name: 'Ada Lovelace', number: '+45 33 12 34 56', queue: 'Sales' }, mac),
    ).toEqual({ title: 'Ada Lovelace', body: '+45 33 12 34 56 · via Sales' })
  })

  it('falls back to the number, then to words, when fields are missing', () => {
    expect(incomingCallText({ number: '201' }, mac)).toEqual({
      title: '201',
      body: 'Incoming call',
    })
    expect(incomingCallText({ name: '  ', number: null, queue: '\u202e' }, mac)).toEqual({
      title: 'Incoming call',
      body: 'Incoming call',
    })
    expect(
      incomingCallText(
        { queue: 'Support' },
        { ...mac, labels: { incomingCall: 'Opkald', via: 'via' } },
      ),
    ).toEqual({ title: 'Opkald', body: 'Opkald · via Support' })
  })

  it.each([
    [
      'markup in the queue',
      { number: '201', name: 'A', queue: '<img src=x onerror=alert(1)>' },
      '201 · via &lt;img src=x onerror=alert(1)&gt;',
    ],
    [
      'link markup in the number',
      { name: 'x', number: '<a href="https://evil.example">call</a>' },
      '&lt;a href=&quot;https://evil.example&quot;&gt;call&lt;/a&gt;',
    ],
    ['ampersand and quote', { name: 'x', number: "AT&T's line" }, 'AT&amp;T&#39;s line'],
  ])('escapes %s on Linux', (_label, call, body) => {
    const text = incomingCallText(call, linux)
    expect(text.body).toBe(body)
    expect(text.body).not.toMatch(/[<>"']/)
  })

  it('leaves the title as plain text (the spec does not read markup there)', () => {
    const text = incomingCallText({ name: '<b>Boss</b> & co', number: '1' }, linux)
    expect(text.title).toBe('<b>Boss</b> & co')
  })

  it('does not escape on macOS and Windows, where the text is shown literally', () => {
    expect(incomingCallText({ name: 'x', number: 'AT&T' }, mac).body).toBe('AT&T')
    expect(incomingCallText({ name: 'x', number: 'AT&T' }, { platform: 'win32' }).body).toBe('AT&T')
  })

  it('removes direction overrides and isolates', () => {
    const text = incomingCallText({ name: 'Bob \u202egnp.exe', number: '+45\u2066 112\u2069' }, mac)
    expect(text.title).toBe('Bob gnp.exe')
    expect(text.body).toBe('+45 112')
  })

  it('turns control characters and line breaks into single spaces', () => {
    const text = incomingCallText({ name: 'Eve\n\nBank: call back\r\n+1 900\u0000\u001b[31m' }, mac)
    expect(text.title).toBe('Eve Bank: call back +1 900 [31m')
    expect(cleanText('a\u2028b\u0085c')).toBe('a b c')
  })

  it('caps a 100 kB name quickly and keeps emoji whole', () => {
    const text = incomingCallText({ name: 'A'.repeat(100_000), number: '9'.repeat(100_000) }, linux)
    expect([...text.title]).toHaveLength(MAX_NAME_LENGTH)
    expect(text.title.endsWith('…')).toBe(true)
    expect(text.body.length).toBeLessThanOrEqual(40)

    const family = '👨‍👩‍👧‍👦'
    const capped = capText(family.repeat(100), 5)
    expect(capped).toBe(`${family.repeat(4)}…`)
    expect(capText('🇩🇰 Dansk', 20)).toBe('🇩🇰 Dansk')
  })

  it('keeps emoji and joiners intact', () => {
    expect(incomingCallText({ name: '📞 Ana 👩‍💻', number: '1' }, linux).title).toBe('📞 Ana 👩‍💻')
  })

  it('escapes all five markup characters', () => {
    expect(escapeMarkup(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;')
  })

  it('never lets markup, controls or overrides through, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string(), (name, queue) => {
        const text = incomingCallText({ name, number: name, queue }, linux)
        expect(text.body).not.toMatch(/[<>"']/)
        for (const part of [text.title, text.body]) {
          expect(part).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
          expect(part.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 1000 },
    )
  })
})
