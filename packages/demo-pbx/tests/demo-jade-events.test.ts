import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '../src/testing'
import { items, jade, openEvents, signIn } from './demo-jade-client'

let pbx: DemoPbx
let clock: ManualClock

beforeEach(async () => {
  clock = new ManualClock()
  pbx = await startDemoPbx({ clock, seed: 7 })
})
afterEach(async () => {
  await pbx.close()
})

describe('demo jade face: WebSocket events', () => {
  it('streams a call to an admin socket as channel create, update and delete', async () => {
    const events = await openEvents(pbx, await signIn(pbx, 'admin'))
    const before = pbx.jade.face.framesSent
    const call = pbx.scenario.inboundCall({ from: '+4520304050', to: '201' })
    const created = await events.waitFor((f) => f.event === 'admin.core.channel.create')
    // Every admin event goes to the one topic "/admin" (admin_handler.c).
    expect(created.topic).toBe('/admin')
    expect(created.object.linked_id).toBe(call.id)
    clock.advance(4000)
    const up = await events.waitFor(
      (f) => f.event === 'admin.core.channel.update' && f.object.channel_state_desc === 'Up',
    )
    expect(up.object.linked_id).toBe(call.id)
    clock.advance(30_000)
    const gone = await events.waitFor((f) => f.event === 'admin.core.channel.delete')
    expect(gone.object).toMatchObject({ linked_id: call.id, hangup_cause: 16 })
    expect(pbx.jade.face.framesSent).toBeGreaterThan(before + 3)
    expect(events.frames.every((f) => !f.event.startsWith('me.'))).toBe(true)
    events.ws.close()
  })

  it('sends queue and park topics to admins', async () => {
    const events = await openEvents(pbx, await signIn(pbx, 'admin'))
    const call = pbx.scenario.inboundCall({ from: '+4551234567', queue: '282', talkMs: 600_000 })
    const entry = await events.waitFor((f) => f.event === 'admin.queue.entry.create')
    expect(entry).toMatchObject({ topic: '/admin' })
    clock.advance(4000)
    await events.waitFor((f) => f.event === 'admin.queue.entry.delete')
    await events.waitFor((f) => f.event === 'admin.queue.member.update')
    pbx.state.calls.park('DEMO', call.id)
    const parked = await events.waitFor((f) => f.event === 'admin.park.parkedcall.create')
    expect(parked.topic).toBe('/admin')
    events.ws.close()
  })

  it('sends a chat message to a user socket on the chat topic', async () => {
    const token = await signIn(pbx)
    const events = await openEvents(pbx, token)
    pbx.state.chat.send('DEMO', 'support', '206', 'Kan nogen tage Support?')
    const frame = await events.waitFor((f) => f.event === 'me.chats.message.create')
    const chats = items(await jade(pbx, 'GET', '/v1/me/chats', { token }))
    const support = chats.find((c) => c.name === 'Support')
    // jade's topic is the ROOM's uuid: "/me/chats/<uuid_room>" (me_handler.c).
    const room = support?.room as { uuid?: string } | undefined
    expect(frame.topic).toBe(`/me/chats/${String(room?.uuid)}`)
    expect(frame.object.message).toEqual({ message: 'Kan nogen tage Support?' })
    // A user socket hears nothing of device states, own or a colleague's (J7).
    pbx.state.setDnd('DEMO', '202', true)
    pbx.state.setDnd('DEMO', '201', true)
    pbx.state.chat.send('DEMO', 'support', '206', 'Endnu en')
    await events.waitFor((f) => JSON.stringify(f.object.message) === '{"message":"Endnu en"}')
    expect(
      events.frames.some((f) => f.event.startsWith('me.info') || f.event.startsWith('me.buddies')),
    ).toBe(false)
    expect(events.frames.some((f) => f.event.startsWith('admin.'))).toBe(false)
    events.ws.close()
  })

  it('refuses a socket without a valid token', async () => {
    await expect(openEvents(pbx, 'nope')).rejects.toThrow('HTTP 403')
  })

  it('drops sockets when a socket_drop fault strikes a request, which is answered', async () => {
    const token = await signIn(pbx)
    const events = await openEvents(pbx, token)
    const drop = pbx.jade.faults.add({
      kind: 'socket_drop',
      times: 1,
      match: (r) => r.reqtype === 'ME.INFO',
    })
    expect((await jade(pbx, 'GET', '/v1/me/buddies', { token })).status).toBe(200)
    expect(pbx.jade.face.events.socketCount()).toBe(1)
    expect((await jade(pbx, 'GET', '/v1/me/info', { token })).status).toBe(200)
    await events.closed
    expect(drop.hits).toBe(1)
    expect(pbx.jade.face.events.socketCount()).toBe(0)
    // The token still opens a new socket.
    const again = await openEvents(pbx, token)
    expect(pbx.jade.face.events.socketCount()).toBe(1)
    again.ws.close()
  })

  it('token expiry strikes before the request is served: 403, and sockets need a new token', async () => {
    const token = await signIn(pbx)
    pbx.jade.faults.add({ kind: 'token_expiry', times: 1 })
    expect((await jade(pbx, 'GET', '/v1/me/info', { token })).status).toBe(403)
    await expect(openEvents(pbx, token)).rejects.toThrow('HTTP 403')
    const fresh = await signIn(pbx)
    expect((await jade(pbx, 'GET', '/v1/me/info', { token: fresh })).status).toBe(200)
  })

  it('while the event service is down, sockets are cut and refused (503)', async () => {
    const token = await signIn(pbx)
    const open = await openEvents(pbx, token)
    pbx.jade.face.eventsDown()
    await open.closed
    await expect(openEvents(pbx, token)).rejects.toThrow('HTTP 503')
    // The REST side is unaffected.
    expect((await jade(pbx, 'GET', '/v1/me/info', { token })).status).toBe(200)
    pbx.jade.face.eventsDown(false)
    const back = await openEvents(pbx, token)
    pbx.state.chat.send('DEMO', 'general', '203', 'tilbage')
    await back.waitFor((f) => f.event === 'me.chats.message.create')
    back.ws.close()
  })

  it('drops sockets on demand and on a certificate change', async () => {
    const token = await signIn(pbx)
    const a = await openEvents(pbx, token)
    expect(pbx.jade.face.events.socketCount()).toBe(1)
    pbx.jade.face.dropSockets()
    await a.closed
    expect(pbx.jade.face.events.socketCount()).toBe(0)
    const b = await openEvents(pbx, token)
    await pbx.jade.regenerateCertificate()
    await b.closed
    const c = await openEvents(pbx, token)
    pbx.state.chat.send('DEMO', 'general', '203', 'igen')
    await c.waitFor((f) => f.event === 'me.chats.message.create')
    c.ws.close()
  })
})
