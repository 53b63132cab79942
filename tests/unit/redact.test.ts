import { describe, expect, it } from 'vitest'
import {
  excerpt,
  redact,
  registeredSecretCount,
  registerRotatingSecret,
  registerSecret,
} from '../../src/shared/redact'

describe('redaction', () => {
  it('masks a registered secret wherever it appears, also URL-encoded', () => {
    registerSecret('p@ss/word+1')
    expect(redact('login with p@ss/word+1 failed')).toBe('login with [redacted] failed')
    expect(redact(`GET /x?q=${encodeURIComponent('p@ss/word+1')}`)).not.toContain('word')
  })

  it('masks credentials by shape even when they were never registered', () => {
    const line =
      'GET https://pbx.example/proxyapi.php?reqtype=BLFS&key=abc123def&tenant=DEMO Authorization: Bearer eyJhbGci {"client_secret":"s3cr3t","x":1} https://bob:hunter2@host/'
    const out = redact(line)
    for (const secret of ['abc123def', 'eyJhbGci', 's3cr3t', 'hunter2'])
      expect(out).not.toContain(secret)
    expect(out).toContain('tenant=DEMO')
    expect(out).toContain('reqtype=BLFS')
  })

  it('masks a registered secret form-encoded and JSON-escaped too', () => {
    const secret = 'Fj "q\\ z!(x)'
    registerSecret(secret)
    const form = new URLSearchParams({ apikey2: secret }).toString()
    expect(redact(`POST body ${form}`)).not.toContain('Fj')
    expect(redact(JSON.stringify({ p: secret }))).not.toContain('Fj')
    expect(redact(JSON.stringify(JSON.stringify({ p: secret })))).not.toContain('Fj')
  })

  it('masks a short secret (under 4 characters) as a whole token, not inside words', () => {
    registerSecret('7q!')
    expect(redact('pin 7q! refused')).toBe('pin [redacted] refused')
    expect(redact(`x=${encodeURIComponent('7q!')}`)).toBe('x=[redacted]')
    registerSecret('ab')
    expect(redact('tab about ab')).toBe('tab about [redacted]')
  })

  it('masks credentials by shape in a form body and in JSON-escaped JSON', () => {
    expect(redact('key=k3y9&tenant=DEMO')).toBe('key=[redacted]&tenant=DEMO')
    expect(redact('sent client_id=a&client_secret=zz%2Fy')).not.toContain('zz')
    expect(redact('{"password":"a\\"b c"}')).toBe('{"password":"[redacted]"}')
    const nested = JSON.stringify(JSON.stringify({ client_secret: 'n3st' }))
    expect(redact(nested)).not.toContain('n3st')
  })

  it('forgets a rotated token, so a long run does not keep every one', () => {
    const before = registeredSecretCount()
    for (let n = 0; n < 50; n++) registerRotatingSecret('restv1-token:a', `token-value-${n}`)
    expect(registeredSecretCount()).toBe(before + 1)
    expect(redact('Bearer-less token-value-49')).toBe('Bearer-less [redacted]')
    expect(redact('old token-value-48')).toBe('old token-value-48')
    registerRotatingSecret('restv1-token:a', null)
    expect(registeredSecretCount()).toBe(before)
  })

  it('makes short single-line excerpts of untrusted bodies', () => {
    expect(excerpt('<html>\n<body>Bad gateway</body></html>', 20)).toBe('<html> <body>Bad gat…')
  })
})
