/**
 * The demo REST face serves one `current_calls` row per extension on a call, each
 * with its own `call_api_id` (PLATFORM-FACTS R4), as docs/dialects/restv1.md says.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '../src/testing'
import { callList, client, token, type CallEntry } from './demo-restv1-support'

let pbx: DemoPbx
let clock: ManualClock
let rest: ReturnType<typeof client>

beforeEach(async () => {
  clock = new ManualClock()
  pbx = await startDemoPbx({ clock, seed: 5, autopilot: false })
  rest = client(pbx, await token(pbx))
})
afterEach(async () => {
  await pbx.close()
})

const idOf = (n: string): number => pbx.restv1.face.extensionIdOf(n)
const rows = async (): Promise<CallEntry[]> =>
  callList(await rest.get('/client/@me/current_calls/'))

describe('demo REST face: each extension on a call has its own call_api_id', () => {
  it('a queue call ringing three phones is a row per phone and one for the queue, four ids', async () => {
    pbx.state.queues.pause('DEMO', '281', '204', 'Møde')
    pbx.state.queues.pause('DEMO', '281', '205')
    pbx.scenario.inboundCall({ from: '+4520304050', queue: '281', ringMs: 6000 })
    const list = await rows()
    expect(list.map((r) => r.extension_id).sort()).toEqual(
      ['201', '202', '203', '281'].map(idOf).sort(),
    )
    expect(new Set(list.map((r) => r.call_api_id)).size).toBe(4)
    expect(list.every((r) => r.caller_id_number === '+4520304050')).toBe(true)
    expect(list.every((r) => r.call_flow === 'in' && r.answer_time_gmt === null)).toBe(true)
  })

  it('an internal call is the caller’s row (out) and the callee’s (in), two ids', async () => {
    const call = pbx.state.calls.place({ tenant: 'DEMO', from: { number: '201' }, to: '202' })
    pbx.state.calls.answer('DEMO', call.id, '202')
    const list = await rows()
    expect(list.map((r) => [r.extension_id, r.call_flow, r.caller_id_number])).toEqual([
      [idOf('201'), 'out', '201'],
      [idOf('202'), 'in', '201'],
    ])
    expect(list[0]?.call_api_id).not.toBe(list[1]?.call_api_id)
  })

  it('a phone that gets the same call back (a transfer back) has a new id; the parker keeps its own', async () => {
    const call = pbx.state.calls.place({
      tenant: 'DEMO',
      from: { number: '+4570102030' },
      to: '201',
    })
    pbx.state.calls.answer('DEMO', call.id, '201')
    const [first] = await rows()
    const ext = idOf('201')
    const parked = await rest.put(`/extension/${ext}/current_calls/${first?.call_api_id ?? ''}`, {
      action: 'park',
    })
    expect(parked.status).toBe(200)
    // Parked: the parker's entry stays under the id its leg had.
    expect((await rows()).map((r) => r.call_api_id)).toEqual([first?.call_api_id])
    const back = await rest.put(`/extension/${ext}/valet_park/-`, { action: 'bridge', slot: 701 })
    expect(back.status).toBe(200)
    const [again] = await rows()
    expect(again?.extension_id).toBe(ext)
    expect(again?.call_api_id).not.toBe(first?.call_api_id)
    expect((back.json as { call_api_id: string }).call_api_id).toBe(again?.call_api_id)
  })
})
