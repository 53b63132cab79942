/**
 * Day/night flows are a list the window reads when it wants it, not a request
 * hidden in every snapshot: a window that loads (or reloads) its picture costs
 * the PBX nothing, and the safe switches still get their list and its changes.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDemoForApp, type DemoPbx } from '@switchboard/demo-pbx/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestingCore, type TestingCore } from '../../src/main/core/app/testing'
import { memoryLogger } from '../../src/main/log'
import type { Flow } from '../../src/shared/model'

let core: TestingCore<DemoPbx>

beforeAll(async () => {
  core = await createTestingCore({
    dataDir: await mkdtemp(join(tmpdir(), 'sb-flows-')),
    shell: 'browser',
    version: '0.0.0-test',
    log: memoryLogger(),
    demo: { office: false, start: startDemoForApp },
  })
})

afterAll(async () => {
  await core.close()
})

const flowRequests = (): number => core.demo!.pbxcloud.countOf('FLOWS')

describe('day/night flows', () => {
  it('loading the window’s picture asks the PBX for no flows', async () => {
    const before = flowRequests()
    const answer = await core.dispatch('state:snapshot', undefined)
    expect(answer.ok).toBe(true)
    expect(answer.ok && 'flows' in answer.data).toBe(false)
    expect(flowRequests()).toBe(before)
  })

  it('are read when the window asks, and a switch tells every window the new list', async () => {
    const before = flowRequests()
    const listed = await core.dispatch('flows:list', { accountId: 'demo' })
    if (!listed.ok) throw new Error(listed.error.message)
    expect(listed.data.length).toBeGreaterThan(0)
    expect(flowRequests()).toBe(before + 1)
    const flow = listed.data[0]!
    let pushed: Flow[] = []
    const off = core.events.on((event) => {
      if (event.name === 'flows:changed') pushed = event.payload.flows
    })
    const switched = await core.dispatch('flow:set', {
      accountId: 'demo',
      flowId: flow.id,
      active: !flow.active,
    })
    off()
    expect(switched).toEqual({ ok: true, data: null })
    expect(pushed.find((f) => f.id === flow.id)?.active).toBe(!flow.active)
  })
})
