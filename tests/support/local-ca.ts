/**
 * A certificate authority made for one test run with the `openssl` CLI (as the
 * demo's jade face makes its certificate), and server certificates it signs for
 * 127.0.0.1 and localhost: what a company CA installed on the desktops looks like.
 */
import { execFile } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface LocalCa {
  /** The authority's certificate (PEM), what a client is told to trust. */
  cert: string
  /** A server certificate signed by this authority: key, chain and SHA-256 `AA:BB:…`. */
  issue(commonName?: string): Promise<{ key: string; cert: string; fingerprint: string }>
  dispose(): Promise<void>
}

const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']

export async function makeLocalCa(name = 'Switchboard Test CA'): Promise<LocalCa> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-ca-'))
  const file = (n: string): string => join(dir, n)
  await run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ])
  const cert = await readFile(file('ca.pem'), 'utf8')
  let issued = 0
  return {
    cert,
    async issue(commonName = 'pbx.test') {
      const n = ++issued
      await writeFile(
        file(`ext${n}.cnf`),
        'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' +
          'basicConstraints=CA:FALSE\n',
      )
      await run('openssl', [
        'req',
        '-new',
        ...ec,
        '-keyout',
        file(`s${n}.key`),
        '-out',
        file(`s${n}.csr`),
        '-subj',
        `/CN=${commonName}`,
      ])
      await run('openssl', [
        'x509',
        '-req',
        '-in',
        file(`s${n}.csr`),
        '-CA',
        file('ca.pem'),
        '-CAkey',
        file('ca.key'),
        '-CAcreateserial',
        '-out',
        file(`s${n}.pem`),
        '-days',
        '2',
        '-extfile',
        file(`ext${n}.cnf`),
      ])
      const [key, leaf] = await Promise.all([
        readFile(file(`s${n}.key`), 'utf8'),
        readFile(file(`s${n}.pem`), 'utf8'),
      ])
      return {
        key,
        cert: leaf,
        fingerprint: new X509Certificate(leaf).fingerprint256.toUpperCase(),
      }
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  }
}
