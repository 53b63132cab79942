/**
 * jade's requests over Electron's net (system proxy, PAC, OS certificates) with
 * the account's certificate decision kept: one in-memory session per server and
 * pin (`session.fromPartition('jade-pin-…')`, no `persist:`), whose certificate
 * verify procedure accepts exactly the pinned certificate, or, without a pin,
 * Chromium's own verdict. A refusal is thrown as jade's CertificateError with the
 * SHA-256 fingerprint the server showed, as Node's path does (providers/jade/tls.ts).
 *
 * Electron's `Certificate.fingerprint` is Chromium's `HashValue::ToString()` of
 * the SHA-256 over the leaf's DER: `sha256/<base64>` (electron
 * shell/common/gin_converters/net_converter.cc, chromium net/base/hash_value.cc).
 * A pin is `AA:BB:…` hex of the same hash, so the two convert exactly.
 */
import { net, session } from 'electron'
import { createHash, X509Certificate } from 'node:crypto'
import type { CertificatePolicy, CheckedTransportFactory, HttpTransport } from '../providers/http'
import {
  normaliseFingerprint,
  pinMismatch,
  untrustedCertificate,
  type CertificateError,
} from '../providers/jade/tls'
import { createNetTransport, type NetModule } from './net-transport'

/** `AA:BB:…` → `sha256/<base64>`; null unless it is a SHA-256 fingerprint. */
export function chromiumFingerprint(pin: string): string | null {
  const hex = normaliseFingerprint(pin)
  return hex ? `sha256/${Buffer.from(hex.replace(/:/g, ''), 'hex').toString('base64')}` : null
}

/** `sha256/<base64>` → `AA:BB:…`; null for anything else. */
export function hexFingerprint(chromium: string): string | null {
  if (!chromium.startsWith('sha256/')) return null
  const bytes = Buffer.from(chromium.slice('sha256/'.length), 'base64')
  return bytes.length === 32 ? normaliseFingerprint(bytes.toString('hex')) : null
}

/** What the verify procedure is handed (Electron's `Request` of setCertificateVerifyProc). */
export interface VerifyRequest {
  hostname: string
  certificate: { fingerprint: string; data: string }
  errorCode: number
  verificationResult: string
}

/** 0 accepts, -2 refuses, -3 keeps Chromium's own verdict (Electron's documented codes). */
type VerifyCallback = (result: 0 | -2 | -3) => void

export interface PinnedSession {
  setCertificateVerifyProc(proc: (request: VerifyRequest, callback: VerifyCallback) => void): void
}

export interface SessionModule {
  fromPartition(partition: string, options?: { cache: boolean }): PinnedSession
}

function shownFingerprint(certificate: VerifyRequest['certificate']): string {
  const fromChromium = hexFingerprint(certificate.fingerprint)
  if (fromChromium) return fromChromium
  try {
    return normaliseFingerprint(new X509Certificate(certificate.data).fingerprint256) ?? ''
  } catch {
    return ''
  }
}

const bare = (host: string): string => host.replace(/^\[|\]$/g, '').toLowerCase()

/** Chromium codes a refused certificate can surface as (-2 from the procedure is ERR_FAILED). */
const certificateCodes = /net::(ERR_CERT_[A-Z_]+|ERR_FAILED|ERR_SSL_[A-Z_]+)/

interface PinnedHost {
  transport: HttpTransport
  /** The procedure's last refusal; cleared when an answer arrives. */
  refusal: CertificateError | null
}

/**
 * The checked transports for `providers/http.ts`: per server (host and port) and
 * pin, one session with its verify procedure. Chromium caches the procedure's
 * verdict per session, which is why a pin never shares a session with another.
 */
export function createPinnedTransports(
  sessions: SessionModule = session as unknown as SessionModule,
  netModule: NetModule = net as unknown as NetModule,
): CheckedTransportFactory {
  const hosts = new Map<string, PinnedHost>()

  const pinnedHost = (policy: CertificatePolicy, url: URL): PinnedHost => {
    const pin = policy.pinnedFingerprint ? chromiumFingerprint(policy.pinnedFingerprint) : null
    const key = `${url.host}\n${pin ?? 'system'}`
    const known = hosts.get(key)
    if (known) return known
    const partition = `jade-pin-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`
    const own = sessions.fromPartition(partition, { cache: false })
    const entry: PinnedHost = { refusal: null, transport: () => Promise.reject(new Error('unset')) }
    own.setCertificateVerifyProc((request, callback) => {
      const shown = shownFingerprint(request.certificate)
      // This session serves one server; redirects are never followed, so another name is refused.
      if (bare(request.hostname) !== bare(url.hostname)) return callback(-2)
      if (pin) {
        if (request.certificate.fingerprint === pin) return callback(0)
        entry.refusal = pinMismatch(policy, url.host, shown)
        return callback(-2)
      }
      if (request.errorCode !== 0)
        entry.refusal = untrustedCertificate(policy, url.host, shown, request.verificationResult)
      return callback(-3)
    })
    entry.transport = createNetTransport(netModule, {
      session: own,
      certificateRefusal: (_host, netError) =>
        certificateCodes.test(netError) ? entry.refusal : null,
      onAnswer: () => {
        entry.refusal = null
      },
    })
    hosts.set(key, entry)
    return entry
  }

  return (policy) => (req) => pinnedHost(policy, req.url).transport(req)
}
