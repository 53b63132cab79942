import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '../src/testing'
import { call, jsonRows, pipeRows, readWav } from './support/demo-http'

/** CDR columns are undocumented (P10): their case varies, so they are read lower-cased. */
const lower = (text: string): Record<string, string>[] =>
  jsonRows(text).map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v])),
  )

let pbx: DemoPbx
let clock: ManualClock

beforeEach(async () => {
  clock = new ManualClock()
  pbx = await startDemoPbx({ clock, seed: 7 })
})
afterEach(async () => {
  await pbx.close()
})

describe('demo PBXCloud face: voicemail, history and recordings', () => {
  it('VOICEMAIL list and messages keep the trailing pipe, and the message is a real WAV', async () => {
    const list = await call(pbx, { reqtype: 'VOICEMAIL', action: 'list' })
    expect(list.text.split('\n')[1]).toBe('201|Mette Nielsen|mette@demo.example|yes|')
    const msgs = await call(pbx, { reqtype: 'VOICEMAIL', action: 'messages', mailbox: '201' })
    const lines = msgs.text.trim().split('\n')
    // P6: these five fields; P3: whether the line ends with a pipe is not fixed.
    expect(lines[0]).toMatch(/^Msgid\|CallerID\|Duration\|DateTime\|Dir\|?$/)
    expect(lines).toHaveLength(4)
    const parsed = pipeRows(msgs.text)
    expect(parsed.map((m) => (m.Dir ?? '').split('/').pop())).toEqual(['Old', 'INBOX', 'INBOX'])
    expect(parsed[1]?.CallerID).toBe('"Alice Mortensen" <+4520304050>')
    expect(parsed[0]?.CallerID).toBe('+4540112233')
    expect(parsed[1]?.Msgid).toMatch(/^\d{10}-\d{8}$/)
    const json = JSON.parse(
      (
        await call(pbx, {
          reqtype: 'VOICEMAIL',
          action: 'messages',
          mailbox: '201',
          format: 'json',
        })
      ).text,
    )
    expect(json[2].Duration).toBe('6')
    const audio = await call(pbx, {
      reqtype: 'VOICEMAIL',
      action: 'message',
      mailbox: '201',
      msgid: parsed[1]?.Msgid ?? '',
    })
    expect(audio.type).toBe('audio/wav')
    const wav = readWav(audio.bytes)
    expect(wav).toMatchObject({
      riff: 'RIFF',
      wave: 'WAVE',
      format: 1,
      channels: 1,
      sampleRate: 8000,
      byteRate: 16000,
      bits: 16,
    })
    expect(wav.riffSize).toBe(audio.bytes.length - 8)
    expect(wav.dataSize).toBe(audio.bytes.length - 44)
    expect(wav.dataSize).toBe(9 * 16000)
    // Not silence: some samples carry the tone.
    expect(
      Math.max(
        ...Array.from({ length: 400 }, (_, i) =>
          Math.abs(audio.bytes.readInt16LE(44 + 2 * (i + 2000))),
        ),
      ),
    ).toBeGreaterThan(1000)
    const missing = await call(pbx, {
      reqtype: 'VOICEMAIL',
      action: 'message',
      mailbox: '201',
      msgid: '1-00000000',
    })
    expect(missing.bytes.length).toBe(0)
    expect(
      (await call(pbx, { reqtype: 'VOICEMAIL', action: 'messages', mailbox: '999' })).text,
    ).toBe('Error|Mailbox not found|')
  })

  it('INFO cdrs answers CSV and JSON for a date range, with recordings as WAV', async () => {
    pbx.scenario.inboundCall({
      from: '+4551234567',
      fromName: 'Peter, "PH" Holm',
      to: '201',
      ringMs: 3000,
      talkMs: 12_000,
      recorded: true,
    })
    clock.advance(20_000)
    const csv = await call(pbx, {
      reqtype: 'INFO',
      info: 'cdrs',
      format: 'csv',
      start: '2025-01-06 09:00:00',
      end: '2025-01-06 10:00:00',
    })
    expect(csv.type).toContain('text/csv')
    const lines = csv.text.trim().split('\n')
    expect(lines[0]).toBe(
      'calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,uniqueid,linkedid,userfield',
    )
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(
      /^2025-01-06 09:00:00,"""Peter, ""PH"" Holm"" <\+4551234567>",\+4551234567,201,from-trunk,SIP\/trunk-[0-9a-f]{8},SIP\/201-DEMO-[0-9a-f]{8},Dial,"SIP\/201,30,tT",15,12,ANSWERED,DOCUMENTATION,[\d.]+,[\d.]+,recorded$/,
    )
    const all = lower(
      (
        await call(pbx, {
          reqtype: 'INFO',
          info: 'cdrs',
          format: 'json',
          start: '2025-01-05',
          end: '2025-01-06',
        })
      ).text,
    )
    expect(all.length).toBe(9) // yesterday's eight plus this one
    const mine = all.find(
      (c) => c.src === '+4551234567' && (c.calldate ?? '').startsWith('2025-01-06 09'),
    )
    expect(mine).toMatchObject({
      disposition: 'ANSWERED',
      billsec: '12',
      duration: '15',
      userfield: 'recorded',
    })
    const rec = await call(pbx, { reqtype: 'INFO', info: 'recording', id: mine?.uniqueid ?? '' })
    expect(rec.type).toBe('audio/wav')
    expect(readWav(rec.bytes).dataSize).toBe(12 * 16000)
    const none = await call(pbx, { reqtype: 'INFO', info: 'recording', id: '123.4' })
    expect(none.bytes.length).toBe(0)
    expect(
      (await call(pbx, { reqtype: 'INFO', info: 'cdrs', start: '2030-01-01', end: '2030-01-02' }))
        .bytes.length,
    ).toBe(0)
    expect((await call(pbx, { reqtype: 'INFO', info: 'cdrs', start: 'yesterday' })).text).toBe(
      'Error|Invalid date|',
    )
  })
})
