/**
 * A stored secret never follows an account to another server. The finding this
 * reproduces: an account saved with its key, saved again pointing at a listener
 * on this machine without a secret, sent `key=<the stored key>` there in clear.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDemoForApp, type DemoPbx } from '@switchboard/demo-pbx/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestingCore, type TestingCore } from '../../src/main/core/app/testing'
import { memoryLogger } from '../../src/main/log'
import { createMemoryBackend, SecretStore } from '../../src/main/secrets/secret-store'

let core: TestingCore<DemoPbx>
let secrets: SecretStore
let listener: Server
let listenerUrl: string
const received: string[] = []

beforeAll(async () => {
  listener = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      received.push(`${req.url ?? ''} ${body}`)
      res.writeHead(500).end()
    })
  })
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`
  secrets = new SecretStore(createMemoryBackend())
  core = await createTestingCore({
    dataDir: await mkdtemp(join(tmpdir(), 'sb-redirect-')),
    shell: 'browser',
    version: '0.0.0-test',
    log: memoryLogger(),
    secrets,
    demo: { office: false, start: startDemoForApp },
  })
})

afterAll(async () => {
  await core.close()
  await new Promise((resolve) => listener.close(resolve))
})

function office(baseUrl: string, tenant?: string) {
  const demo = core.demo!.pbxcloud
  return {
    id: 'office',
    dialect: 'pbxcloud' as const,
    displayName: 'Kontoret',
    baseUrl,
    tenant: tenant ?? demo.tenant,
    ownExtension: demo.ownExtension,
  }
}

const hasSession = (id: string) => core.sessions.sessions().some((s) => s.accountId === id)

describe('a stored secret and a changed server', () => {
  it('does not send the stored key to a new address saved without one', async () => {
    const key = core.demo!.pbxcloud.apiKey
    const first = await core.dispatch('accounts:save', {
      config: office(core.demo!.pbxcloud.url),
      secret: key,
    })
    expect(first.ok).toBe(true)
    expect(await secrets.get('office', 'apiKey')).toBe(key)

    const moved = await core.dispatch('accounts:save', {
      config: office(`${listenerUrl}/pbx/proxyapi.php`),
    })
    expect(moved.ok).toBe(true)
    // The key is forgotten, so no session exists that could ever send it there.
    expect(await secrets.get('office', 'apiKey')).toBeNull()
    expect(hasSession('office')).toBe(false)
    expect(received.join('\n')).not.toContain(key)
  })

  it('uses a key given in the same save as the new address', async () => {
    const moved = await core.dispatch('accounts:save', {
      config: office(`${listenerUrl}/pbx/proxyapi.php`),
      secret: 'key-for-the-new-server',
    })
    expect(moved.ok).toBe(true)
    expect(await secrets.get('office', 'apiKey')).toBe('key-for-the-new-server')
  })

  it('forgets the key when only the tenant changes', async () => {
    await core.dispatch('accounts:save', {
      config: office(core.demo!.pbxcloud.url),
      secret: 'k-1',
    })
    await core.dispatch('accounts:save', { config: office(core.demo!.pbxcloud.url, 'OTHER') })
    expect(await secrets.get('office', 'apiKey')).toBeNull()
  })

  it('keeps the key when only the display name changes', async () => {
    await core.dispatch('accounts:save', { config: office(core.demo!.pbxcloud.url), secret: 'k-2' })
    await core.dispatch('accounts:save', {
      config: { ...office(core.demo!.pbxcloud.url), displayName: 'Reception' },
    })
    expect(await secrets.get('office', 'apiKey')).toBe('k-2')
  })

  it('forgets the jade password and supervisor password when the pin or user changes', async () => {
    const jade = {
      id: 'jade1',
      dialect: 'jade' as const,
      displayName: 'Jade',
      baseUrl: 'https://pbx.example.com:8081',
      username: 'mette',
      adminUsername: 'admin',
      ownExtension: '201',
    }
    await core.dispatch('accounts:save', { config: jade, secret: 'pw', adminSecret: 'apw' })
    expect(await secrets.get('jade1', 'password')).toBe('pw')
    const pin = `${'AB:'.repeat(31)}AB`
    await core.dispatch('accounts:save', { config: { ...jade, pinnedFingerprint: pin } })
    expect(await secrets.get('jade1', 'password')).toBeNull()
    expect(await secrets.get('jade1', 'adminPassword')).toBeNull()

    await core.dispatch('accounts:save', { config: jade, secret: 'pw', adminSecret: 'apw' })
    await core.dispatch('accounts:save', { config: { ...jade, adminUsername: 'root' } })
    expect(await secrets.get('jade1', 'password')).toBe('pw')
    expect(await secrets.get('jade1', 'adminPassword')).toBeNull()
  })
})
