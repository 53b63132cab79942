import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '../src/testing'
import { call, pipeRows } from './support/demo-http'

let pbx: DemoPbx

beforeEach(async () => {
  pbx = await startDemoPbx({ clock: new ManualClock(), seed: 5 })
})
afterEach(async () => {
  await pbx.close()
})

const blfs = (): Promise<Awaited<ReturnType<typeof call>>> => call(pbx, { reqtype: 'BLFS' })

describe('demo PBX fault injection', () => {
  it('latency holds the answer until the added time has passed, then answers normally', async () => {
    // The server's timers are the test's: no wall-clock window to miss on a busy machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const fault = pbx.pbxcloud.faults.add({ kind: 'latency', ms: 150, times: 1 })
      let answered = false
      const slow = blfs().then((r) => ((answered = true), r))
      while (pbx.pbxcloud.requestCount < 1) await new Promise((r) => setImmediate(r))
      await vi.advanceTimersByTimeAsync(149)
      expect(answered).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      expect(pipeRows((await slow).text).find((r) => r.Number === '201')?.Type).toBe('PEER')
      expect(fault.hits).toBe(1)
      // Spent: the next request is not held (with the clock stopped, a held one never answers).
      expect((await blfs()).status).toBe(200)
    } finally {
      vi.useRealTimers()
    }
  })

  it('http5xx answers the given status only the given number of times', async () => {
    pbx.pbxcloud.faults.add({ kind: 'http5xx', status: 503, times: 2 })
    expect((await blfs()).status).toBe(503)
    expect((await blfs()).status).toBe(503)
    expect((await blfs()).status).toBe(200)
  })

  it('match limits a fault to some requests', async () => {
    const fault = pbx.pbxcloud.faults.add({
      kind: 'http5xx',
      status: 500,
      match: (r) => r.reqtype === 'CHANNELS',
    })
    expect((await blfs()).status).toBe(200)
    expect((await call(pbx, { reqtype: 'channels' })).status).toBe(500)
    expect(fault.hits).toBe(1)
    fault.remove()
    expect((await call(pbx, { reqtype: 'CHANNELS' })).status).toBe(200)
  })

  it('reset destroys the connection', async () => {
    pbx.pbxcloud.faults.add({ kind: 'reset', times: 1 })
    await expect(blfs()).rejects.toThrow()
    expect((await blfs()).status).toBe(200)
  })

  it('hang never answers, and closing the server does not wait for it', async () => {
    pbx.pbxcloud.faults.add({ kind: 'hang' })
    const aborted = call(pbx, { reqtype: 'BLFS' }, { init: { signal: AbortSignal.timeout(200) } })
    await expect(aborted).rejects.toThrow()
    const pending = blfs()
    pending.catch(() => undefined)
    while (pbx.pbxcloud.requestCount < 2) await new Promise((r) => setTimeout(r, 5))
    const closing = Date.now()
    await pbx.close()
    expect(Date.now() - closing).toBeLessThan(1000)
    await expect(pending).rejects.toThrow()
    pbx = await startDemoPbx({ clock: new ManualClock() }) // for afterEach
  })

  it('malformed truncates or garbles a real answer', async () => {
    const full = (await blfs()).text
    pbx.pbxcloud.faults.add({ kind: 'malformed', times: 1 })
    const cut = await blfs()
    expect(cut.status).toBe(200)
    expect(cut.text.length).toBe(Math.floor(Buffer.byteLength(full) / 2))
    expect(full.startsWith(cut.text)).toBe(true)
    pbx.pbxcloud.faults.add({ kind: 'malformed', mode: 'garbage', times: 1 })
    const junk = await call(pbx, { reqtype: 'BLFS', format: 'json' })
    expect(() => JSON.parse(junk.text)).toThrow()
  })

  it('html answers an nginx error page with status 502 or 200', async () => {
    pbx.pbxcloud.faults.add({ kind: 'html', times: 1 })
    pbx.pbxcloud.faults.add({ kind: 'html', status: 200, times: 1 })
    const bad = await blfs()
    expect(bad.status).toBe(502)
    expect(bad.type).toContain('text/html')
    expect(bad.text).toContain('<title>502 Bad Gateway</title>')
    const ok = await blfs()
    expect(ok.status).toBe(200)
    expect(ok.text).toMatch(/^<html>/)
  })

  it('rate_limit answers 429 with Retry-After', async () => {
    pbx.pbxcloud.faults.add({ kind: 'rate_limit', retryAfterSec: 7, times: 1 })
    const limited = await blfs()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    expect((await blfs()).status).toBe(200)
  })

  it('counts faulted requests too', async () => {
    pbx.pbxcloud.resetCounts()
    pbx.pbxcloud.faults.add({ kind: 'http5xx', times: 1 })
    await blfs()
    await blfs()
    expect(pbx.pbxcloud.requestCount).toBe(2)
    expect(pbx.pbxcloud.faults.size).toBe(0)
  })
})
