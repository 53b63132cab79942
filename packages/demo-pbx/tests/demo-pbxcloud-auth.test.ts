import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '../src/testing'
import { call, pipeRows } from './support/demo-http'

let pbx: DemoPbx
let clock: ManualClock

beforeEach(async () => {
  clock = new ManualClock()
  pbx = await startDemoPbx({ clock, seed: 7 })
})
afterEach(async () => {
  await pbx.close()
})

describe('demo PBXCloud face: authentication and errors', () => {
  it('answers a wrong key with the verbatim text, HTTP 200', async () => {
    const a = await call(pbx, { reqtype: 'BLFS' }, { key: 'nope' })
    expect(a.status).toBe(200)
    expect(a.text).toBe('Too bad... you mistaken the security api key.')
  })

  it('refuses an unknown tenant and an unknown request type', async () => {
    expect((await call(pbx, { reqtype: 'BLFS' }, { tenant: 'NOPE' })).text).toBe(
      'Error|Invalid tenant|',
    )
    const bad = await call(pbx, { reqtype: 'FROBNICATE' })
    expect(bad.status).toBe(200)
    expect(bad.text).toBe('Error|Invalid request type|')
  })

  it('lets the key name the tenant when none is given', async () => {
    const a = await call(pbx, { reqtype: 'INFO', info: 'config' }, { tenant: null })
    expect(pipeRows(a.text)[0]?.Code).toBe('DEMO')
  })

  it('accepts the read-only key for reads and refuses it for every write', async () => {
    const key = pbx.pbxcloud.readOnlyKey
    const blfs = pipeRows((await call(pbx, { reqtype: 'BLFS' }, { key })).text)
    expect(blfs.find((r) => r.Number === '201')).toMatchObject({ Type: 'PEER', Name: '201-DEMO' })
    const writes: Record<string, string>[] = [
      { reqtype: 'DIAL', source: '201', dest: '202', account: '201-DEMO' },
      { reqtype: 'HANGUP', channel: 'SIP/201-DEMO-00000001' },
      { reqtype: 'TRANSFER', channel: 'x', dest: '202' },
      { reqtype: 'ATXTRANSFER', channel: 'x', dest: '202' },
      { reqtype: 'AGENT', action: 'pause', queue: '281', extension: '202-DEMO' },
      { reqtype: 'VOICEMAIL', action: 'delete', mailbox: '201', msgid: 'x' },
      { reqtype: 'PHONEBOOK', phonebook: 'default', subreqtype: 'add', values: '{"name":"X"}' },
      { reqtype: 'SETFLOW', number: '*901', state: 'INUSE' },
    ]
    for (const w of writes) {
      expect((await call(pbx, w, { key })).text).toBe('Error|Permission denied, read only key|')
    }
    expect(pbx.state.calls.active('DEMO')).toHaveLength(0)
  })

  it('reads request types and actions in any letter case', async () => {
    const a = await call(pbx, { reqtype: 'voicemail', action: 'LIST' })
    expect(a.text.split('\n')[0]).toBe('Mailbox|Fullname|Email|Attach|')
  })
  it('counts requests per face and per request type', async () => {
    pbx.pbxcloud.resetCounts()
    await call(pbx, { reqtype: 'BLFS' })
    await call(pbx, { reqtype: 'channels' })
    await call(pbx, { reqtype: 'BLFS' }, { key: 'wrong' })
    expect(pbx.pbxcloud.requestCount).toBe(3)
    expect(pbx.pbxcloud.countOf('BLFS')).toBe(2)
    expect(pbx.pbxcloud.countOf('CHANNELS')).toBe(1)
  })
})
