/**
 * The demo's PBXCloud face varies what no source fixes (PLATFORM-FACTS P10, P5
 * positions), per start seed, and keeps what the sources fix (P4, P6) as it is.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '../src/testing'
import { call } from './support/demo-http'

const started: DemoPbx[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((pbx) => pbx.close()))
})

async function demoWith(formatSeed: number): Promise<DemoPbx> {
  const pbx = await startDemoPbx({
    clock: new ManualClock(),
    autopilot: false,
    jade: false,
    formatSeed,
  })
  started.push(pbx)
  return pbx
}

describe('demo PBXCloud face: what is unknown varies by seed', () => {
  it('undocumented tables change key case, order and extras between seeds; documented ones do not', async () => {
    const blfsHeads = new Set<string>()
    const agentOrders = new Set<string>()
    const extensionHeads = new Set<string>()
    const voicemailHeads = new Set<string>()
    for (let seed = 1; seed <= 12; seed++) {
      const pbx = await demoWith(seed)
      expect(pbx.pbxcloud.formatSeed).toBe(seed)
      const blfs = JSON.parse((await call(pbx, { reqtype: 'BLFS', format: 'json' })).text)
      blfsHeads.add(Object.keys(blfs[0]).join(','))
      const agents = JSON.parse(
        (await call(pbx, { reqtype: 'INFO', info: 'agents', queue: '281', format: 'json' })).text,
      )
      agentOrders.add(
        Object.values(agents['201'] ?? {})
          .map(String)
          .join(','),
      )
      const extensions = JSON.parse(
        (await call(pbx, { reqtype: 'INFO', info: 'extensions', format: 'json' })).text,
      )
      extensionHeads.add(Object.keys(extensions[0]).join(','))
      voicemailHeads.add(
        (await call(pbx, { reqtype: 'VOICEMAIL', action: 'messages', mailbox: '201' })).text
          .split('\n')[0]!
          .replace(/\|$/, ''),
      )
      await pbx.close()
      started.pop()
    }
    expect(blfsHeads.size).toBeGreaterThan(3)
    expect(agentOrders.size).toBeGreaterThan(3)
    expect([...extensionHeads]).toHaveLength(1)
    expect([...voicemailHeads]).toEqual(['Msgid|CallerID|Duration|DateTime|Dir'])
  })

  it('the same seed gives the same answer shape, whatever was asked before', async () => {
    const a = await demoWith(42)
    const b = await demoWith(42)
    await call(b, { reqtype: 'FLOWS', format: 'json' })
    const first = (await call(a, { reqtype: 'PEERS', format: 'json' })).text
    const second = (await call(b, { reqtype: 'PEERS', format: 'json' })).text
    expect(first).toBe(second)
    const keysA = Object.keys(
      JSON.parse((await call(a, { reqtype: 'BLFS', format: 'json' })).text)[0],
    )
    const keysB = Object.keys(
      JSON.parse((await call(b, { reqtype: 'BLFS', format: 'json' })).text)[0],
    )
    expect(keysA).toEqual(keysB)
  })
})
