/**
 * Host settings are URLs held to what they are for: a secret only travels over
 * TLS (plain http only on this computer), and nothing in the setting can change
 * where or how every request goes.
 */
import { describe, expect, it } from 'vitest'
import { accountConfigSchema } from '../../src/shared/account-config'
import { urlProblem } from '../../src/shared/connection-url'
import { createDispatcher, type Handlers } from '../../src/main/core/app/dispatch'
import { memoryLogger } from '../../src/main/log'

const http = { kind: 'http', path: true } as const
const origin = { kind: 'http', path: false } as const
const ws = { kind: 'ws', path: true } as const

describe('host settings', () => {
  it('accepts https anywhere and http only on this computer', () => {
    expect(urlProblem('https://pbx.example.com/pbx/proxyapi.php', http)).toBeUndefined()
    expect(urlProblem('http://127.0.0.1:4399/pbx/proxyapi.php', http)).toBeUndefined()
    expect(urlProblem('http://localhost:8081', http)).toBeUndefined()
    expect(urlProblem('http://[::1]:8081', http)).toBeUndefined()
    expect(urlProblem('http://pbx.example.com/pbx/proxyapi.php', http)).toBe(
      'invalid_argument.url_scheme',
    )
    expect(urlProblem('http://127.0.0.1.evil.example/', http)).toBe('invalid_argument.url_scheme')
    expect(urlProblem('javascript:alert(1)', http)).toBe('invalid_argument.url_scheme')
    expect(urlProblem('not a url', http)).toBe('invalid_argument.url')
  })

  it('accepts wss anywhere and ws only on this computer for the event socket', () => {
    expect(urlProblem('wss://pbx.example.com:8083/', ws)).toBeUndefined()
    expect(urlProblem('ws://127.0.0.1:8083/', ws)).toBeUndefined()
    expect(urlProblem('ws://pbx.example.com:8083/', ws)).toBe('invalid_argument.url_scheme')
    expect(urlProblem('https://pbx.example.com/', ws)).toBe('invalid_argument.url_scheme')
  })

  it('refuses a user name or password, a query, a fragment, and a path where none belongs', () => {
    expect(urlProblem('https://me:pw@pbx.example.com/', http)).toBe('invalid_argument.url_userinfo')
    expect(urlProblem('https://@pbx.example.com/', http)).toBe('invalid_argument.url_userinfo')
    expect(urlProblem('https://pbx.example.com/?x=1', http)).toBe('invalid_argument.url_query')
    expect(urlProblem('https://pbx.example.com/?', http)).toBe('invalid_argument.url_query')
    expect(urlProblem('https://pbx.example.com/#x', http)).toBe('invalid_argument.url_fragment')
    expect(urlProblem('https://apiproxy.telphin.ru/api', origin)).toBe('invalid_argument.url_path')
    expect(urlProblem('https://apiproxy.telphin.ru', origin)).toBeUndefined()
    expect(urlProblem('https://apiproxy.telphin.ru/', origin)).toBeUndefined()
  })

  it('applies the rules to every dialect', () => {
    const common = { id: 'a', displayName: 'A', ownExtension: '201' }
    const bad = [
      { ...common, dialect: 'pbxcloud', tenant: 'T', baseUrl: 'http://pbx.example.com/p.php' },
      { ...common, dialect: 'restv1', clientId: 'c', host: 'https://h.example.com/x?y' },
      { ...common, dialect: 'jade', username: 'u', baseUrl: 'https://u:p@h.example.com:8081' },
      {
        ...common,
        dialect: 'jade',
        username: 'u',
        baseUrl: 'https://h.example.com:8081',
        wsUrl: 'ws://h.example.com:8083/',
      },
    ]
    for (const config of bad) expect(accountConfigSchema.safeParse(config).success).toBe(false)
  })
})

describe('a refused host setting over the request channel', () => {
  it('says what is wrong in words and with a code, without echoing the address', async () => {
    const handlers = { 'accounts:save': () => [] } as unknown as Handlers
    const dispatch = createDispatcher(handlers, memoryLogger())
    const result = await dispatch('accounts:save', {
      config: {
        id: 'a',
        dialect: 'restv1',
        displayName: 'A',
        clientId: 'c',
        host: 'https://user:hunter2@apiproxy.telphin.ru',
      },
      secret: 's',
    })
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid_argument',
        code: 'invalid_argument.url_userinfo',
        params: { field: 'config.host' },
      },
    })
    const message = result.ok ? '' : result.error.message
    expect(message).toContain('must not contain a user name or password')
    expect(message).not.toContain('hunter2')
    expect(message).not.toContain('[invalid_argument')
  })
})
