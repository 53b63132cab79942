/**
 * Certificate checks for PBXs that often run with a self-signed certificate, on
 * Node's sockets (the push socket; in tests and the bridge every request; the
 * app's HTTP makes the same decision on Electron's net, shell/net-pinned.ts).
 *
 * Node verifies every connection as usual (its bundled CAs plus those network.ts
 * adds: the OS store in the app; host name): `authorized` on the socket is its verdict. We only hold the socket back until that verdict
 * is read here, so that (1) a pinned certificate the user chose to trust is
 * accepted exactly, by its SHA-256 fingerprint, and a different one refused, and
 * (2) an untrusted certificate is refused with its fingerprint, which the UI can
 * offer to trust. Nothing (no request, no credential) is written to the socket
 * before the decision. There is no switch that ignores certificate errors.
 */
import type { ClientRequestArgs } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { Duplex } from 'node:stream'
import type { ConnectionOptions, TLSSocket } from 'node:tls'
import { AppError } from '../../../shared/result'
import type { CertificatePolicy } from '../http'
import { secureSocket } from '../network'

export type CertificateProblem = 'untrusted' | 'changed'

/**
 * A refused certificate. `fingerprint` is the SHA-256 of the certificate the
 * server showed (`AA:BB:…`), for the UI to offer "trust this certificate".
 * Kind `network`: nothing is wrong with the credentials, and a retry is harmless
 * because no credential is ever sent to an unverified server.
 */
export class CertificateError extends AppError {
  readonly fingerprint: string
  readonly problem: CertificateProblem

  constructor(message: string, fingerprint: string, problem: CertificateProblem) {
    super('network', message)
    this.name = 'CertificateError'
    this.fingerprint = fingerprint
    this.problem = problem
  }
}

/** `aa bb…`, `AABB…` or `aa:bb:…` → `AA:BB:…`; null unless it is 32 bytes of hex. */
export function normaliseFingerprint(value: string): string | null {
  const hex = value.replace(/[\s:]/g, '').toUpperCase()
  if (!/^[0-9A-F]{64}$/.test(hex)) return null
  return (hex.match(/../g) ?? []).join(':')
}

export type TlsPolicy = CertificatePolicy

/** A pinned certificate that is not the one the server shows now. */
export function pinMismatch(
  policy: TlsPolicy,
  host: string,
  fingerprint: string,
): CertificateError {
  return new CertificateError(
    `The server's certificate changed: ${policy.label} (${host}) now shows a certificate ` +
      `with SHA-256 fingerprint ${fingerprint || 'unknown'}, not the one you chose to trust. ` +
      'Someone may be intercepting the connection; trust the new certificate only if your ' +
      'administrator confirms they replaced it.',
    fingerprint,
    'changed',
  )
}

/** A certificate nothing trusts (no pin), with its fingerprint for "trust this certificate". */
export function untrustedCertificate(
  policy: TlsPolicy,
  host: string,
  fingerprint: string,
  reason: string,
): CertificateError {
  return new CertificateError(
    `The certificate of ${policy.label} (${host}) is not trusted (${reason}). Its SHA-256 ` +
      `fingerprint is ${fingerprint || 'unknown'}; trust it only if it matches the one your ` +
      'administrator gives you.',
    fingerprint,
    'untrusted',
  )
}

/** The verdict on a freshly handshaken socket: null to go ahead, or the refusal. */
export function judgeCertificate(
  socket: Pick<TLSSocket, 'authorized' | 'authorizationError' | 'getPeerCertificate'>,
  policy: TlsPolicy,
  host: string,
): CertificateError | null {
  const fingerprint = normaliseFingerprint(socket.getPeerCertificate().fingerprint256 ?? '') ?? ''
  const pin = policy.pinnedFingerprint ? normaliseFingerprint(policy.pinnedFingerprint) : null
  if (pin) return fingerprint === pin ? null : pinMismatch(policy, host, fingerprint)
  if (socket.authorized) return null
  return untrustedCertificate(
    policy,
    host,
    fingerprint,
    String(socket.authorizationError ?? 'unknown reason'),
  )
}

type Callback = (error: Error | null, stream: Duplex) => void

/**
 * Open a TLS connection (through the proxy Node's connections use, network.ts)
 * and hand it over only once `judgeCertificate` accepts it. `rejectUnauthorized:
 * false` defers Node's verdict to that check rather than skipping it:
 * `socket.authorized` still carries the full verification.
 */
export function verifiedConnect(
  policy: TlsPolicy,
  options: ConnectionOptions,
  callback: Callback,
): void {
  secureSocket({ ...options, rejectUnauthorized: false }, policy.label, (error, socket) => {
    if (error || !socket) return callback(error ?? new Error('no socket'), socket as Duplex)
    const host = String(options.servername || options.host || 'server')
    const refusal = judgeCertificate(socket, policy, host)
    if (refusal) socket.destroy()
    callback(refusal, socket)
  })
}

/** An HTTPS agent (keep-alive pool) whose every new socket passes `verifiedConnect`. */
export class VerifyingAgent extends HttpsAgent {
  constructor(
    private readonly policy: TlsPolicy,
    keepAlive = true,
  ) {
    super({ keepAlive, maxSockets: 6 })
  }

  override createConnection(
    options: ClientRequestArgs,
    callback?: Callback,
  ): Duplex | null | undefined {
    verifiedConnect(this.policy, options as ConnectionOptions, (error, stream) => {
      callback?.(error, stream)
    })
    return undefined
  }
}
