/**
 * What the Electron shell and the browser bridge may ask of the core, against the
 * demo PBX over real HTTP: the tray's first picture, whether an update must wait
 * for a call, which accounts media may come from, and a typed request. None of
 * it needs the sessions (the shell's `AppCore` has none).
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDemoForApp, type DemoPbx } from '@switchboard/demo-pbx/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppCore } from '../../src/main/core/app/app-core'
import { createTestingCore, type TestingCore } from '../../src/main/core/app/testing'
import { memoryLogger } from '../../src/main/log'
import type { Call } from '../../src/shared/model'

let testing: TestingCore<DemoPbx>
/** The same core as the shell sees it. */
let core: AppCore

beforeAll(async () => {
  testing = await createTestingCore({
    dataDir: await mkdtemp(join(tmpdir(), 'sb-shell-view-')),
    shell: 'electron',
    version: '0.0.0-test',
    log: memoryLogger(),
    demo: { office: false, start: startDemoForApp },
  })
  core = testing
})

afterAll(async () => {
  await core.close()
})

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 15_000
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('the core as the shell sees it', () => {
  it('gives the tray its accounts and how each is connected', async () => {
    const first = await core.trayState()
    expect(first.accounts.map((a) => [a.id, a.demo])).toEqual([['demo', true]])
    expect(first.statuses.map((s) => s.accountId)).toEqual(['demo'])
    await until(
      async () => (await core.trayState()).statuses[0]?.detail === 'online',
      'the demo account online',
    )
  })

  it('serves media only for the accounts that run', () => {
    expect(core.accountIds()).toEqual(['demo'])
  })

  it('says a call is up while one rings, so an update waits, and not once it ended', async () => {
    expect(core.hasLiveCalls()).toBe(false)
    let calls: Call[] = []
    const off = core.events.on((event) => {
      if (event.name === 'calls:changed') calls = event.payload.calls
    })
    testing.demo!.scenario.inboundCall({
      from: '+4570102030',
      to: '201',
      ringMs: 60_000,
      outcome: 'missed',
    })
    await until(() => core.hasLiveCalls(), 'the call ringing')
    const ringing = calls[0]!
    const hungUp = await core.dispatch('call:hangup', {
      accountId: ringing.accountId,
      callId: ringing.id,
    })
    expect(hungUp).toEqual({ ok: true, data: null })
    await until(() => !core.hasLiveCalls(), 'the call gone')
    off()
  })

  it('answers a request with the type of its channel', async () => {
    const answer = await core.dispatch('accounts:list', undefined)
    // Typed by the contract: no cast between the answer and its fields.
    const ids = answer.ok ? answer.data.map((account) => account.displayName) : []
    expect(ids).toEqual(['Demo office'])
  })
})
