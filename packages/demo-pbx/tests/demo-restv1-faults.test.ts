import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '../src/testing'
import { api, token } from './demo-restv1-support'

let pbx: DemoPbx
let bearer: string

beforeEach(async () => {
  pbx = await startDemoPbx({ clock: new ManualClock(), seed: 5 })
  bearer = await token(pbx)
})
afterEach(async () => {
  await pbx.close()
})

const callsPath = (): string => `/extension/${pbx.restv1.extensionId}/current_calls/`

describe('demo REST face: fault injection', () => {
  it('a fault matched on the path hits only those requests, `times` times', async () => {
    const fault = pbx.restv1.faults.add({
      kind: 'http5xx',
      status: 503,
      times: 2,
      match: (r) => r.path.endsWith('/current_calls/'),
    })
    expect((await api(pbx, bearer, 'GET', '/user/')).status).toBe(200)
    for (let i = 0; i < 2; i++) {
      const answer = await api(pbx, bearer, 'GET', callsPath())
      expect(answer.status).toBe(503)
      // A failing proxy in front of the API: no JSON, no rate-limit headers.
      expect(answer.headers.get('x-ratelimit-limit')).toBeNull()
    }
    expect(fault.hits).toBe(2)
    expect((await api(pbx, bearer, 'GET', callsPath())).status).toBe(200)
  })

  it('matches on the route name, and counts requests and token requests', async () => {
    pbx.restv1.faults.add({
      kind: 'html',
      times: 1,
      match: (r) => r.reqtype === 'GET /EXTENSION/{EXT}/CURRENT_CALLS',
    })
    const html = await api(pbx, bearer, 'GET', callsPath())
    expect(html.status).toBe(502)
    expect(html.headers.get('content-type')).toBe('text/html')
    expect(pbx.restv1.countOf('GET /extension/{ext}/current_calls')).toBe(1)
    expect(pbx.restv1.countOf('POST /oauth/token')).toBe(1)
    expect(pbx.restv1.tokenRequests).toBe(1)
    expect(pbx.restv1.requestCount).toBe(2)
  })

  it('malformed bodies, resets and injected 429s', async () => {
    pbx.restv1.faults.add({ kind: 'malformed', times: 1 })
    const cut = await fetch(`${pbx.restv1.url}/api/ver1.0/user/`, {
      headers: { Authorization: `Bearer ${bearer}` },
    })
    await expect(cut.json()).rejects.toThrow()
    pbx.restv1.faults.add({ kind: 'reset', times: 1 })
    await expect(fetch(`${pbx.restv1.url}/api/ver1.0/user/`)).rejects.toThrow()
    pbx.restv1.faults.add({ kind: 'rate_limit', retryAfterSec: 7, times: 1 })
    const limited = await api(pbx, bearer, 'GET', '/user/')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    expect(limited.json).toMatchObject({ status: 'rate_limit_exceeded' })
    expect((await api(pbx, bearer, 'GET', '/user/')).status).toBe(200)
  })

  it('token expiry: the request it strikes meets a dead token, a new token works', async () => {
    const expiry = pbx.restv1.faults.add({
      kind: 'token_expiry',
      times: 1,
      match: (r) => r.path.endsWith('/current_calls/'),
    })
    expect((await api(pbx, bearer, 'GET', '/user/')).status).toBe(200)
    const refused = await api(pbx, bearer, 'GET', callsPath())
    expect(refused.status).toBe(401)
    expect(refused.json).toMatchObject({ status: 'invalid_token' })
    expect(expiry.hits).toBe(1)
    expect((await api(pbx, bearer, 'GET', '/user/')).status).toBe(401)
    const fresh = await token(pbx)
    expect((await api(pbx, fresh, 'GET', callsPath())).status).toBe(200)
  })

  it('has no event sockets to drop; the PBXCloud face has no tokens either', () => {
    expect(pbx.restv1.faults.supports('token_expiry')).toBe(true)
    expect(pbx.restv1.faults.supports('socket_drop')).toBe(false)
    expect(() => pbx.restv1.faults.add({ kind: 'socket_drop' })).toThrow(/no event sockets/)
    expect(() => pbx.pbxcloud.faults.add({ kind: 'token_expiry' })).toThrow(/no tokens/)
    expect(pbx.pbxcloud.faults.supports('reset')).toBe(true)
  })

  it('latency holds the answer until the added time has passed', async () => {
    // The server's timers are the test's: no wall-clock window to miss on a busy machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      pbx.restv1.faults.add({ kind: 'latency', ms: 150, times: 1 })
      const before = pbx.restv1.requestCount
      let answered = false
      const slow = api(pbx, bearer, 'GET', '/user/').then((r) => ((answered = true), r))
      while (pbx.restv1.requestCount === before) await new Promise((r) => setImmediate(r))
      await vi.advanceTimersByTimeAsync(149)
      expect(answered).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      expect((await slow).status).toBe(200)
    } finally {
      vi.useRealTimers()
    }
  })
})
