/**
 * switchboard-media://: URLs read strictly, byte ranges answered so <audio> can
 * seek (206, 416), and only our own pages may ask.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import {
  mediaResponse,
  parseMediaUrl,
  parseRange,
  resolveAccountId,
} from '../../src/main/shell/media-range'
import {
  createMediaCache,
  isFromApp,
  serveMediaRequest,
  type MediaLoader,
} from '../../src/main/shell/media-protocol'
import { AppError } from '../../src/shared/result'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

describe('parseRange', () => {
  it.each([
    [null, 100, { kind: 'full' }],
    ['', 100, { kind: 'full' }],
    ['bytes=0-', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=0-0', 100, { kind: 'partial', start: 0, end: 0 }],
    ['bytes=10-19', 100, { kind: 'partial', start: 10, end: 19 }],
    ['bytes=90-500', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-10', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-500', 100, { kind: 'partial', start: 0, end: 99 }],
    ['BYTES = 5-6', 100, { kind: 'partial', start: 5, end: 6 }],
    ['items=0-5', 100, { kind: 'full' }],
    ['bytes=0-1,5-6', 100, { kind: 'full' }],
    ['bytes=100-', 100, { kind: 'unsatisfiable' }],
    ['bytes=20-10', 100, { kind: 'unsatisfiable' }],
    ['bytes=-0', 100, { kind: 'unsatisfiable' }],
    ['bytes=-', 100, { kind: 'unsatisfiable' }],
    ['bytes=abc', 100, { kind: 'unsatisfiable' }],
    ['bytes=1.5-2', 100, { kind: 'unsatisfiable' }],
    ['bytes=99999999999999999999-', 100, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
  ])('reads %j against %d bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected)
  })
})

describe('mediaResponse', () => {
  const file = { contentType: 'audio/wav', data: Buffer.from('0123456789') }

  it('answers a range with 206, Content-Range and only those bytes', async () => {
    const response = mediaResponse(file, 'bytes=2-5')
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe('bytes 2-5/10')
    expect(response.headers.get('content-length')).toBe('4')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(response.headers.get('content-type')).toBe('audio/wav')
    expect(await response.text()).toBe('2345')
  })

  it('answers a range past the end with 416 and the size', async () => {
    const response = mediaResponse(file, 'bytes=10-')
    expect(response.status).toBe(416)
    expect(response.headers.get('content-range')).toBe('bytes */10')
  })

  it('answers no range with 200, the whole file, and an advertised Accept-Ranges', async () => {
    const response = mediaResponse(file, null)
    expect(response.status).toBe(200)
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(await response.text()).toBe('0123456789')
  })

  it('never passes on a content type that is not audio', () => {
    const response = mediaResponse({ contentType: 'text/html', data: Buffer.from('<b>') }, null)
    expect(response.headers.get('content-type')).toBe('application/octet-stream')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('parseMediaUrl', () => {
  it.each([
    [
      'switchboard-media://acme/voicemail/1700000-00000001',
      'acme',
      'voicemail',
      '1700000-00000001',
    ],
    [
      'switchboard-media://acme-2/recording/1700000000.123',
      'acme-2',
      'recording',
      '1700000000.123',
    ],
  ])('reads %s', (url, accountId, kind, id) => {
    expect(parseMediaUrl(url)).toEqual({ accountId, kind, id })
  })

  it.each([
    'switchboard-media://acme/voicemail/',
    'switchboard-media://acme/voicemail/a/b',
    'switchboard-media://acme/voicemail/..',
    'switchboard-media://acme/voicemail/%2e%2e',
    'switchboard-media://acme/voicemail/a%2Fb',
    'switchboard-media://acme/voicemail/a%00b',
    'switchboard-media://acme/fax/1',
    'switchboard-media://acme/voicemail/1?x=1',
    'switchboard-media://user:pw@acme/voicemail/1',
    'switchboard-media://ac.me/voicemail/1',
    'app://acme/voicemail/1',
    'switchboard-media://acme/voicemail/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(parseMediaUrl(url)).toBeNull()
  })

  it('matches a lower-cased host to its account, and refuses an ambiguous one', () => {
    expect(resolveAccountId('acme', ['Acme', 'other'])).toBe('Acme')
    expect(resolveAccountId('acme', ['Acme', 'ACME'])).toBeNull()
    expect(resolveAccountId('nope', ['Acme'])).toBeNull()
  })
})

function mediaRequest(url: string, headers: Record<string, string> = {}, referrer?: string) {
  const h = new Headers(headers)
  return { url, method: 'GET', headers: h, ...(referrer !== undefined ? { referrer } : {}) }
}

describe('serving media', () => {
  const data = Buffer.from('0123456789')
  const load: MediaLoader = async (accountId, kind, id) => {
    if (id === 'gone') throw new AppError('not_found', 'That voicemail is no longer there.')
    if (id === 'broken') throw new Error('socket hang up')
    return { contentType: 'audio/mpeg', data: Buffer.from(`${accountId}/${kind}/${data}`) }
  }
  const options = { load, accountIds: () => ['Acme'] }

  it('only answers our own pages', async () => {
    expect(isFromApp(mediaRequest('x', {}, 'app://switchboard/'))).toBe(true)
    expect(isFromApp(mediaRequest('x', { referer: 'app://switchboard/index.html' }))).toBe(true)
    expect(isFromApp(mediaRequest('x', { origin: 'app://switchboard' }))).toBe(true)
    expect(isFromApp(mediaRequest('x', {}, 'https://evil.example/'))).toBe(false)
    expect(isFromApp(mediaRequest('x', { origin: 'null' }))).toBe(false)
    expect(isFromApp(mediaRequest('x'))).toBe(false)
    const foreign = await serveMediaRequest(
      mediaRequest('switchboard-media://acme/voicemail/1', {}, 'https://evil.example/'),
      options,
    )
    expect(foreign.status).toBe(403)
  })

  it('serves a seek from our page as 206, from the right account', async () => {
    const response = await serveMediaRequest(
      mediaRequest(
        'switchboard-media://acme/voicemail/1',
        { range: 'bytes=0-3' },
        'app://switchboard/',
      ),
      options,
    )
    expect(response.status).toBe(206)
    expect(await response.text()).toBe('Acme')
  })

  it('answers 404 for a bad id, an unknown account or a vanished voicemail, 502 for a PBX failure', async () => {
    const from = 'app://switchboard/'
    const status = async (url: string): Promise<number> =>
      (await serveMediaRequest(mediaRequest(url, {}, from), options)).status
    expect(await status('switchboard-media://acme/voicemail/..')).toBe(404)
    expect(await status('switchboard-media://other/voicemail/1')).toBe(404)
    expect(await status('switchboard-media://acme/voicemail/gone')).toBe(404)
    expect(await status('switchboard-media://acme/voicemail/broken')).toBe(502)
  })

  it('keeps a few recent files so seeking does not refetch from the PBX, but not failures', async () => {
    let loads = 0
    let fail = true
    const cached = createMediaCache(async () => {
      loads += 1
      if (fail) throw new Error('down')
      return { contentType: 'audio/wav', data }
    })
    await expect(cached('a', 'voicemail', '1')).rejects.toThrow('down')
    fail = false
    await cached('a', 'voicemail', '1')
    await cached('a', 'voicemail', '1')
    expect(loads).toBe(2)
  })

  it('registers the switchboard-media handler', async () => {
    const { setupMediaProtocol } = await import('../../src/main/shell/media-protocol')
    setupMediaProtocol(options)
    const handler = fake.protocolHandlers.get('switchboard-media')
    const response = (await handler?.(
      new Request('switchboard-media://acme/recording/7', {
        headers: { range: 'bytes=-2' },
        referrer: 'app://switchboard/index.html',
      }),
    )) as Response
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toMatch(/^bytes \d+-\d+\/\d+$/)
  })
})
