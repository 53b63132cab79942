/**
 * The self-signed certificate a jade server usually runs with, made by the
 * `openssl` CLI at start so the demo needs no new dependency and every run
 * (and every regeneration) has a fresh key — which is what a client that pins
 * the fingerprint must notice.
 */
import { execFile } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface TlsMaterial {
  key: string
  cert: string
  /** SHA-256 of the DER certificate, `AA:BB:…` upper case. */
  fingerprint: string
}

export async function makeSelfSignedCertificate(commonName = 'jade.demo'): Promise<TlsMaterial> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-jade-'))
  try {
    const keyPath = join(dir, 'key.pem')
    const certPath = join(dir, 'cert.pem')
    await run(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '30',
        '-subj',
        `/CN=${commonName}`,
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { timeout: 15_000 },
    ).catch((e: unknown) => {
      const why = e instanceof Error ? e.message : String(e)
      throw new Error(`jade demo: could not make a certificate with openssl: ${why}`)
    })
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')])
    return { key, cert, fingerprint: fingerprintOf(cert) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256.toUpperCase()
}
