import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '../src/testing'
import { items, jade, signIn } from './demo-jade-client'

let pbx: DemoPbx
let clock: ManualClock
let user: string
let admin: string

beforeEach(async () => {
  clock = new ManualClock()
  pbx = await startDemoPbx({ clock, seed: 7 })
  user = await signIn(pbx)
  admin = await signIn(pbx, 'admin')
})
afterEach(async () => {
  await pbx.close()
})

const get = (path: string, token = user, query?: Record<string, string>): ReturnType<typeof jade> =>
  jade(pbx, 'GET', path, { token, ...(query ? { query } : {}) })

describe('demo jade face: the user and the office', () => {
  it('serves lists wrapped by default and bare when switched', async () => {
    const wrapped = await get('/v1/me/buddies')
    expect(Array.isArray((wrapped.json.result as { list: unknown[] }).list)).toBe(true)
    expect(items(wrapped)).toHaveLength(11)
    pbx.jade.face.listShape = 'bare'
    for (const path of ['/v1/me/buddies', '/v1/me/chats', '/v1/me/contacts', '/peers']) {
      expect(Array.isArray((await get(path)).json.result)).toBe(true)
    }
    const chat = items(await get('/v1/me/chats'))[0]
    const messages = await get(`/v1/me/chats/${String(chat?.uuid)}/messages`)
    expect(Array.isArray(messages.json.result)).toBe(true)
  })

  it('maps the extension to the user: contact target, buddies, devices', async () => {
    // /me/info is the user row as jade's code answers it (get_me_info): no devices, no chats.
    const info = (await get('/v1/me/info')).json.result as Record<string, unknown>
    expect(Object.keys(info).sort()).toEqual(['name', 'tm_create', 'tm_update', 'username', 'uuid'])
    expect(items(await get('/v1/me/contacts'))[0]).toMatchObject({ target: '201' })
    expect(items(await get('/v1/me/chats'))).toHaveLength(2)
    // A colleague's device is found through the admin's user contacts, never in a buddy.
    const devices = items(await get('/v1/admin/user/contacts', admin))
    const soeren = devices.find((c) => c.target === '204')
    // `type` as jade's own API leaves it (null) or as seed 004 shows it; both occur.
    const types = new Set(devices.map((c) => c.type))
    expect(types).toEqual(new Set([null, 'pjsip_endpoint']))
    expect(soeren).not.toHaveProperty('info')
    const users = items(await get('/v1/admin/user/users', admin))
    // Logins vary: the number on even extensions, the first name on odd ones.
    expect(users.find((u) => u.uuid === soeren?.user_uuid)?.username).toBe('204')
    expect(users.find((u) => u.name === 'Anne Hansen')?.username).toBe('anne')
    const buddies = items(await get('/v1/me/buddies'))
    const buddy = buddies.find((b) => b.uuid_user === soeren?.user_uuid)
    expect(buddy).toBeDefined()
    // Buddy labels are the owner's own and mostly null (J2); never the extension.
    // How many is drawn per start (about three in four), so only "some" is certain.
    expect(buddies.some((b) => b.name === null)).toBe(true)
    expect(buddies.some((b) => /^\d+$/.test(String(b.detail)))).toBe(false)
    // /device_states lists names only; the state comes from /device_states/ with a body (J1).
    const states = items(await jade(pbx, 'GET', '/device_states'))
    expect(states.find((s) => s.device === 'PJSIP/212')).toEqual({ device: 'PJSIP/212' })
    expect(states.some((s) => String(s.device).startsWith('Agent:'))).toBe(true)
    pbx.state.setDnd('DEMO', '203', true)
    const one = await jade(pbx, 'GET', '/device_states/', { body: { device: 'PJSIP/203' } })
    expect((one.json.result as { state: string }).state).toBe('BUSY')
    const off = await jade(pbx, 'GET', '/device_states/', { body: { device: 'PJSIP/212' } })
    expect((off.json.result as { state: string }).state).toBe('UNAVAILABLE')
    expect((await jade(pbx, 'GET', '/v1/device_states/')).status).toBe(404)
    const peer = await jade(pbx, 'GET', '/peers/', { body: { peer: 'PJSIP/201' } })
    expect(peer.json.result).toMatchObject({ peer: 'PJSIP/201', status: 'Registered' })
    expect(items(await jade(pbx, 'GET', '/registries'))).toHaveLength(1)
    expect(items(await jade(pbx, 'GET', '/agents')).map((a) => a.id)).toContain('208')
  })

  it('finds a user by exact login on /v1/me/search, as jade answers it', async () => {
    const found = await get('/v1/me/search', user, { filter: '204', type: 'username' })
    expect(found.status).toBe(200)
    // Always `result.list`, the user row less password and times (get_users_info_by_username).
    const list = (found.json.result as { list: Record<string, unknown>[] }).list
    expect(list).toHaveLength(1)
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(['name', 'username', 'uuid'])
    expect(list[0]).toMatchObject({ username: '204', name: 'Søren Pedersen' })
    pbx.jade.face.listShape = 'bare'
    const again = await get('/v1/me/search', user, { filter: 'anne', type: 'username' })
    expect((again.json.result as { list: unknown[] }).list).toHaveLength(1)
    // Exact logins only; any type but username, or a missing parameter, is refused.
    expect((await get('/v1/me/search', user, { filter: 'ann', type: 'username' })).status).toBe(404)
    expect((await get('/v1/me/search', user, { filter: 'anne', type: 'name' })).status).toBe(404)
    expect((await get('/v1/me/search', user, { filter: 'anne' })).status).toBe(400)
    expect((await get('/v1/me/search', user, { type: 'username' })).status).toBe(400)
    expect((await get('/v1/me/search', 'x', { filter: 'anne', type: 'username' })).status).toBe(403)
    expect((await jade(pbx, 'GET', '/me/search', { token: user })).status).toBe(404)
    expect((await jade(pbx, 'POST', '/v1/me/search', { token: user, body: {} })).status).toBe(405)
  })

  it('names chat room members by uuid, login and name, as jade code fills them', async () => {
    const support = items(await get('/v1/me/chats')).find((c) => c.name === 'Support')
    const members = (support?.room as { members: Record<string, unknown>[] }).members
    expect(members).toContainEqual(
      expect.objectContaining({ username: '206', name: 'Jesper Christensen' }),
    )
    expect(members.every((m) => Object.keys(m).sort().join() === 'name,username,uuid')).toBe(true)
  })

  it('pages chat messages back by timestamp and count, newest first', async () => {
    const chat = items(await get('/v1/me/chats')).find((c) => c.name === 'Support')
    const path = `/v1/me/chats/${String(chat?.uuid)}/messages`
    for (let i = 1; i <= 7; i++) {
      pbx.state.chat.send('DEMO', 'support', i % 2 ? '206' : '207', `m${i}`)
      if (i !== 3) clock.advance(1000) // m3 and m4 share a millisecond
    }
    const seen: string[] = []
    let before: string | undefined
    for (;;) {
      const page = items(
        await get(path, user, { count: '3', ...(before ? { timestamp: before } : {}) }),
      )
      if (page.length === 0) break
      expect(page.length).toBeLessThanOrEqual(3)
      for (const m of page) seen.push((m.message as { message: string }).message)
      before = String(page[page.length - 1]?.tm_create)
    }
    expect(seen).toEqual(['m7', 'm6', 'm5', 'm4', 'm3', 'm2', 'm1'])
    expect(items(await get(path))).toHaveLength(7)
    expect((await get(path, user, { count: 'x' })).status).toBe(400)

    const sent = await jade(pbx, 'POST', path, { token: user, body: { message: 'hej' } })
    expect(sent.status).toBe(200)
    expect(sent.json.result).toBeUndefined()
    const newest = items(await get(path, user, { count: '1' }))[0]
    expect(newest?.message).toEqual({ message: 'hej' })
    const me = (await get('/v1/me/info')).json.result as { uuid: string }
    expect(newest?.uuid_owner).toBe(me.uuid)
    expect((await jade(pbx, 'POST', path, { token: user, body: 'hej' })).status).toBe(400)
  })
})

describe('demo jade face: calls, channels, park and queues', () => {
  it('follows a scripted inbound call in me/calls and the core channels', async () => {
    pbx.scenario.inboundCall({ from: '+4520304050', fromName: 'Alice Mortensen', to: '201' })
    const ringing = items(await get('/v1/me/calls'))
    expect(ringing).toHaveLength(1)
    expect(ringing[0]).toMatchObject({
      channel_state: 5,
      channel_state_desc: 'Ringing',
      connected_line_name: 'Alice Mortensen',
      connected_line_num: '+4520304050',
    })
    expect(String(ringing[0]?.channel)).toMatch(/^PJSIP\/201-[0-9a-f]{8}$/)
    const all = items(await get('/v1/admin/core/channels', admin))
    expect(all).toHaveLength(2)
    expect(new Set(all.map((c) => c.linked_id)).size).toBe(1)
    expect(all.find((c) => c.channel_state === 4)?.channel).toMatch(/^PJSIP\/trunk-/)

    clock.advance(4000)
    const up = items(await get('/v1/admin/core/channels', admin))
    expect(up.map((c) => c.channel_state_desc)).toEqual(['Up', 'Up'])
    expect(up[0]?.bridge_id).toBeTruthy()
    expect(up[0]?.bridge_id).toBe(up[1]?.bridge_id)

    clock.advance(30_000)
    expect(items(await get('/v1/me/calls'))).toHaveLength(0)
    expect(items(await get('/v1/admin/core/channels', admin))).toHaveLength(0)
  })

  it('hangs up a channel on DELETE', async () => {
    const call = pbx.scenario.inboundCall({ from: '+4531415926', to: '202', talkMs: 600_000 })
    clock.advance(4000)
    const trunk = items(await get('/v1/admin/core/channels', admin)).find((c) =>
      String(c.channel).startsWith('PJSIP/trunk-'),
    )
    const id = String(trunk?.unique_id)
    expect((await get(`/v1/admin/core/channels/${id}`, admin)).status).toBe(200)
    const del = await jade(pbx, 'DELETE', `/v1/admin/core/channels/${id}`, { token: admin })
    expect(del.status).toBe(200)
    expect(call.phase).toBe('ended')
    expect(
      (await jade(pbx, 'DELETE', `/v1/admin/core/channels/${id}`, { token: admin })).status,
    ).toBe(404)
  })

  it('calls another user from the own phone', async () => {
    const devices = items(await get('/v1/admin/user/contacts', admin))
    const other = { uuid_user: devices.find((c) => c.target === '202')?.user_uuid }
    const body = { destination_type: 'user', destination: other?.uuid_user }
    expect((await jade(pbx, 'POST', '/v1/me/calls', { token: user, body })).status).toBe(200)
    expect(items(await get('/v1/me/calls'))[0]).toMatchObject({ application: 'AppDial' })
    clock.advance(1500 + 4000)
    const mine = items(await get('/v1/me/calls'))
    expect(mine[0]).toMatchObject({ channel_state_desc: 'Up', connected_line_num: '202' })
    const bad = { destination_type: 'user', destination: 'no-such-user' }
    expect((await jade(pbx, 'POST', '/v1/me/calls', { token: user, body: bad })).status).toBe(404)
    // "user" is the only destination type jade's code knows; a number is not one.
    const number = { destination_type: 'number', destination: '+4570102030' }
    expect((await jade(pbx, 'POST', '/v1/me/calls', { token: user, body: number })).status).toBe(
      404,
    )
  })

  it('lists a parked call and hangs it up on DELETE', async () => {
    const call = pbx.scenario.inboundCall({ from: '+4540112233', to: '203', talkMs: 600_000 })
    clock.advance(4000)
    pbx.state.calls.park('DEMO', call.id)
    const parked = items(await get('/v1/admin/park/parkedcalls', admin))
    expect(parked).toHaveLength(1)
    expect(parked[0]).toMatchObject({
      parking_space: '701',
      parkee_caller_id_num: '+4540112233',
      parker_dial_string: 'PJSIP/203',
    })
    const id = String(parked[0]?.parkee_unique_id)
    expect(
      (await jade(pbx, 'DELETE', `/v1/admin/park/parkedcalls/${id}`, { token: admin })).status,
    ).toBe(200)
    expect(call.phase).toBe('ended')
    expect(items(await get('/v1/admin/park/parkedcalls', admin))).toHaveLength(0)
  })

  it('shows queue entries, members with pause and calls taken, and queue counts', async () => {
    pbx.state.queues.pause('DEMO', '281', '202', 'Frokost')
    pbx.scenario.inboundCall({ from: '+4551234567', queue: '281', answeredBy: '203' })
    const entries = items(await get('/v1/admin/queue/entries', admin))
    expect(entries[0]).toMatchObject({ queue_name: 'Kundeservice', position: 1 })
    const q = await get('/v1/admin/queue/queues/Kundeservice', admin)
    expect(q.json.result).toMatchObject({ calls: 1, strategy: 'ringall' })
    clock.advance(4000)
    const members = items(await get('/v1/admin/queue/members', admin))
    const m202 = members.find((m) => m.id === 'PJSIP/202@Kundeservice')
    expect(m202).toMatchObject({ paused: 1, paused_reason: 'Frokost' })
    const m203 = await get('/v1/admin/queue/members/PJSIP%2F203', admin, {
      queue_name: 'Kundeservice',
    })
    expect(m203.json.result).toMatchObject({ calls_taken: 1, in_call: 1, status: 2 })
    expect(items(await get('/v1/admin/queue/entries', admin))).toHaveLength(0)
  })
})
