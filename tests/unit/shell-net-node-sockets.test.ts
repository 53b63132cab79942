/**
 * jade's push socket in the app, with a mocked `electron`: `ws` cannot use
 * Electron's net, so it asks the default session which proxy Chromium would use
 * (`resolveProxy`, PAC included), tunnels through it with CONNECT, trusts the OS
 * store beside Node's list, and still refuses any certificate but the pinned one.
 */
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { WebSocketServer } from 'ws'
import { setExtraCertificateAuthorities, setProxyResolver } from '../../src/main/providers/network'
import { PushSocket } from '../../src/main/providers/jade/push'
import { VerifyingAgent, type TlsPolicy } from '../../src/main/providers/jade/tls'
import {
  setupNodeSockets,
  systemAuthorities,
  systemProxyResolver,
} from '../../src/main/shell/net-node-sockets'
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy'
import { makeLocalCa, type LocalCa } from '../support/local-ca'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let ca: LocalCa
let server: Server
let events: WebSocketServer
let wsUrl: string
let fingerprint: string
let otherFingerprint: string
let proxy: ConnectProxy
const asked: string[] = []
const sessions = {
  defaultSession: {
    resolveProxy: (url: string): Promise<string> => {
      asked.push(url)
      return Promise.resolve(`PROXY 127.0.0.1:${proxy.port}; DIRECT`)
    },
  },
}

beforeAll(async () => {
  ca = await makeLocalCa()
  const leaf = await ca.issue()
  fingerprint = leaf.fingerprint
  otherFingerprint = (await ca.issue('other.test')).fingerprint
  server = createServer({ key: leaf.key, cert: leaf.cert })
  events = new WebSocketServer({ server })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  wsUrl = `wss://127.0.0.1:${(server.address() as AddressInfo).port}/`
  proxy = await startConnectProxy()
}, 30_000)

afterAll(async () => {
  events.close()
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await proxy.close()
  await ca.dispose()
})

const sockets: PushSocket[] = []
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.stop()
  setProxyResolver(null)
  setExtraCertificateAuthorities([])
  proxy.tunnels.length = 0
  asked.length = 0
})

function pushSocket(policy: TlsPolicy): PushSocket {
  const socket = new PushSocket({
    url: wsUrl,
    agent: new VerifyingAgent(policy, false),
    covers: ['presence'],
    token: () => Promise.resolve('token'),
    refused: () => undefined,
    onChange: () => undefined,
    backoffBaseMs: 20,
    backoffCapMs: 50,
  })
  sockets.push(socket)
  socket.start()
  return socket
}

async function until(check: () => boolean): Promise<void> {
  const end = Date.now() + 5000
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('the push socket on the system’s proxy and certificates', () => {
  it('asks the default session which proxy to use and tunnels through it', async () => {
    setupNodeSockets(systemProxyResolver(sessions), [])
    const socket = pushSocket({ label: 'the jade server', pinnedFingerprint: fingerprint })
    await until(() => socket.connected)
    const authority = new URL(wsUrl).host
    expect(asked).toContain(`https://${authority}/`)
    expect(proxy.tunnels).toEqual([authority])
  })

  it('trusts a certificate the OS store vouches for, without a pin', async () => {
    setupNodeSockets(
      systemProxyResolver(sessions),
      systemAuthorities(() => [ca.cert]),
    )
    const socket = pushSocket({ label: 'the jade server' })
    await until(() => socket.connected)
    expect(proxy.tunnels.length).toBeGreaterThan(0)
  })

  it('refuses a server the OS store does not vouch for, without a pin', async () => {
    setupNodeSockets(systemProxyResolver(sessions), systemAuthorities(undefined))
    const socket = pushSocket({ label: 'the jade server' })
    await until(() => proxy.tunnels.length >= 2)
    expect(socket.opens).toBe(0)
  })

  it('still refuses a certificate other than the pinned one, CA or not', async () => {
    setupNodeSockets(systemProxyResolver(sessions), [ca.cert])
    const socket = pushSocket({ label: 'the jade server', pinnedFingerprint: otherFingerprint })
    await until(() => proxy.tunnels.length >= 2)
    expect(socket.opens).toBe(0)
    expect(socket.state).toBe('unavailable')
  })

  it('reads no OS store where this Node cannot, and survives one that fails', () => {
    expect(systemAuthorities(undefined)).toEqual([])
    expect(
      systemAuthorities(() => {
        throw new Error('no store')
      }),
    ).toEqual([])
  })
})
