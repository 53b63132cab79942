import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '../src/testing'
import { demoPhonebook } from '../src/demo-office-data'
import { call, jsonRows, pipeRows, rows } from './support/demo-http'

/** Keys lower-cased: the tenant's own phone book field names (P9), in any case. */
const lower = (list: Record<string, string>[]): Record<string, string>[] =>
  list.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v])))

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
    const plain = pipeRows((await call(pbx, { reqtype: 'INFO', info: 'config' })).text)
    expect(plain).toHaveLength(1)
    expect(plain[0]).toMatchObject({
      Code: 'DEMO',
      Name: 'Demo ApS',
      Country: 'DK',
      Timezone: 'UTC',
    })
    const json = await call(pbx, { reqtype: 'INFO', info: 'config', format: 'json' })
    expect(json.type).toContain('application/json')
    expect(json.text.trimStart().startsWith('{')).toBe(true)
    expect(jsonRows(json.text)[0]).toMatchObject({ Code: 'DEMO', Name: 'Demo ApS' })
  })

  it('INFO extensions: a plain table without trailing pipe, json ex_ rows with their secrets (P3, P4)', async () => {
    const plain = (await call(pbx, { reqtype: 'INFO', info: 'extensions' })).text
    expect(plain.split('\n')[0]).toBe('Number|Name|Tech|State|Username|Password')
    const list = pipeRows(plain)
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
    ) as Record<string, unknown>[]
    expect(json).toHaveLength(12)
    const first = json[0] ?? {}
    const keys = Object.keys(first)
    expect(keys.length).toBeGreaterThanOrEqual(40)
    expect(keys.filter((k) => !k.startsWith('ex_'))).toEqual(['password'])
    expect(keys).not.toContain('number')
    expect(keys).not.toContain('name')
    expect(Object.values(first).every((v) => typeof v === 'string')).toBe(true)
    expect(first).toMatchObject({
      ex_number: '201',
      ex_name: 'Mette Nielsen',
      ex_state: 'NOT_INUSE',
    })
    expect(first.password).toMatch(/^[0-9a-f]{12}$/)
    expect(first.ex_webpassword).not.toBe('')
    expect(first.ex_vmpassword).toMatch(/^\d+$/)
  })

  it('BLFS gives peers and flows, with DND for a do-not-disturb peer', async () => {
    pbx.state.setDnd('DEMO', '203', true)
    const list = await rows(pbx, { reqtype: 'BLFS' })
    expect(list.find((r) => r.Number === '203')).toMatchObject({
      Type: 'PEER',
      Number: '203',
      Name: '203-DEMO',
      State: 'DND',
    })
    expect(list.find((r) => r.Type === 'FLOW')).toMatchObject({
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
    expect(jsonRows((await call(pbx, { reqtype: 'PEERS', format: 'json' })).text)[0]?.Port).toBe(
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
      phonebook: demoPhonebook,
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
    const json = jsonRows((await call(pbx, { reqtype: 'CHANNELS', format: 'json' })).text)
    expect(json.map((r) => r.LinkedID)).toEqual([sim.id, sim.id])
    clock.advance(4000)
    const up = await rows(pbx, { reqtype: 'CHANNELS' })
    expect(up.map((r) => r.State)).toEqual(['Up', 'Up'])
    expect(up[1]?.BridgedTo).toBe(up[0]?.Channel)
  })

  it('INFO queues and agents report waiting callers, pauses and calls taken', async () => {
    pbx.state.queues.pause('DEMO', '281', '203', 'Frokost')
    const queues = await rows(pbx, { reqtype: 'INFO', info: 'queues' })
    expect(queues.map((q) => [q.Id, q.Name, q.Waiting])).toEqual([
      ['281', 'Kundeservice', '0'],
      ['282', 'Support', '0'],
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
    // P5: plain is one line `id:State|…|`.
    const plain = (await call(pbx, { reqtype: 'INFO', info: 'agents', queue: '281' })).text
    expect(plain).not.toContain('\n')
    expect(plain).toMatch(/^(\d+:[A-Za-z ]+\|){5}$/)
    expect(plain).toContain('203:Paused|')
    expect(plain).toContain('202:In use|')
    // P5: json is an object keyed by agent id, values under positional keys.
    const json = JSON.parse(
      (await call(pbx, { reqtype: 'INFO', info: 'agents', queue: '281', format: 'json' })).text,
    ) as Record<string, Record<string, unknown>>
    expect(Array.isArray(json)).toBe(false)
    expect(Object.keys(json)).toHaveLength(5)
    const anne = json['203'] ?? {}
    expect(Object.keys(anne).every((k) => /^\d+$/.test(k))).toBe(true)
    const values = Object.values(anne).map(String)
    expect(values).toEqual(expect.arrayContaining(['281', '203-DEMO', 'Paused']))
    expect((await call(pbx, { reqtype: 'INFO', info: 'agents', queue: '999' })).text).toBe(
      'Error|Queue not found|',
    )
  })

  it('PHONEBOOK query matches with % wildcards on name or number', async () => {
    const byName = lower(
      await rows(pbx, {
        reqtype: 'PHONEBOOK',
        phonebook: demoPhonebook,
        subreqtype: 'query',
        field: 'name',
        value: 'alice%',
      }),
    )
    expect(byName).toMatchObject([
      {
        peid: expect.any(String),
        name: 'Alice Mortensen',
        number: '+4520304050',
        company: 'Mortensen VVS',
        email: 'alice@mortensen.example',
      },
    ])
    const byNumber = lower(
      await rows(pbx, {
        reqtype: 'PHONEBOOK',
        phonebook: demoPhonebook,
        subreqtype: 'query',
        field: 'number',
        value: '%4050',
      }),
    )
    expect(byNumber.map((r) => r.name)).toEqual(['Alice Mortensen'])
    const json = JSON.parse(
      (
        await call(pbx, {
          reqtype: 'PHONEBOOK',
          phonebook: demoPhonebook,
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
    const plain = pipeRows((await call(pbx, { reqtype: 'FLOWS' })).text)
    expect(plain.map((f) => [f.Number, f.Name, f.State])).toEqual([
      ['*901', 'Night mode', 'NOT_INUSE'],
      ['*902', 'Lunch closed', 'NOT_INUSE'],
    ])
    expect(jsonRows((await call(pbx, { reqtype: 'FLOWS', format: 'json' })).text)[0]).toMatchObject(
      {
        Number: '*901',
        Name: 'Night mode',
        State: 'NOT_INUSE',
      },
    )
  })

  it('PHONEBOOKS lists the tenant phone books, which are not called default (P9)', async () => {
    const books = lower(await rows(pbx, { reqtype: 'PHONEBOOKS' }))
    expect(books.map((b) => b.name)).toEqual([demoPhonebook])
  })
})
