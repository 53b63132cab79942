/**
 * A company network as the plain-Node transport meets it (tests and the browser
 * bridge; the app's Electron net cannot run here): the demo PBX served over HTTPS
 * with a certificate from a CA made for this run, reached only through a local
 * CONNECT proxy named by HTTPS_PROXY. Each real provider (PBXCloud, REST, jade and
 * its event socket) must go through the proxy, trust the CA it is given, refuse a
 * certificate from any other CA in words, and jade's pin must still decide.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  ManualClock,
  startDemoPbx,
  type DemoPbx,
  type TlsMaterial,
} from '@switchboard/demo-pbx/testing'
import { setExtraCertificateAuthorities, setProxyResolver } from '../../src/main/providers/network'
import { envProxyResolver } from '../../src/main/providers/proxy'
import { PbxCloudProvider } from '../../src/main/providers/pbxcloud'
import { RestV1Provider } from '../../src/main/providers/restv1'
import { JadeProvider, type JadeSettings } from '../../src/main/providers/jade'
import { CertificateError } from '../../src/main/providers/jade/tls'
import type { PbxProvider } from '../../src/main/providers/provider'
import { AppError } from '../../src/shared/result'
import { makeLocalCa, type LocalCa } from '../support/local-ca'
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy'

let companyCa: LocalCa
let otherCa: LocalCa
let otherServerFingerprint: string
let server: TlsMaterial
/** Another certificate from the company CA: trusted, but not the one pinned. */
let sibling: TlsMaterial
let demo: DemoPbx
let proxy: ConnectProxy
let clock: ManualClock
const open: PbxProvider[] = []

beforeAll(async () => {
  companyCa = await makeLocalCa('Company CA')
  otherCa = await makeLocalCa('Someone else')
  server = await companyCa.issue()
  sibling = await companyCa.issue('sibling.test')
  otherServerFingerprint = (await otherCa.issue()).fingerprint
  clock = new ManualClock()
  demo = await startDemoPbx({ clock, autopilot: false, tls: server })
  proxy = await startConnectProxy()
}, 60_000)

afterAll(async () => {
  await proxy?.close()
  await demo?.close()
  await companyCa?.dispose()
  await otherCa?.dispose()
})

function throughProxy(ca: LocalCa, env: NodeJS.ProcessEnv = {}): void {
  setProxyResolver(envProxyResolver({ HTTPS_PROXY: proxy.url, ...env }))
  setExtraCertificateAuthorities([ca.cert])
}

afterEach(async () => {
  for (const p of open.splice(0)) await p.close()
  setProxyResolver(null)
  setExtraCertificateAuthorities([])
  proxy.refuse = null
  proxy.tunnels.length = 0
})

const portOf = (url: string): string => new URL(url).port
const tunnelsTo = (url: string): number =>
  proxy.tunnels.filter((t) => t === `127.0.0.1:${portOf(url)}`).length

function pbxcloud(): PbxCloudProvider {
  const p = new PbxCloudProvider(
    'acc',
    { baseUrl: demo.pbxcloud.url, tenant: demo.pbxcloud.tenant, ownExtension: '201-DEMO' },
    demo.pbxcloud.apiKey,
    { now: () => clock.now(), timeoutMs: 4000 },
  )
  open.push(p)
  return p
}

function restv1(): RestV1Provider {
  const p = new RestV1Provider(
    'acc',
    {
      host: demo.restv1.url,
      clientId: demo.restv1.clientId,
      extensionId: String(demo.restv1.extensionId),
    },
    demo.restv1.clientSecret,
    { now: () => clock.now(), timeoutMs: 4000 },
  )
  open.push(p)
  return p
}

function jade(settings: Partial<JadeSettings> = {}): JadeProvider {
  const p = new JadeProvider(
    'acc',
    {
      baseUrl: demo.jade.url,
      username: demo.jade.username,
      adminUsername: demo.jade.adminUsername,
      wsUrl: demo.jade.wsUrl,
      ...settings,
    },
    { password: demo.jade.password, adminPassword: demo.jade.adminPassword },
    { now: () => clock.now(), timeoutMs: 4000, push: { backoffBaseMs: 50, backoffCapMs: 200 } },
  )
  open.push(p)
  return p
}

async function failure(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected a failure')
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('behind a company proxy, with the company CA trusted', () => {
  it('PBXCloud signs in and reads calls through the proxy', async () => {
    throughProxy(companyCa)
    expect(demo.pbxcloud.url.startsWith('https://')).toBe(true)
    const p = pbxcloud()
    await p.signIn()
    await expect(p.calls()).resolves.toEqual(expect.any(Array))
    expect(tunnelsTo(demo.pbxcloud.url)).toBeGreaterThan(0)
  })

  it('REST ver1.0 signs in and reads calls through the proxy', async () => {
    throughProxy(companyCa)
    const p = restv1()
    await p.signIn()
    await expect(p.calls()).resolves.toEqual(expect.any(Array))
    expect(tunnelsTo(demo.restv1.url)).toBeGreaterThan(0)
    expect(demo.restv1.tokenRequests).toBeGreaterThan(0)
  })

  it('jade signs in without a pin and its event socket goes live, both through the proxy', async () => {
    throughProxy(companyCa)
    const p = jade()
    await p.signIn()
    await expect(p.calls()).resolves.toEqual(expect.any(Array))
    p.subscribe(() => undefined)
    await until(() => p.pushStatus().live)
    expect(tunnelsTo(demo.jade.url)).toBeGreaterThan(0)
    expect(tunnelsTo(demo.jade.wsUrl)).toBeGreaterThan(0)
  })

  it('a host in NO_PROXY is reached directly', async () => {
    throughProxy(companyCa, { NO_PROXY: 'localhost,127.0.0.1' })
    await pbxcloud().signIn()
    expect(proxy.tunnels).toEqual([])
  })

  it('a proxy that refuses the tunnel is named in the error', async () => {
    throughProxy(companyCa)
    proxy.refuse = 403
    const error = await failure(() => pbxcloud().signIn())
    expect(error.kind).toBe('network')
    expect(error.message).toContain(`through the proxy 127.0.0.1:${proxy.port}`)
    expect(error.message).toContain('refused the tunnel (HTTP 403)')
  })
})

describe('a certificate from a CA this computer does not trust', () => {
  it('is refused by PBXCloud and REST in words, never ignored', async () => {
    throughProxy(otherCa)
    const cloud = await failure(() => pbxcloud().signIn())
    expect(cloud.kind).toBe('network')
    expect(cloud.message).toMatch(
      /^The certificate of the PBXCloud portal \(127\.0\.0\.1:\d+\) is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)\.$/,
    )
    const rest = await failure(() => restv1().signIn())
    expect(rest.message).toMatch(/certificate of the PBX API .* is not trusted/)
    expect(tunnelsTo(demo.pbxcloud.url)).toBeGreaterThan(0)
  })

  it('is refused by jade with the fingerprint the agent can check and trust', async () => {
    throughProxy(otherCa)
    const error = await failure(() => jade().signIn())
    expect(error).toBeInstanceOf(CertificateError)
    expect(error).toMatchObject({ problem: 'untrusted', fingerprint: demo.jade.fingerprint })
    expect(error.message).toContain('is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)')
    expect(tunnelsTo(demo.jade.url)).toBeGreaterThan(0)
  })
})

describe('jade’s pinned certificate through the proxy', () => {
  it('a pin to another certificate refuses the server even though the CA is trusted', async () => {
    throughProxy(companyCa)
    const p = jade({ pinnedFingerprint: otherServerFingerprint })
    const error = await failure(() => p.signIn())
    expect(error).toBeInstanceOf(CertificateError)
    expect(error).toMatchObject({ problem: 'changed', fingerprint: demo.jade.fingerprint })
    expect(tunnelsTo(demo.jade.url)).toBeGreaterThan(0)
  })

  it('the event socket refuses a certificate other than the pinned one, through the proxy', async () => {
    throughProxy(companyCa)
    const p = jade({ pinnedFingerprint: demo.jade.fingerprint })
    await p.signIn()
    // The event port alone now shows another certificate the company CA signed.
    demo.jade.face.events.setCertificate(sibling)
    try {
      p.subscribe(() => undefined)
      await until(() => tunnelsTo(demo.jade.wsUrl) >= 2)
      expect(p.pushSockets.length).toBeGreaterThan(0)
      expect(p.pushSockets.every((s) => s.opens === 0)).toBe(true)
      expect(p.pushStatus().live).toBe(false)
    } finally {
      demo.jade.face.events.setCertificate(server)
    }
  })

  it('the right pin connects through the proxy, even to a server no CA vouches for', async () => {
    throughProxy(otherCa)
    const p = jade({ pinnedFingerprint: demo.jade.fingerprint })
    await p.signIn()
    p.subscribe(() => undefined)
    await until(() => p.pushStatus().live)
    expect(tunnelsTo(demo.jade.url)).toBeGreaterThan(0)
  })
})
