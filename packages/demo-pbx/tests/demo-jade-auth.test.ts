import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '../src/testing'
import { jade, signIn } from './demo-jade-client'

let pbx: DemoPbx
let clock: ManualClock

beforeEach(async () => {
  clock = new ManualClock()
  pbx = await startDemoPbx({ clock, seed: 7 })
})
afterEach(async () => {
  await pbx.close()
})

describe('demo jade face: sign-in, tokens, errors', () => {
  it('signs a user in with HTTP Basic and answers in the jade envelope', async () => {
    expect(pbx.jade.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const a = await jade(pbx, 'POST', '/v1/me/login', {
      basic: [pbx.jade.username, pbx.jade.password],
    })
    expect(a.status).toBe(200)
    // The seed's sorted order or the code's insertion order: readers rely on neither.
    expect([
      ['api_ver', 'result', 'statuscode', 'timestamp'],
      ['api_ver', 'timestamp', 'statuscode', 'result'],
    ]).toContainEqual(Object.keys(a.json))
    expect(a.json.api_ver).toBe('0.1')
    expect(a.json.statuscode).toBe(200)
    // 1 to 9 fractional digits: the nanoseconds printed with %ld, no leading zeros (J5).
    expect(a.json.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.(0|[1-9]\d{0,8})Z$/)
    const token = (a.json.result as { authtoken: string }).authtoken
    expect(token).toMatch(/^[0-9a-f-]{36}$/)
    expect(pbx.jade.loginCount).toBe(1)
    expect(pbx.jade.username).toBe('mette')
    const info = await jade(pbx, 'GET', '/v1/me/info', { token })
    expect(info.status).toBe(200)
    expect((info.json.result as { name: string }).name).toBe('Mette Nielsen')
  })

  it('answers wrong credentials 404 and a missing Basic header 400', async () => {
    const wrong = await jade(pbx, 'POST', '/v1/me/login', { basic: [pbx.jade.username, 'nope'] })
    expect(wrong.status).toBe(404)
    expect(wrong.json).toMatchObject({ statuscode: 404, error: { code: 404, message: '' } })
    expect(Object.keys(wrong.json)).toEqual(['api_ver', 'timestamp', 'statuscode', 'error'])
    expect((await jade(pbx, 'POST', '/v1/me/login')).status).toBe(400)
    const adminAsUser = await jade(pbx, 'POST', '/v1/admin/login', {
      basic: [pbx.jade.username, pbx.jade.password],
    })
    expect(adminAsUser.status).toBe(404)
    expect(pbx.jade.loginCount).toBe(0)
  })

  it('refuses a missing, unknown or wrong-kind token with 403', async () => {
    expect((await jade(pbx, 'GET', '/v1/me/info')).status).toBe(403)
    expect((await jade(pbx, 'GET', '/v1/me/info', { token: 'x' })).status).toBe(403)
    const user = await signIn(pbx)
    const admin = await signIn(pbx, 'admin')
    expect((await jade(pbx, 'GET', '/v1/admin/core/channels', { token: user })).status).toBe(403)
    expect((await jade(pbx, 'GET', '/v1/me/info', { token: admin })).status).toBe(403)
    expect((await jade(pbx, 'GET', '/v1/admin/core/channels', { token: admin })).status).toBe(200)
    // Device states are unversioned and take no token; /v1/device_states does not exist (J1).
    expect((await jade(pbx, 'GET', '/device_states')).status).toBe(200)
    expect((await jade(pbx, 'GET', '/v1/device_states', { token: user })).status).toBe(404)
    expect((await jade(pbx, 'GET', '/v1/nothing/here', { token: user })).status).toBe(404)
    expect((await jade(pbx, 'PUT', '/v1/me/info', { token: user })).status).toBe(405)
  })

  it('expires a token after an hour without use, not an hour after sign-in', async () => {
    const token = await signIn(pbx)
    clock.advance(3000_000)
    expect((await jade(pbx, 'GET', '/v1/me/info', { token })).status).toBe(200)
    clock.advance(3000_000)
    expect((await jade(pbx, 'GET', '/v1/me/info', { token })).status).toBe(200)
    clock.advance(3600_001)
    const expired = await jade(pbx, 'GET', '/v1/me/info', { token })
    expect(expired.status).toBe(403)
    expect(expired.json.error).toEqual({ code: 403, message: '' })
  })

  it('forgets tokens on sign-out and on expireTokens()', async () => {
    const a = await signIn(pbx)
    expect((await jade(pbx, 'DELETE', '/v1/me/login', { token: a })).status).toBe(200)
    expect((await jade(pbx, 'GET', '/v1/me/info', { token: a })).status).toBe(403)
    const b = await signIn(pbx)
    pbx.jade.face.expireTokens()
    expect((await jade(pbx, 'GET', '/v1/me/buddies', { token: b })).status).toBe(403)
  })

  it('also answers the unprefixed paths of the older examples', async () => {
    const token = await signIn(pbx)
    expect((await jade(pbx, 'GET', '/me/buddies', { token })).status).toBe(200)
    expect((await jade(pbx, 'GET', '/peers', { token })).status).toBe(200)
  })

  it('injects faults and counts requests', async () => {
    const token = await signIn(pbx)
    pbx.jade.faults.add({ kind: 'http5xx', times: 1, match: (r) => r.reqtype === 'ME.INFO' })
    const before = pbx.jade.requestCount
    expect((await jade(pbx, 'GET', '/v1/me/info', { token })).status).toBe(503)
    expect((await jade(pbx, 'GET', '/v1/me/info', { token })).status).toBe(200)
    expect(pbx.jade.requestCount).toBe(before + 2)
    expect(pbx.jade.countOf('ME.INFO')).toBe(2)
  })
})

describe('demo jade face: certificate', () => {
  it('presents the certificate whose fingerprint it exposes, and a new one after regeneration', async () => {
    const first = pbx.jade.fingerprint
    expect(first).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    const a = await jade(pbx, 'POST', '/v1/me/login', {
      basic: [pbx.jade.username, pbx.jade.password],
    })
    expect(a.fingerprint).toBe(first)
    const second = await pbx.jade.regenerateCertificate()
    expect(second).not.toBe(first)
    expect(pbx.jade.fingerprint).toBe(second)
    const b = await jade(pbx, 'GET', '/v1/me/info', {
      token: (a.json.result as { authtoken: string }).authtoken,
    })
    expect(b.status).toBe(200)
    expect(b.fingerprint).toBe(second)
  })
})
