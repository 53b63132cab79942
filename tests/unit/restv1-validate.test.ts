import { describe, expect, it } from 'vitest'
import { RestV1Provider } from '../../src/main/providers/restv1'
import { pathId, restOrigin } from '../../src/main/providers/restv1/validate'
import { AppError, isAppError } from '../../src/shared/result'

function refusal(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    if (isAppError(error)) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('REST ver1.0 addresses and ids', () => {
  it('takes a bare https origin, with or without the documented /api/ver1.0', () => {
    expect(restOrigin('https://apiproxy.telphin.ru').href).toBe('https://apiproxy.telphin.ru/')
    expect(restOrigin(' https://pbx.example:8443/api/ver1.0/ ').href).toBe(
      'https://pbx.example:8443/',
    )
    expect(restOrigin('http://127.0.0.1:5000').href).toBe('http://127.0.0.1:5000/')
  })

  it.each([
    ['https://user:pw@pbx.example', 'invalid_argument.url_userinfo'],
    ['https://pbx.example/some/path', 'invalid_argument.url_path'],
    ['https://pbx.example/?client=1', 'invalid_argument.url_query'],
    ['https://pbx.example/#x', 'invalid_argument.url_query'],
    ['http://pbx.example', 'invalid_argument.url_scheme'],
    ['ftp://pbx.example', 'invalid_argument.url_scheme'],
    ['pbx.example', 'invalid_argument.url'],
  ])('refuses %s clearly (%s)', (host, code) => {
    const error = refusal(() => restOrigin(host))
    expect(error.kind).toBe('invalid_argument')
    expect(error.detail?.code).toBe(code)
    expect(error.message).not.toContain('pw')
  })

  it('takes digits for numeric ids and refuses anything that could change the path', () => {
    expect(pathId(' 4101 ', 'extension id')).toBe('4101')
    for (const bad of ['..', '41/01', '4101?x=1', '', 'abc', '4101#']) {
      expect(refusal(() => pathId(bad, 'extension id')).detail?.code).toBe('invalid_argument.id')
    }
  })

  it('a provider with a host that carries a password refuses at sign-in, before any request', async () => {
    const provider = new RestV1Provider(
      'a',
      { host: 'https://me:secret-pw@pbx.example', clientId: 'c', extensionId: '4101' },
      'secret-for-test',
    )
    await expect(provider.signIn()).rejects.toMatchObject({
      kind: 'invalid_argument',
      detail: { code: 'invalid_argument.url_userinfo' },
    })
    expect(provider.stats.requests).toBe(0)
  })

  it('an extension id that is not digits is refused before it reaches a URL', async () => {
    const provider = new RestV1Provider(
      'a',
      { host: 'https://pbx.example', clientId: 'c', extensionId: '../client/@me' },
      'secret-for-test',
    )
    await expect(provider.voicemails()).rejects.toMatchObject({ kind: 'invalid_argument' })
    expect(provider.stats.requests).toBe(0)
  })
})
