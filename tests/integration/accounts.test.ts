/**
 * Adding, testing, editing and removing an account through the core's request
 * channels, against the demo PBX over real HTTP: the session starts and stops
 * without a restart, secrets go to the store and never come back, and the demo
 * office steps aside while a real account exists.
 */
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDemoForApp, type DemoPbx } from '@switchboard/demo-pbx/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestingCore, type TestingCore } from '../../src/main/core/app/testing'
import { memoryLogger } from '../../src/main/log'
import { createMemoryBackend, SecretStore } from '../../src/main/secrets/secret-store'
import type { AccountSummary } from '../../src/shared/model'
import type { Result } from '../../src/shared/result'

let core: TestingCore<DemoPbx>
let secrets: SecretStore
let dataDir: string
const log = memoryLogger()

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sb-accounts-'))
  secrets = new SecretStore(createMemoryBackend())
  core = await createTestingCore({
    dataDir,
    shell: 'browser',
    version: '0.0.0-test',
    log,
    secrets,
    demo: { office: false, start: startDemoForApp },
  })
})

afterAll(async () => {
  await core.close()
})

function pbxcloud(id: string, displayName = 'Kontoret') {
  const demo = core.demo!
  return {
    id,
    dialect: 'pbxcloud' as const,
    displayName,
    baseUrl: demo.pbxcloud.url,
    tenant: demo.pbxcloud.tenant,
    ownExtension: demo.pbxcloud.ownExtension,
  }
}

function error(result: Result<unknown>): string {
  expect(result.ok).toBe(false)
  return result.ok ? '' : `${result.error.kind}: ${result.error.message}`
}

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 10_000
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('account setup through the core', () => {
  it('tells a wrong key from an unreachable server, and names the user when it works', async () => {
    const wrong = await core.dispatch('accounts:test', {
      config: pbxcloud('t1'),
      secret: 'not-the-key',
    })
    expect(error(wrong)).toMatch(/^auth: .*API key/)
    expect(error(wrong)).not.toContain('not-the-key')

    const away = await core.dispatch('accounts:test', {
      config: { ...pbxcloud('t1'), baseUrl: 'http://127.0.0.1:9/pbx/proxyapi.php' },
      secret: core.demo!.pbxcloud.apiKey,
    })
    expect(error(away)).toMatch(/^network: /)

    const right = await core.dispatch('accounts:test', {
      config: pbxcloud('t1'),
      secret: core.demo!.pbxcloud.apiKey,
    })
    expect(right).toMatchObject({ ok: true, data: { ownExtension: '201' } })
    // Testing saves nothing.
    expect(await secrets.get('t1', 'apiKey')).toBeNull()
  })

  it('saves an account: the secret goes to the store, the session connects, the demo steps aside', async () => {
    const changed: AccountSummary[][] = []
    const off = core.events.on((event) => {
      if (event.name === 'accounts:changed') changed.push(event.payload)
    })
    const saved = await core.dispatch('accounts:save', {
      config: pbxcloud('office'),
      secret: core.demo!.pbxcloud.apiKey,
    })
    off()
    expect(saved).toMatchObject({ ok: true })
    const list = (saved as { data: AccountSummary[] }).data
    expect(list.map((a) => [a.id, a.demo])).toEqual([['office', false]])
    expect(changed.at(-1)).toEqual(list)
    expect(await secrets.get('office', 'apiKey')).toBe(core.demo!.pbxcloud.apiKey)
    // The settings file holds the account but never the key.
    const file = await readFile(join(dataDir, 'settings.json'), 'utf8')
    expect(file).toContain('"office"')
    expect(file).not.toContain(core.demo!.pbxcloud.apiKey)
    await until(
      () => core.sessions.sessions().some((s) => s.accountId === 'office' && s.state === 'online'),
      'the new account online',
    )
    const configs = await core.dispatch('accounts:configs', undefined)
    expect(JSON.stringify(configs)).not.toContain(core.demo!.pbxcloud.apiKey)
  })

  it('edits the name and keeps the stored key when none is given; refuses a new PBX type', async () => {
    const edited = await core.dispatch('accounts:save', {
      config: pbxcloud('office', 'Reception'),
    })
    expect(edited).toMatchObject({ ok: true, data: [{ id: 'office', displayName: 'Reception' }] })
    expect(await secrets.get('office', 'apiKey')).toBe(core.demo!.pbxcloud.apiKey)

    const retyped = await core.dispatch('accounts:save', {
      config: {
        id: 'office',
        dialect: 'jade',
        displayName: 'Reception',
        baseUrl: 'https://127.0.0.1:1',
        username: 'mette',
        ownExtension: '201',
      },
      secret: 'x',
    })
    expect(error(retyped)).toMatch(/^invalid_argument: .*PBX type/)

    const noSecret = await core.dispatch('accounts:save', { config: pbxcloud('other') })
    expect(error(noSecret)).toMatch(/^invalid_argument: .*needs its password/)
  })

  it('removes the account with its secret and brings the demo office back', async () => {
    const removed = await core.dispatch('accounts:remove', { accountId: 'office' })
    expect(removed).toMatchObject({ ok: true, data: [{ demo: true }] })
    expect(await secrets.get('office', 'apiKey')).toBeNull()
    expect(core.sessions.sessions().some((s) => s.accountId === 'office')).toBe(false)
    expect(error(await core.dispatch('accounts:remove', { accountId: 'office' }))).toMatch(
      /^not_found: /,
    )
  })

  it('refuses a malformed account before it reaches the PBX', async () => {
    const bad = await core.dispatch('accounts:save', {
      config: { ...pbxcloud('x'), baseUrl: 'javascript:alert(1)' },
      secret: 'k',
    })
    expect(error(bad)).toMatch(/^invalid_argument: /)
  })
})
