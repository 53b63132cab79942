/**
 * PBXCloud requests are built safely: the API address is refused with a clear
 * message when it carries a user name, password, query or fragment; every value
 * stays one parameter; ids are checked before anything is sent.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { apiUrl } from '../../src/main/providers/pbxcloud/client'
import { PbxCloudProvider } from '../../src/main/providers/pbxcloud'
import { AppError } from '../../src/shared/result'
import { startWireServer, type WireServer } from '../support/wire-server'

function refusal(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected a refusal')
}

describe('the PBXCloud API address', () => {
  it('accepts the portal address with its path', () => {
    expect(apiUrl(' https://portal.pbxcloud.eu/pbx/proxyapi.php ').href).toBe(
      'https://portal.pbxcloud.eu/pbx/proxyapi.php',
    )
  })

  it.each([
    ['https://alice:pw@portal.example/pbx/proxyapi.php', 'invalid_argument.url_userinfo'],
    ['https://alice@portal.example/pbx/proxyapi.php', 'invalid_argument.url_userinfo'],
    ['https://portal.example/pbx/proxyapi.php?key=abc', 'invalid_argument.url_query'],
    ['https://portal.example/pbx/proxyapi.php#x', 'invalid_argument.url_query'],
    ['ftp://portal.example/pbx/proxyapi.php', 'invalid_argument.url_scheme'],
    ['portal.example', 'invalid_argument.url'],
  ])('refuses %s with a clear message (%s)', (address, code) => {
    const error = refusal(() => apiUrl(address))
    expect(error.kind).toBe('invalid_argument')
    expect(error.detail?.code).toBe(code)
    expect(error.message).toMatch(/PBXCloud API address/)
    expect(error.message).not.toContain('pw')
  })

  it('refuses an account whose address carries a password before any request', () => {
    const error = refusal(
      () =>
        new PbxCloudProvider(
          'acc',
          { baseUrl: 'https://a:b@x.example/pbx/proxyapi.php', tenant: 'T', ownExtension: '201' },
          'the-api-key-123',
        ),
    )
    expect(error.detail?.code).toBe('invalid_argument.url_userinfo')
  })
})

describe('PBXCloud request parameters', () => {
  let server: WireServer | undefined
  let provider: PbxCloudProvider | undefined
  afterEach(async () => {
    await provider?.close()
    await server?.close()
  })

  async function start(): Promise<PbxCloudProvider> {
    server = await startWireServer('/pbx/proxyapi.php', () => ({ body: 'Success|Agent paused|' }))
    provider = new PbxCloudProvider(
      'acc',
      { baseUrl: server.url, tenant: 'A&B', ownExtension: '201-A&B' },
      'key&reqtype=HANGUP',
      { timeoutMs: 2000 },
    )
    return provider
  }

  it('keeps every value one parameter, however it is spelt', async () => {
    const p = await start()
    await p.pauseQueue('281', 'Lunch&reqtype=HANGUP#x')
    const [query] = server?.seen ?? []
    expect(query?.getAll('reqtype')).toEqual(['AGENT'])
    expect(query?.get('key')).toBe('key&reqtype=HANGUP')
    expect(query?.get('tenant')).toBe('A&B')
    expect(query?.get('pausereason')).toBe('Lunch&reqtype=HANGUP#x')
  })

  it('refuses a queue or message id that is not one, without asking the PBX', async () => {
    const p = await start()
    expect((await p.pauseQueue('281&x=1').catch((e: unknown) => e)) as AppError).toMatchObject({
      kind: 'invalid_argument',
      detail: { code: 'invalid_argument.id' },
    })
    const voicemail = {
      id: '../1',
      accountId: 'acc',
      mailbox: '201',
      caller: { number: '1' },
      receivedAt: 0,
      durationSec: 1,
      heard: false,
    }
    expect(((await p.deleteVoicemail(voicemail).catch((e: unknown) => e)) as AppError).kind).toBe(
      'invalid_argument',
    )
    expect(((await p.recording('x/../y').catch((e: unknown) => e)) as AppError).kind).toBe(
      'invalid_argument',
    )
    expect(server?.seen).toEqual([])
  })
})
