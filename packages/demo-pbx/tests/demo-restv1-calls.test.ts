import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx, type SimCall } from '../src/testing'
import { callList, client, token } from './demo-restv1-support'

let pbx: DemoPbx
let clock: ManualClock
let rest: ReturnType<typeof client>
let me: number

beforeEach(async () => {
  clock = new ManualClock()
  pbx = await startDemoPbx({ clock, seed: 5 })
  rest = client(pbx, await token(pbx))
  me = pbx.restv1.extensionId
})
afterEach(async () => {
  await pbx.close()
})

const idOf = (n: string): number => pbx.restv1.face.extensionIdOf(n)
/** The `call_api_id` of `ext`'s entry in the call: each extension has its own (R4). */
const apiId = (call: SimCall, ext = '201'): string => pbx.restv1.face.callApiIdOf(call.id, ext)

/** Alice calls 201 and 201 answers: the usual starting point. */
function answeredCall(recorded = false): SimCall {
  const call = pbx.state.calls.place({
    tenant: 'DEMO',
    from: { number: '+4520304050', name: 'Alice Mortensen' },
    to: '201',
    recorded,
  })
  pbx.state.calls.answer('DEMO', call.id, '201')
  return call
}

/** Seed 002's `call_mdl` (PLATFORM-FACTS R4): exactly these, and no state field. */
const callFields = [
  'answer_time_gmt',
  'call_api_id',
  'call_flow',
  'callback_id',
  'called_did',
  'called_number',
  'caller_id_name',
  'caller_id_number',
  'extension_id',
  'init_time_gmt',
  'real_call',
  'record_uuid',
]
/** Extra fields a later Telphin page names; a reader must ignore them. */
const knownExtras = new Set(['caller_extension', 'called_extension'])
const seedFields = (row: object | undefined): string[] =>
  Object.keys(row ?? {})
    .filter((k) => !knownExtras.has(k))
    .sort()
const answered = (row: { answer_time_gmt?: unknown } | undefined): boolean =>
  typeof row?.answer_time_gmt === 'string'

const act = (
  call: SimCall,
  body: Record<string, unknown>,
  ext = me,
  id = apiId(call),
): ReturnType<typeof rest.put> => rest.put(`/extension/${ext}/current_calls/${id}`, body)

describe('demo REST face: current calls', () => {
  it('lists a ringing call with exactly the seed fields, then the answered call', async () => {
    const call = pbx.state.calls.place({
      tenant: 'DEMO',
      from: { number: '+4520304050', name: 'Alice Mortensen' },
      to: '201',
      recorded: true,
    })
    const [ringing] = callList(await rest.get(`/extension/${me}/current_calls/`))
    expect(ringing).toMatchObject({
      call_api_id: apiId(call),
      extension_id: me,
      call_flow: 'in',
      caller_id_number: '+4520304050',
      caller_id_name: 'Alice Mortensen',
      called_number: '201',
      called_did: '201',
      answer_time_gmt: null,
      real_call: true,
      callback_id: null,
    })
    expect(ringing?.record_uuid).toMatch(/^[0-9a-f-]{36}$/)
    expect(seedFields(ringing)).toEqual(callFields)
    clock.advance(3000)
    pbx.state.calls.answer('DEMO', call.id, '201')
    const one = await rest.get(`/extension/${me}/current_calls/${apiId(call)}`)
    expect(one.json).toMatchObject({ answer_time_gmt: '2025-01-06 09:00:03' })
    expect(seedFields(one.json as object)).toEqual(callFields)
    expect(callList(await rest.get(`/extension/${idOf('202')}/current_calls/`))).toEqual([])
    const all = callList(await rest.get('/client/@me/current_calls/'))
    expect(all.map((c) => c.extension_id)).toEqual([me])
  })

  it('hold and offhold change the call but not its list entry; holding twice is 409', async () => {
    const call = answeredCall()
    const before = (await rest.get(`/extension/${me}/current_calls/${apiId(call)}`)).json
    expect((await act(call, { action: 'hold' })).status).toBe(200)
    expect(pbx.state.calls.get('DEMO', call.id)?.phase).toBe('held')
    // R4: hold is not visible in the list.
    expect((await rest.get(`/extension/${me}/current_calls/${apiId(call)}`)).json).toEqual(before)
    expect((await act(call, { action: 'hold' })).status).toBe(409)
    expect((await act(call, { action: 'offhold' })).status).toBe(200)
    expect(pbx.state.calls.get('DEMO', call.id)?.phase).toBe('up')
  })

  it('transfer sends the caller to another extension, which rings under its own call_api_id', async () => {
    const call = answeredCall()
    const answer = await act(call, { action: 'transfer', send_dst: '700*203' })
    expect(answer.status).toBe(200)
    expect(answer.json).toEqual({ call_api_id: apiId(call), action: 'transfer' })
    expect(callList(await rest.get(`/extension/${me}/current_calls/`))).toEqual([])
    const [at203] = callList(await rest.get(`/extension/${idOf('203')}/current_calls/`))
    expect(at203).toMatchObject({ call_api_id: apiId(call, '203'), answer_time_gmt: null })
    expect(apiId(call, '203')).not.toBe(apiId(call))
    expect(pbx.state.truthOf(call.id)?.transfers).toMatchObject([{ kind: 'blind', to: '203' }])
    // 203 only rings: there is nobody bridged to send on.
    const onward = { action: 'transfer', send_dst: '205' }
    expect((await act(call, onward, idOf('203'), apiId(call, '203'))).status).toBe(409)
    // The agent's entry is gone with the agent's leg.
    expect((await act(call, onward)).status).toBe(404)
  })

  it('attended transfer consults first; hanging up the consultation completes it', async () => {
    const call = answeredCall()
    const answer = await act(call, { action: 'attended_transfer', send_dst: '204' })
    const consultId = (answer.json as { consult_call_api_id: string }).consult_call_api_id
    expect(consultId).toMatch(/^[0-9a-f-]{36}$/)
    const mine = callList(await rest.get(`/extension/${me}/current_calls/`))
    expect(mine.map((c) => [c.call_api_id, c.call_flow, answered(c)])).toEqual([
      [apiId(call), 'in', true],
      [consultId, 'out', false],
    ])
    clock.advance(4000) // the autopilot answers at 204
    const [at204first] = callList(await rest.get(`/extension/${idOf('204')}/current_calls/`))
    // 204's entry in the consultation is its own, not the agent's.
    expect(at204first?.call_api_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(at204first?.call_api_id).not.toBe(consultId)
    expect(answered(at204first)).toBe(true)
    expect((await rest.del(`/extension/${me}/current_calls/${consultId}`)).status).toBe(204)
    const at204 = callList(await rest.get(`/extension/${idOf('204')}/current_calls/`))
    expect(at204.map((c) => [c.call_api_id, c.caller_id_number])).toEqual([
      [apiId(call, '204'), '+4520304050'],
    ])
    expect(callList(await rest.get(`/extension/${me}/current_calls/`))).toEqual([])
  })

  it('offhold during a consultation cancels it and resumes the call', async () => {
    const call = answeredCall()
    await act(call, { action: 'attended_transfer', send_dst: '204' })
    expect((await act(call, { action: 'offhold' })).status).toBe(200)
    const mine = callList(await rest.get(`/extension/${me}/current_calls/`))
    expect(mine.map((c) => [c.call_api_id, answered(c)])).toEqual([[apiId(call), true]])
    expect(pbx.state.calls.get('DEMO', call.id)?.phase).toBe('up')
  })

  it('park puts the caller in a slot; pickup from another phone retrieves it', async () => {
    const call = answeredCall()
    const parked = await act(call, { action: 'park' })
    expect(parked.json).toMatchObject({ slot: 701 })
    expect(pbx.state.calls.get('DEMO', call.id)?.phase).toBe('parked')
    const slots = (await rest.put(`/extension/${me}/valet_park/-`, { action: 'slots' })).json as {
      slot: number
      call_api_id: string | null
      parked_by_extension_id: number | null
    }[]
    expect(slots).toHaveLength(20)
    expect(slots[0]).toMatchObject({
      slot: 701,
      call_api_id: apiId(call),
      parked_by_extension_id: me,
    })
    expect(slots[1]?.call_api_id).toBeNull()
    expect((await act(call, { action: 'pickup' }, idOf('205'))).status).toBe(200)
    const call205 = callList(await rest.get(`/extension/${idOf('205')}/current_calls/`))
    expect(call205[0]?.call_api_id).toBe(apiId(call, '205'))
    expect(answered(call205[0])).toBe(true)
  })

  it('valet park to a named slot, then bridge it back', async () => {
    const call = answeredCall()
    const put = await rest.put(`/extension/${me}/valet_park/${apiId(call)}`, {
      action: 'park',
      slot: 705,
    })
    expect(put.json).toMatchObject({ slot: 705 })
    expect(pbx.state.calls.get('DEMO', call.id)?.parkedSlot).toBe('705')
    const other = answeredCall()
    const busy = await rest.put(`/extension/${me}/valet_park/${apiId(other)}`, {
      action: 'park',
      slot: 705,
    })
    expect(busy.status).toBe(409)
    const bridge = await rest.put(`/extension/${idOf('202')}/valet_park/-`, {
      action: 'bridge',
      slot: 705,
    })
    expect(bridge.status).toBe(200)
    expect(pbx.state.calls.get('DEMO', call.id)?.b?.extension).toBe('202')
  })

  it('pickup answers a call ringing on another phone', async () => {
    const call = pbx.state.calls.place({
      tenant: 'DEMO',
      from: { number: '+4531415926' },
      to: '203',
    })
    // The ringing phone's entry, named from the agent's extension.
    expect((await act(call, { action: 'pickup' })).status).toBe(404)
    expect((await act(call, { action: 'pickup' }, me, apiId(call, '203'))).status).toBe(200)
    expect(pbx.state.calls.get('DEMO', call.id)?.b?.extension).toBe('201')
  })

  it("pickup on the ringing phone's entry answers at the phone named in send_dst", async () => {
    const call = pbx.state.calls.place({
      tenant: 'DEMO',
      from: { number: '+4531415926' },
      to: '203',
    })
    const at203 = apiId(call, '203')
    const pickup = (to: string): ReturnType<typeof act> =>
      act(call, { action: 'pickup', send_dst: to }, idOf('203'), at203)
    expect((await pickup('+4599')).status).toBe(400)
    expect((await pickup('700*201')).status).toBe(200)
    expect(pbx.state.calls.get('DEMO', call.id)?.b?.extension).toBe('201')
  })

  it('DELETE rejects a ringing call and ends an answered one', async () => {
    const ringing = pbx.state.calls.place({
      tenant: 'DEMO',
      from: { number: '+4531415926' },
      to: '201',
    })
    expect((await rest.del(`/extension/${me}/current_calls/${apiId(ringing)}`)).status).toBe(204)
    expect(pbx.state.truthOf(ringing.id)?.outcome).toBe('missed')
    const call = answeredCall()
    const del = await rest.del(`/extension/${me}/current_calls/${apiId(call)}`)
    expect(del.status).toBe(204)
    expect(del.bytes.length).toBe(0)
    expect(pbx.state.truthOf(call.id)?.outcome).toBe('answered')
    expect(pbx.state.calls.get('DEMO', call.id)).toBeUndefined()
    expect((await rest.del(`/extension/${me}/current_calls/${apiId(call)}`)).status).toBe(404)
  })

  it('refuses unknown and unsupported actions and missing destinations', async () => {
    const call = answeredCall()
    expect((await act(call, { action: 'fly' })).status).toBe(400)
    expect((await act(call, { action: 'eavesdrop' })).status).toBe(400)
    expect((await act(call, { action: 'transfer' })).status).toBe(400)
    expect((await act(call, { action: 'transfer', send_dst: 'abc' })).status).toBe(400)
    expect((await act(call, { action: 'hold' }, idOf('206'))).status).toBe(404)
  })
})

describe('demo REST face: callback', () => {
  it('rings the agent first, then the number; the call shows its callback id', async () => {
    const answer = await rest.post(`/extension/${me}/callback/`, {
      src_num: ['201'],
      dst_num: '+4522446688',
      caller_id_name: 'Ring op: Bech',
    })
    expect(answer.status).toBe(201)
    const { call_api_id: callApiId, call_id: callId } = answer.json as {
      call_api_id: string
      call_id: string
    }
    const [mine] = callList(await rest.get(`/extension/${me}/current_calls/`))
    expect(mine).toMatchObject({
      call_api_id: callApiId,
      callback_id: callId,
      call_flow: 'out',
      answer_time_gmt: null,
      called_number: '+4522446688',
    })
    clock.advance(1500) // the agent's phone answers (autopilot); the number still rings
    expect(answered(callList(await rest.get(`/extension/${me}/current_calls/`))[0])).toBe(false)
    clock.advance(4000)
    expect(answered(callList(await rest.get(`/extension/${me}/current_calls/`))[0])).toBe(true)
    const truth = pbx.state.truth().find((t) => t.originateId === callId)
    expect(truth).toMatchObject({ direction: 'outbound', to: '+4522446688' })
    const bad = await rest.post(`/extension/${me}/callback/`, { src_num: ['+4511'], dst_num: '1' })
    expect(bad.status).toBe(400)
  })
})
