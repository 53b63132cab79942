/**
 * jade over Electron's net with a mocked `electron`: one in-memory session per
 * server and pin, whose certificate verify procedure keeps the account's pin
 * (Electron's `Certificate.fingerprint` is `sha256/<base64>` of the leaf's DER),
 * and refusals that say what changed, as Node's path does.
 */
import { createHash, X509Certificate } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CertificatePolicy, TransportRequest } from '../../src/main/providers/http'
import { CertificateError } from '../../src/main/providers/jade/tls'
import type { NetModule } from '../../src/main/shell/net-transport'
import {
  chromiumFingerprint,
  createPinnedTransports,
  hexFingerprint,
  type SessionModule,
  type VerifyRequest,
} from '../../src/main/shell/net-pinned'
import { makeLocalCa, type LocalCa } from '../support/local-ca'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

type Proc = (request: VerifyRequest, callback: (result: number) => void) => void

class FakeRequest extends EventEmitter {
  constructor(public options: Record<string, unknown>) {
    super()
  }
  setHeader(): void {}
  write(): void {}
  end(): void {}
  abort(): void {}
}

let partitions: { name: string; options: unknown; proc: Proc | null }[]
let requests: FakeRequest[]
const sessions: SessionModule = {
  fromPartition(name, options) {
    const entry = { name, options, proc: null as Proc | null }
    partitions.push(entry)
    return {
      setCertificateVerifyProc: (proc) => {
        entry.proc = proc as Proc
      },
    }
  },
}
const fakeNet: NetModule = {
  request: (options) => {
    const request = new FakeRequest(options)
    requests.push(request)
    return request as unknown as ReturnType<NetModule['request']>
  },
}

let ca: LocalCa
let leaf: X509Certificate
let other: X509Certificate
beforeAll(async () => {
  ca = await makeLocalCa()
  leaf = new X509Certificate((await ca.issue()).cert)
  other = new X509Certificate((await ca.issue('other.test')).cert)
}, 30_000)
afterAll(() => ca.dispose())
beforeEach(() => {
  partitions = []
  requests = []
})

/** What Chromium reports for a certificate: `HashValue(SHA-256 of the DER).ToString()`. */
const chromiumOf = (cert: X509Certificate): string =>
  `sha256/${createHash('sha256').update(cert.raw).digest('base64')}`

const request = (url: string): TransportRequest => ({
  url: new URL(url),
  method: 'GET',
  headers: {},
  timeoutMs: 8000,
  maxBytes: 1000,
  label: 'the jade server',
})

/** The verdict the session's procedure gives for a certificate shown by `hostname`. */
function verdict(
  proc: Proc | null,
  cert: X509Certificate,
  hostname = 'pbx.example',
  errorCode = -202,
): number {
  let result = NaN
  proc!(
    {
      hostname,
      certificate: { fingerprint: chromiumOf(cert), data: cert.toString() },
      errorCode,
      verificationResult: errorCode === 0 ? 'OK' : 'net::ERR_CERT_AUTHORITY_INVALID',
    },
    (r) => {
      result = r
    },
  )
  return result
}

describe('the pin in Electron’s fingerprint format', () => {
  it('converts a pin to exactly what Chromium reports for that certificate, and back', () => {
    expect(chromiumFingerprint(leaf.fingerprint256)).toBe(chromiumOf(leaf))
    expect(chromiumFingerprint(leaf.fingerprint256.toLowerCase().replace(/:/g, ''))).toBe(
      chromiumOf(leaf),
    )
    expect(hexFingerprint(chromiumOf(leaf))).toBe(leaf.fingerprint256.toUpperCase())
    expect(chromiumFingerprint('AB:CD')).toBeNull()
    expect(hexFingerprint('sha1/AAAA')).toBeNull()
  })
})

describe('jade through Electron’s net with its pin', () => {
  let pinned: CertificatePolicy
  beforeEach(() => {
    pinned = { label: 'the jade server', pinnedFingerprint: leaf.fingerprint256 }
  })

  it('gets an in-memory session of its own per server and pin', async () => {
    const factory = createPinnedTransports(sessions, fakeNet)
    void factory(pinned)(request('https://pbx.example:8443/v1/me')).catch(() => undefined)
    void factory(pinned)(request('https://pbx.example:8443/v1/calls')).catch(() => undefined)
    expect(partitions).toHaveLength(1)
    expect(partitions[0]!.name).toMatch(/^jade-pin-[0-9a-f]{24}$/)
    expect(partitions[0]!.options).toEqual({ cache: false })
    expect(requests.map((r) => r.options.session)).toEqual([
      expect.anything(),
      requests[0]!.options.session,
    ])
    const otherPin = { ...pinned, pinnedFingerprint: other.fingerprint256 }
    void factory(otherPin)(request('https://pbx.example:8443/v1/me')).catch(() => undefined)
    void factory(pinned)(request('https://pbx2.example:8443/v1/me')).catch(() => undefined)
    expect(new Set(partitions.map((p) => p.name)).size).toBe(3)
  })

  it('accepts exactly the pinned certificate, whoever signed it', () => {
    const factory = createPinnedTransports(sessions, fakeNet)
    void factory(pinned)(request('https://pbx.example:8443/v1/me')).catch(() => undefined)
    const proc = partitions[0]!.proc
    expect(verdict(proc, leaf)).toBe(0)
    expect(verdict(proc, other, 'pbx.example', 0)).toBe(-2)
    expect(verdict(proc, leaf, 'elsewhere.example')).toBe(-2)
  })

  it('says the certificate changed, with the one the server showed, when it is not the pinned one', async () => {
    const factory = createPinnedTransports(sessions, fakeNet)
    const pending = factory(pinned)(request('https://pbx.example:8443/v1/me?authtoken=secret'))
    expect(verdict(partitions[0]!.proc, other, 'pbx.example', 0)).toBe(-2)
    requests[0]!.emit('error', new Error('net::ERR_FAILED'))
    const error = (await pending.catch((e: unknown) => e)) as CertificateError
    expect(error).toBeInstanceOf(CertificateError)
    expect(error).toMatchObject({ problem: 'changed', fingerprint: other.fingerprint256 })
    expect(error.message).toContain('pbx.example:8443')
    expect(error.message).not.toContain('secret')
  })

  it('without a pin keeps Chromium’s verdict and offers an untrusted certificate’s fingerprint', async () => {
    const factory = createPinnedTransports(sessions, fakeNet)
    const pending = factory({ label: 'the jade server' })(request('https://pbx.example:8443/'))
    const proc = partitions[0]!.proc
    expect(verdict(proc, leaf, 'pbx.example', 0)).toBe(-3)
    expect(verdict(proc, leaf)).toBe(-3)
    requests[0]!.emit('error', new Error('net::ERR_CERT_AUTHORITY_INVALID'))
    await expect(pending).rejects.toMatchObject({
      problem: 'untrusted',
      fingerprint: leaf.fingerprint256,
      message: expect.stringContaining('is not trusted (net::ERR_CERT_AUTHORITY_INVALID)'),
    })
  })

  it('does not blame the certificate for a later failure of another kind', async () => {
    const factory = createPinnedTransports(sessions, fakeNet)
    const transport = factory(pinned)
    const first = transport(request('https://pbx.example:8443/'))
    verdict(partitions[0]!.proc, other, 'pbx.example', 0)
    requests[0]!.emit('error', new Error('net::ERR_FAILED'))
    await expect(first).rejects.toBeInstanceOf(CertificateError)
    const second = transport(request('https://pbx.example:8443/'))
    requests[1]!.emit('error', new Error('net::ERR_CONNECTION_REFUSED'))
    const error = (await second.catch((e: unknown) => e)) as Error
    expect(error).not.toBeInstanceOf(CertificateError)
    expect(error.message).toMatch(/the connection was refused/)
  })
})
