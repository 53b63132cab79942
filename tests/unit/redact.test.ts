import { describe, expect, it } from 'vitest'
import { excerpt, redact, registerSecret } from '../../src/shared/redact'

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

  it('makes short single-line excerpts of untrusted bodies', () => {
    expect(excerpt('<html>\n<body>Bad gateway</body></html>', 20)).toBe('<html> <body>Bad gat…')
  })
})
