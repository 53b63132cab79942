import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '../../src/main/demo'
import { call, rows } from '../support/demo-http'

let pbx: DemoPbx
let clock: ManualClock

beforeEach(async () => {
  clock = new ManualClock()
  pbx = await startDemoPbx({ clock, seed: 7 })
})
afterEach(async () => {
  await pbx.close()
})

describe('demo PBXCloud face: reads in both formats', () => {
  it('INFO config is one row in plain and one object in JSON', async () => {
    const plain = await call(pbx, { reqtype: 'INFO', info: 'config' })
    expect(plain.text).toBe('Code|Name|Country|Timezone\nDEMO|Demo ApS|DK|UTC\n')
    const json = await call(pbx, { reqtype: 'INFO', info: 'config', format: 'json' })
    expect(json.type).toContain('application/json')
    expect(JSON.parse(json.text)).toEqual({
      Code: 'DEMO',
      Name: 'Demo ApS',
      Country: 'DK',
      Timezone: 'UTC',
    })
  })

  it('INFO extensions lists the twelve people with SIP usernames and states', async () => {
    const list = await rows(pbx, { reqtype: 'INFO', info: 'extensions' })
    expect(list).toHaveLength(12)
    expect(list[0]).toMatchObject({
      Number: '201',
      Name: 'Mette Nielsen',
      Tech: 'SIP',
      State: 'NOT_INUSE',
      Username: '201-DEMO',
    })
    expect(list[0]?.Password).toMatch(/^[0-9a-f]{12}$/)
    expect(list.find((e) => e.Number === '212')?.State).toBe('UNAVAILABLE')
    const json = JSON.parse(
      (await call(pbx, { reqtype: 'INFO', info: 'extensions', format: 'json' })).text,
    )
    expect(json).toHaveLength(12)
    expect(Object.keys(json[0])).toEqual([
      'Number',
      'Name',
      'Tech',
      'State',
      'Username',
      'Password',
    ])
  })

  it('BLFS gives peers and flows, with DND for a do-not-disturb peer', async () => {
    pbx.state.setDnd('DEMO', '203', true)
    const list = await rows(pbx, { reqtype: 'BLFS' })
    expect(list.find((r) => r.Number === '203')).toEqual({
      Type: 'PEER',
      Number: '203',
      Name: '203-DEMO',
      State: 'DND',
    })
    expect(list.find((r) => r.Type === 'FLOW')).toEqual({
      Type: 'FLOW',
      Number: '*901',
      Name: 'Night mode',
      State: 'NOT_INUSE',
    })
    const json = JSON.parse((await call(pbx, { reqtype: 'BLFS', format: 'json' })).text)
    expect(json).toHaveLength(14)
  })

  it('PEERS shows latency for registered phones and UNREACHABLE otherwise', async () => {
    const list = await rows(pbx, { reqtype: 'PEERS' })
    expect(list[0]?.Peer).toBe('201-DEMO')
    expect(list[0]?.Status).toMatch(/^OK \(\d+ ms\)$/)
    expect(list.find((r) => r.Peer === '212-DEMO')?.Status).toBe('UNREACHABLE')
    expect(JSON.parse((await call(pbx, { reqtype: 'PEERS', format: 'json' })).text)[0].Port).toBe(
      '5060',
    )
  })

  it('answers an empty result with a 0-byte body in both formats', async () => {
    for (const format of ['plain', 'json']) {
      const a = await call(pbx, { reqtype: 'CHANNELS', format })
      expect(a.status).toBe(200)
      expect(a.bytes.length).toBe(0)
    }
    const none = await call(pbx, {
      reqtype: 'PHONEBOOK',
      phonebook: 'default',
      subreqtype: 'query',
      field: 'name',
      value: 'Zz%',
    })
    expect(none.bytes.length).toBe(0)
  })

  it('CHANNELS shows both legs of a ringing call with one linked id, in both formats', async () => {
    const sim = pbx.scenario.inboundCall({
      from: '+4520304050',
      fromName: 'Alice',
      to: '201',
      ringMs: 5000,
    })
    clock.advance(2000)
    const list = await rows(pbx, { reqtype: 'CHANNELS' })
    expect(list).toHaveLength(2)
    const [trunk, phone] = list
    expect(trunk).toMatchObject({
      CallerIDNum: '+4520304050',
      CallerIDName: 'Alice',
      Exten: '201',
      State: 'Ring',
      Application: 'Dial',
      Duration: '2',
      LinkedID: sim.id,
      Queue: '',
      OnHold: 'no',
    })
    expect(trunk?.Channel).toMatch(/^SIP\/trunk-[0-9a-f]{8}$/)
    expect(phone?.Channel).toMatch(/^SIP\/201-DEMO-[0-9a-f]{8}$/)
    expect(phone).toMatchObject({
      CallerIDNum: '201',
      ConnectedNum: '+4520304050',
      ConnectedName: 'Alice',
      State: 'Ringing',
      Application: 'AppDial',
      BridgedTo: '',
      LinkedID: sim.id,
    })
    const json = JSON.parse((await call(pbx, { reqtype: 'CHANNELS', format: 'json' })).text)
    expect(json.map((r: Record<string, string>) => r.LinkedID)).toEqual([sim.id, sim.id])
    clock.advance(4000)
    const up = await rows(pbx, { reqtype: 'CHANNELS' })
    expect(up.map((r) => r.State)).toEqual(['Up', 'Up'])
    expect(up[1]?.BridgedTo).toBe(up[0]?.Channel)
  })

  it('INFO queues and agents report waiting callers, pauses and calls taken', async () => {
    pbx.state.queues.pause('DEMO', '281', '203', 'Frokost')
    const queues = await rows(pbx, { reqtype: 'INFO', info: 'queues' })
    expect(queues).toEqual([
      { Id: '281', Name: 'Kundeservice', Strategy: 'ringall', Waiting: '0' },
      { Id: '282', Name: 'Support', Strategy: 'ringall', Waiting: '0' },
    ])
    pbx.scenario.inboundCall({
      from: '+4540112233',
      queue: '281',
      ringMs: 3000,
      answeredBy: '202',
      talkMs: 10_000,
    })
    expect((await rows(pbx, { reqtype: 'INFO', info: 'queues' }))[0]?.Waiting).toBe('1')
    clock.advance(4000)
    const agents = await rows(pbx, { reqtype: 'INFO', info: 'agents', queue: '281' })
    expect(agents).toHaveLength(5)
    expect(agents.find((a) => a.Extension === '203-DEMO')).toMatchObject({
      Paused: 'yes',
      PauseReason: 'Frokost',
      Name: 'Anne Hansen',
    })
    expect(agents.find((a) => a.Extension === '202-DEMO')).toMatchObject({
      Status: 'INUSE',
      CallsTaken: '1',
      LastCall: String(Math.floor(clock.now() / 1000) - 1),
    })
    const json = JSON.parse(
      (await call(pbx, { reqtype: 'INFO', info: 'agents', format: 'json' })).text,
    )
    expect(json).toHaveLength(9)
    expect((await call(pbx, { reqtype: 'INFO', info: 'agents', queue: '999' })).text).toBe(
      'Error|Queue not found|',
    )
  })

  it('PHONEBOOK query matches with % wildcards on name or number', async () => {
    const byName = await rows(pbx, {
      reqtype: 'PHONEBOOK',
      phonebook: 'default',
      subreqtype: 'query',
      field: 'name',
      value: 'alice%',
    })
    expect(byName).toEqual([
      {
        peid: expect.any(String),
        name: 'Alice Mortensen',
        number: '+4520304050',
        company: 'Mortensen VVS',
        email: 'alice@mortensen.example',
      },
    ])
    const byNumber = await rows(pbx, {
      reqtype: 'PHONEBOOK',
      phonebook: 'default',
      subreqtype: 'query',
      field: 'number',
      value: '%4050',
    })
    expect(byNumber.map((r) => r.name)).toEqual(['Alice Mortensen'])
    const json = JSON.parse(
      (
        await call(pbx, {
          reqtype: 'PHONEBOOK',
          phonebook: 'default',
          subreqtype: 'query',
          field: 'name',
          value: '%',
          format: 'json',
        })
      ).text,
    )
    expect(json).toHaveLength(6)
    expect(
      (
        await call(pbx, {
          reqtype: 'PHONEBOOK',
          phonebook: 'nope',
          subreqtype: 'query',
          field: 'name',
          value: '%',
        })
      ).text,
    ).toBe('Error|Phonebook not found|')
  })

  it('FLOWS lists the day/night switches in both formats', async () => {
    expect((await call(pbx, { reqtype: 'FLOWS' })).text).toBe(
      'Number|Name|State\n*901|Night mode|NOT_INUSE\n*902|Lunch closed|NOT_INUSE\n',
    )
    expect(JSON.parse((await call(pbx, { reqtype: 'FLOWS', format: 'json' })).text)[0]).toEqual({
      Number: '*901',
      Name: 'Night mode',
      State: 'NOT_INUSE',
    })
  })
})
