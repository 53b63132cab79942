/**
 * Which proxy a connection takes (PAC answers, HTTPS_PROXY / NO_PROXY) and the
 * CONNECT tunnel through it, against a local proxy: what an agent behind a
 * company proxy notices is that the PBX is reached, or an error naming the proxy.
 */
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { bypassed, envProxyResolver, routesOf } from '../../src/main/providers/proxy'
import { openRoute, openTunnel } from '../../src/main/providers/tunnel'
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy'

describe('PAC answers', () => {
  it('lists the routes in the order to try them', () => {
    expect(routesOf('PROXY proxy.corp:3128; DIRECT')).toEqual([
      { kind: 'http', host: 'proxy.corp', port: 3128 },
      { kind: 'direct' },
    ])
    expect(routesOf('PROXY [::1]:8080')).toEqual([{ kind: 'http', host: '::1', port: 8080 }])
    expect(routesOf('PROXY proxy.corp')).toEqual([{ kind: 'http', host: 'proxy.corp', port: 80 }])
    expect(routesOf('')).toEqual([{ kind: 'direct' }])
  })

  it('names the kinds it cannot tunnel through instead of dropping them', () => {
    expect(routesOf('SOCKS5 s:1080; HTTPS h:443; PROXY bad:99999')).toEqual([
      { kind: 'unsupported', what: 'SOCKS5 s:1080' },
      { kind: 'unsupported', what: 'HTTPS h:443' },
      { kind: 'unsupported', what: 'PROXY bad:99999' },
    ])
  })
})

describe('HTTPS_PROXY, HTTP_PROXY and NO_PROXY', () => {
  it('uses HTTPS_PROXY for https and wss, falling back to HTTP_PROXY', async () => {
    const env = { HTTPS_PROXY: 'http://secure.corp:3128', HTTP_PROXY: 'http://plain.corp:8080' }
    await expect(envProxyResolver(env)('https://pbx.example/')).resolves.toBe(
      'PROXY secure.corp:3128',
    )
    await expect(envProxyResolver(env)('wss://pbx.example:8083/')).resolves.toBe(
      'PROXY secure.corp:3128',
    )
    await expect(envProxyResolver(env)('http://pbx.example/')).resolves.toBe(
      'PROXY plain.corp:8080',
    )
    await expect(envProxyResolver({ http_proxy: 'plain.corp:8080' })('https://x/')).resolves.toBe(
      'PROXY plain.corp:8080',
    )
    await expect(envProxyResolver({})('https://pbx.example/')).resolves.toBe('DIRECT')
  })

  it('goes direct to the hosts NO_PROXY lists', async () => {
    const env = { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'pbx.internal, .corp.example' }
    await expect(envProxyResolver(env)('https://pbx.internal/')).resolves.toBe('DIRECT')
    await expect(envProxyResolver(env)('https://a.corp.example/')).resolves.toBe('DIRECT')
    await expect(envProxyResolver(env)('https://pbx.example/')).resolves.toBe('PROXY p:1')
  })

  it('reads NO_PROXY entries as curl does', () => {
    const url = (u: string): URL => new URL(u)
    expect(bypassed(url('https://a.b.example/'), 'c.example')).toBe(false)
    expect(bypassed(url('https://a.b.example/'), 'b.example')).toBe(true)
    expect(bypassed(url('https://b.example/'), '*.b.example')).toBe(true)
    expect(bypassed(url('https://xb.example/'), 'b.example')).toBe(false)
    expect(bypassed(url('https://pbx:8443/'), 'pbx:443')).toBe(false)
    expect(bypassed(url('https://pbx:8443/'), 'pbx:8443')).toBe(true)
    expect(bypassed(url('https://[::1]:8443/'), '[::1]')).toBe(true)
    expect(bypassed(url('https://anything/'), '*')).toBe(true)
  })

  it('names a proxy of another kind so the connection can say it cannot use it', async () => {
    const pac = await envProxyResolver({ HTTPS_PROXY: 'socks5://s:1080' })('https://x/')
    expect(routesOf(pac)).toEqual([{ kind: 'unsupported', what: 'SOCKS5 s:1080' }])
  })
})

describe('the CONNECT tunnel', () => {
  let echo: Server
  let proxy: ConnectProxy
  let target: { host: string; port: number; label: string }
  beforeAll(async () => {
    echo = createTcpServer((socket) => socket.pipe(socket))
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
    target = {
      host: '127.0.0.1',
      port: (echo.address() as AddressInfo).port,
      label: 'the PBX API',
    }
    proxy = await startConnectProxy()
  })
  afterAll(async () => {
    await proxy.close()
    await new Promise((resolve) => echo.close(resolve))
  })
  afterEach(() => {
    proxy.refuse = null
    proxy.tunnels.length = 0
    vi.useRealTimers()
  })

  it('carries bytes to the server through the proxy', async () => {
    const socket = await openTunnel({ host: '127.0.0.1', port: proxy.port }, target, 5000)
    const back = new Promise<string>((resolve) =>
      socket.once('data', (d: Buffer) => resolve(`${d}`)),
    )
    socket.write('hello')
    await expect(back).resolves.toBe('hello')
    socket.destroy()
    expect(proxy.tunnels).toEqual([`127.0.0.1:${target.port}`])
  })

  it('says when the proxy wants a password or refuses the tunnel', async () => {
    const via = { host: '127.0.0.1', port: proxy.port }
    proxy.refuse = 407
    await expect(openTunnel(via, target, 5000)).rejects.toThrow(
      `Cannot reach the PBX API (127.0.0.1:${target.port}) through the proxy 127.0.0.1:${proxy.port}: the proxy asks for a password`,
    )
    proxy.refuse = 403
    await expect(openTunnel(via, target, 5000)).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringContaining('the proxy refused the tunnel (HTTP 403)'),
    })
  })

  it('gives up on a proxy that never answers', async () => {
    const silent = createTcpServer(() => undefined)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const port = (silent.address() as AddressInfo).port
    const pending = openTunnel({ host: '127.0.0.1', port }, target, 5000)
    const failed = expect(pending).rejects.toThrow(/no answer within 5 s/)
    await vi.advanceTimersByTimeAsync(5000)
    await failed
    vi.useRealTimers()
    silent.close()
  })

  it('falls over to the next proxy the PAC answer lists, and goes direct when it says so', async () => {
    const closed = createTcpServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const deadPort = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const pac = `PROXY 127.0.0.1:${deadPort}; PROXY 127.0.0.1:${proxy.port}`
    const socket = await openRoute(() => Promise.resolve(pac), target, 5000)
    expect(socket).not.toBeNull()
    socket?.destroy()
    expect(proxy.tunnels).toHaveLength(1)
    await expect(openRoute(() => Promise.resolve('DIRECT'), target, 5000)).resolves.toBeNull()
    await expect(
      openRoute(() => Promise.reject(new Error('PAC')), target, 5000),
    ).resolves.toBeNull()
    await expect(openRoute(null, target, 5000)).resolves.toBeNull()
    await expect(
      openRoute(() => Promise.resolve(`PROXY 127.0.0.1:${deadPort}`), target, 5000),
    ).rejects.toThrow(/the proxy cannot be reached \(ECONNREFUSED\)/)
  })

  it('says a SOCKS proxy set on the computer cannot be used', async () => {
    await expect(
      openRoute(() => Promise.resolve('SOCKS5 socks.corp:1080'), target, 5000),
    ).rejects.toThrow(
      `Cannot reach the PBX API (127.0.0.1:${target.port}): the proxy set on this computer (SOCKS5 socks.corp:1080) is of a kind Switchboard cannot use.`,
    )
  })
})
