/**
 * The renderer over app://switchboard/: only files inside out/renderer, always
 * with the CSP header, and the scheme registered as privileged before ready.
 */
import { join, resolve } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import {
  APP_CSP,
  isAppUrl,
  resolveAppFile,
  serveAppRequest,
} from '../../src/main/shell/app-protocol'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

const root = resolve('/opt/switchboard/out/renderer')

describe('resolveAppFile', () => {
  it.each([
    ['app://switchboard/index.html', join(root, 'index.html')],
    ['app://switchboard/', join(root, 'index.html')],
    ['app://switchboard/assets/index-1.js?v=1#popup', join(root, 'assets/index-1.js')],
    ['app://switchboard/assets/a%20b.css', join(root, 'assets/a b.css')],
  ])('serves %s from out/renderer', (url, file) => {
    expect(resolveAppFile(root, url)).toBe(file)
  })

  it.each([
    'app://switchboard/..%2f..%2fetc%2fpasswd',
    'app://switchboard/assets/..%2F..%2F..%2Fmain%2Findex.js',
    'app://switchboard/..%5c..%5cwindows%5cwin.ini',
    'app://switchboard/index.html%00.png',
    'app://switchboard/%E0%A4%A',
    'app://evil/index.html',
    'file:///etc/passwd',
    'https://switchboard/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull()
  })

  it.each(['app://switchboard/../../etc/passwd', 'app://switchboard/%2e%2e/%2e%2e/etc/passwd'])(
    'lets URL parsing fold the dots of %s, so it stays inside the root',
    (url) => {
      expect(resolveAppFile(root, url)).toBe(join(root, 'etc/passwd'))
    },
  )
})

describe('serveAppRequest', () => {
  const files: Record<string, string> = {
    [join(root, 'index.html')]: '<!doctype html>',
    [join(root, 'assets/app.js')]: 'console.log(1)',
  }
  const read = async (path: string): Promise<Buffer> => {
    const text = files[path]
    if (text === undefined) throw new Error('ENOENT')
    return Buffer.from(text)
  }

  it('answers with the file, its type and the CSP header', async () => {
    const response = await serveAppRequest(
      root,
      { url: 'app://switchboard/index.html', method: 'GET' },
      read,
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' switchboard-media:; object-src 'none'; base-uri 'none'; connect-src 'self'; form-action 'none'",
    )
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toBe('<!doctype html>')
    const script = await serveAppRequest(
      root,
      { url: 'app://switchboard/assets/app.js', method: 'GET' },
      read,
    )
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it('answers 404 (with the CSP) for a traversal or a missing file, and 405 for POST', async () => {
    const traversal = await serveAppRequest(
      root,
      { url: 'app://switchboard/..%2f..%2fmain%2findex.js', method: 'GET' },
      read,
    )
    expect(traversal.status).toBe(404)
    expect(traversal.headers.get('content-security-policy')).toBe(APP_CSP)
    const missing = await serveAppRequest(
      root,
      { url: 'app://switchboard/x.js', method: 'GET' },
      read,
    )
    expect(missing.status).toBe(404)
    const post = await serveAppRequest(root, { url: 'app://switchboard/', method: 'POST' }, read)
    expect(post.status).toBe(405)
  })
})

describe('the app origin', () => {
  it('is app://switchboard and nothing else', () => {
    expect(isAppUrl('app://switchboard/index.html#popup')).toBe(true)
    expect(isAppUrl('app://switchboard/')).toBe(true)
    expect(isAppUrl('app://switchboard.evil/index.html')).toBe(false)
    expect(isAppUrl('file:///opt/switchboard/out/renderer/index.html')).toBe(false)
    expect(isAppUrl('https://switchboard/')).toBe(false)
    expect(isAppUrl('')).toBe(false)
  })

  it('registers app: and switchboard-media: as secure standard schemes, and serves app:', async () => {
    const { registerAppSchemes, setupAppProtocol } =
      await import('../../src/main/shell/app-protocol')
    registerAppSchemes()
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      {
        scheme: 'switchboard-media',
        privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
      },
    ])
    setupAppProtocol(root)
    const handler = fake.protocolHandlers.get('app')
    const response = (await handler?.(
      new Request('app://switchboard/..%2f..%2f..%2fetc%2fpasswd'),
    )) as Response
    expect(response.status).toBe(404)
  })
})
