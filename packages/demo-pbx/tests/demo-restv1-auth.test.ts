import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '../src/testing'
import { api, token, tokenRequest } from './demo-restv1-support'

let pbx: DemoPbx
let clock: ManualClock

beforeEach(async () => {
  clock = new ManualClock()
  pbx = await startDemoPbx({ clock, seed: 5 })
})
afterEach(async () => {
  await pbx.close()
})

describe('demo REST face: OAuth tokens', () => {
  it('issues a bearer token for client credentials and serves the signed-in user', async () => {
    const answer = await tokenRequest(pbx)
    expect(answer.status).toBe(200)
    expect(answer.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600 })
    const bearer = (answer.json as { access_token: string }).access_token
    expect(bearer).toMatch(/^\w{20,}$/)
    const user = await api(pbx, bearer, 'GET', '/user/')
    expect(user.status).toBe(200)
    expect(user.json).toMatchObject({
      client_id: 18004,
      extension_id: pbx.restv1.extensionId,
      login: 'mette',
      timezone: 'UTC',
    })
    expect(pbx.restv1.tokenRequests).toBe(1)
  })

  it('refuses a wrong secret, an unknown client and another grant type', async () => {
    const wrong = await tokenRequest(pbx, { client_secret: 'nope' })
    expect(wrong.status).toBe(401)
    expect(wrong.json).toMatchObject({ status: 'access_denied' })
    const unknown = await tokenRequest(pbx, { client_id: 'someone-else' })
    expect(unknown.status).toBe(401)
    expect(unknown.json).toMatchObject({ status: 'client_not_found' })
    const grant = await tokenRequest(pbx, { grant_type: 'password' })
    expect(grant.status).toBe(400)
    expect(pbx.restv1.tokenRequests).toBe(3)
  })

  it('answers 401 invalid_token without, with a bad or with an expired token', async () => {
    for (const bearer of [undefined, 'not-a-token']) {
      const answer = await api(pbx, bearer, 'GET', '/user/')
      expect(answer.status).toBe(401)
      expect(answer.json).toMatchObject({ status: 'invalid_token', message: expect.any(String) })
    }
    const bearer = await token(pbx)
    clock.advance(3599_000)
    expect((await api(pbx, bearer, 'GET', '/user/')).status).toBe(200)
    clock.advance(1000)
    expect((await api(pbx, bearer, 'GET', '/user/')).status).toBe(401)
  })

  it('expireTokens() kills every token; a new one works', async () => {
    const bearer = await token(pbx)
    pbx.restv1.face.expireTokens()
    expect((await api(pbx, bearer, 'GET', '/user/')).status).toBe(401)
    expect((await api(pbx, await token(pbx), 'GET', '/user/')).status).toBe(200)
  })

  it('a revoked client loses its tokens and cannot get new ones', async () => {
    const bearer = await token(pbx)
    pbx.restv1.face.revokeClient(pbx.restv1.clientId)
    expect((await api(pbx, bearer, 'GET', '/user/')).status).toBe(401)
    const again = await tokenRequest(pbx)
    expect(again.status).toBe(401)
    expect(again.json).toMatchObject({ status: 'client_not_found' })
  })

  it('a blocked user gets 403 user_blocked, on the API and at the token endpoint', async () => {
    const bearer = await token(pbx)
    pbx.restv1.face.blockUser()
    const answer = await api(pbx, bearer, 'GET', '/user/')
    expect(answer.status).toBe(403)
    expect(answer.json).toMatchObject({ status: 'user_blocked' })
    expect((await tokenRequest(pbx)).status).toBe(403)
    pbx.restv1.face.blockUser(false)
    expect((await api(pbx, bearer, 'GET', '/user/')).status).toBe(200)
  })

  it('another numeric client is 403, an unknown path 404, a wrong method 405', async () => {
    const bearer = await token(pbx)
    expect((await api(pbx, bearer, 'GET', '/client/99/extension/')).status).toBe(403)
    expect((await api(pbx, bearer, 'GET', '/client/18004/extension/')).status).toBe(200)
    expect((await api(pbx, bearer, 'GET', '/nothing/here/')).status).toBe(404)
    expect((await api(pbx, bearer, 'POST', '/client/@me/extension/', {})).status).toBe(405)
  })
})

describe('demo REST face: hourly rate limit', () => {
  it('every reply carries the budget; it counts down, then 429 with Retry-After', async () => {
    pbx.restv1.face.setRateBudget(5)
    const first = await tokenRequest(pbx) // counts against the client too
    expect(first.headers.get('x-ratelimit-limit')).toBe('5')
    expect(first.headers.get('x-ratelimit-remaining')).toBe('4')
    const bearer = (first.json as { access_token: string }).access_token
    const remaining: string[] = []
    for (let i = 0; i < 4; i++) {
      const answer = await api(pbx, bearer, 'GET', '/user/')
      expect(answer.status).toBe(200)
      remaining.push(answer.headers.get('x-ratelimit-remaining') ?? '')
    }
    expect(remaining).toEqual(['3', '2', '1', '0'])
    const over = await api(pbx, bearer, 'GET', '/user/')
    expect(over.status).toBe(429)
    expect(over.json).toMatchObject({ status: 'rate_limit_exceeded' })
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0')
    const reset = Number(over.headers.get('x-ratelimit-reset'))
    expect(reset).toBe(Math.ceil((clock.now() + 3600_000) / 1000))
    expect(Number(over.headers.get('retry-after'))).toBe(3600)
    clock.advance(3600_000) // a new hour (and the token has expired with it)
    const fresh = await api(pbx, await token(pbx), 'GET', '/user/')
    expect(fresh.status).toBe(200)
    expect(fresh.headers.get('x-ratelimit-remaining')).toBe('3')
  })

  it('error replies carry the headers as well', async () => {
    const answer = await api(pbx, 'bad', 'GET', '/user/')
    expect(answer.status).toBe(401)
    expect(answer.headers.get('x-ratelimit-limit')).toBe('5000')
    expect(answer.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/)
  })
})
