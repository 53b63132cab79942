import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, startDemoPbx, type DemoPbx } from '../src/testing'
import { api, client, isWav, token } from './demo-restv1-support'

let pbx: DemoPbx
let clock: ManualClock
let rest: ReturnType<typeof client>

beforeEach(async () => {
  clock = new ManualClock()
  pbx = await startDemoPbx({ clock, seed: 5 })
  rest = client(pbx, await token(pbx))
})
afterEach(async () => {
  await pbx.close()
})

const idOf = (n: string): number => pbx.restv1.face.extensionIdOf(n)

interface Ext {
  id: number
  name: string
  type: string
  label: string
}

describe('demo REST face: extensions and presence', () => {
  it('pages the extension list with a total count, and filters by type', async () => {
    const first = await rest.get('/client/@me/extension/?type=phone&page=1&per_page=5')
    expect(first.status).toBe(200)
    expect(first.headers.get('x-total-count')).toBe('12')
    const items = first.json as Ext[]
    expect(items).toHaveLength(5)
    expect(items[0]).toMatchObject({ id: pbx.restv1.extensionId, name: '700*201', type: 'phone' })
    const seen: number[] = []
    for (let page = 1; page <= 4; page++) {
      const answer = await rest.get(`/client/@me/extension/?type=phone&page=${page}&per_page=5`)
      seen.push(...(answer.json as Ext[]).map((e) => e.id))
    }
    expect(new Set(seen).size).toBe(12)
    const queues = (await rest.get('/client/@me/extension/?type=queue')).json as Ext[]
    expect(queues.map((q) => [q.name, q.label])).toEqual([
      ['700*281', 'Kundeservice'],
      ['700*282', 'Support'],
    ])
    expect((await rest.get('/client/@me/extension/?per_page=0')).status).toBe(400)
    expect((await rest.get('/client/@me/extension/?type=fax')).status).toBe(400)
  })

  it('answers many registrations in one request, in the order asked', async () => {
    const ids = ['202', '212', '201'].map(idOf)
    const q = ids.map((id) => `extension_id=${id}`).join('&')
    const answer = await rest.get(`/extension/registration/?${q}&extension_id=99999`)
    expect(answer.status).toBe(200)
    const regs = answer.json as { extension_id: number; registered: boolean; registrations: [] }[]
    expect(regs.map((r) => [r.extension_id, r.registered])).toEqual([
      [ids[0], true],
      [ids[1], false],
      [ids[2], true],
    ])
    expect(regs[1]?.registrations).toEqual([])
    pbx.state.setRegistered('DEMO', '212', true)
    const one = await rest.get(`/extension/${idOf('212')}/registration/`)
    expect(one.json).toMatchObject({ registered: true, registrations: [{ port: 5060 }] })
    expect((await rest.get('/extension/registration/')).status).toBe(400)
    expect((await rest.get('/extension/123/registration/')).status).toBe(404)
  })
})

describe('demo REST face: queues and agents', () => {
  it('logging an agent out pauses it in every queue; the queue status shows it', async () => {
    const me = pbx.restv1.extensionId
    const [agent] = (await rest.get(`/extension/${me}/agent/`)).json as {
      id: number
      status: string
    }[]
    expect(agent?.status).toBe('available')
    const put = await rest.put(`/extension/${me}/agent/${agent?.id}`, { status: 'logged_out' })
    expect(put.status).toBe(200)
    expect(put.json).toMatchObject({ status: 'logged_out' })
    for (const q of pbx.state.queues.list('DEMO')) {
      expect(q.agents.find((a) => a.extension === '201')?.paused).toBe(true)
    }
    const statuses = (await rest.get(`/extension/${idOf('281')}/queue/status/agents/`)).json as {
      extension_name: string
      status: string
      state: string
    }[]
    expect(statuses.find((s) => s.extension_name === '700*201')).toMatchObject({
      status: 'logged_out',
      state: 'idle',
    })
    const local = (await rest.get(`/extension/${idOf('281')}/queue/agents/local/`)).json
    expect(local).toContainEqual({ agent_id: agent?.id, position: 1, level: 1 })
    expect((await rest.put(`/extension/${me}/agent/${agent?.id}`, { status: 'x' })).status).toBe(
      400,
    )
    expect((await rest.get(`/extension/${idOf('209')}/agent/`)).json).toEqual([])
  })

  it('shows callers waiting, being offered and answered', async () => {
    pbx.restv1.face.setRateBudget(100)
    const call = pbx.state.calls.place({
      tenant: 'DEMO',
      from: { number: '+4520304050', name: 'Alice Mortensen' },
      to: '282',
    })
    const q = idOf('282')
    expect((await rest.get(`/extension/${q}/queue/status/`)).json).toEqual({
      answered_members: 0,
      waiting_members: 0,
      trying_members: 1,
    })
    clock.advance(5000)
    const [member] = (await rest.get(`/extension/${q}/queue/status/members/`)).json as {
      state: string
      number: string
      wait_time: number
      call_api_id: string
    }[]
    expect(member).toMatchObject({ state: 'trying', number: '+4520304050', wait_time: 5 })
    // The queue's own entry of the call (each extension on a call has its own id, R4).
    expect(member?.call_api_id).toBe(pbx.restv1.face.callApiIdOf(call.id, 'queue:282'))
    pbx.state.calls.answer('DEMO', call.id, '206')
    const [after] = (await rest.get(`/extension/${q}/queue/status/members/`)).json as {
      state: string
      serving_agent: string
    }[]
    expect(after).toMatchObject({ state: 'answered', serving_agent: '700*206' })
    const agents = (await rest.get(`/extension/${q}/queue/status/agents/`)).json as {
      extension_name: string
      state: string
    }[]
    expect(agents.find((a) => a.extension_name === '700*206')?.state).toBe('in_a_queue_call')
  })
})

describe('demo REST face: records and call history', () => {
  const window = (from: number, hours: number): string => {
    const f = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
    return `start_datetime=${encodeURIComponent(f(from))}&end_datetime=${encodeURIComponent(f(from + hours * 3600_000))}`
  }

  it("caps an extension's window at two calendar months (R7) and needs both bounds", async () => {
    const me = pbx.restv1.extensionId
    const at = (ms: number): string =>
      encodeURIComponent(new Date(ms).toISOString().slice(0, 19).replace('T', ' '))
    const range = (from: number, to: number): string =>
      `/extension/${me}/record/?start_datetime=${at(from)}&end_datetime=${at(to)}`
    const start = Date.UTC(2024, 10, 6, 9)
    expect((await rest.get(range(start, Date.UTC(2025, 0, 6, 9)))).status).toBe(200)
    const wide = await rest.get(range(start, Date.UTC(2025, 0, 6, 10)))
    expect(wide.status).toBe(400)
    expect(wide.json).toMatchObject({ message: expect.stringMatching(/two calendar months/) })
    expect((await rest.get(`/extension/${me}/record/`)).status).toBe(400)
    expect((await rest.get(range(start, start - 3600_000))).status).toBe(400)
    // Client-level history and records are not in seed 002: a real server has none.
    expect((await rest.get(`/client/@me/call_history/?${window(start, 24)}`)).status).toBe(404)
    expect((await rest.get(`/client/@me/record/?${window(start, 24)}`)).status).toBe(404)
  })

  it('half-open windows cover a long range exactly once', async () => {
    const me = pbx.restv1.extensionId
    const start = clock.now() - 24 * 3600_000
    const whole = (await rest.get(`/extension/${me}/record/?${window(start, 24)}&per_page=500`))
      .json as { call_uuid: string }[]
    const uuids: string[] = []
    for (let w = 0; w < 4; w++) {
      const page = await rest.get(
        `/extension/${me}/record/?${window(start + w * 6 * 3600_000, 6)}&order=asc&per_page=500`,
      )
      uuids.push(...(page.json as { call_uuid: string }[]).map((r) => r.call_uuid))
    }
    expect(whole.length).toBeGreaterThan(0)
    expect(uuids.sort()).toEqual(whole.map((r) => r.call_uuid).sort())
    expect(new Set(uuids).size).toBe(uuids.length)
  })

  it('lists recordings whose audio is a valid WAV of the size announced', async () => {
    const me = pbx.restv1.extensionId
    const records = (
      await rest.get(`/extension/${me}/record/?${window(clock.now() - 24 * 3600_000, 24)}`)
    ).json as { record_uuid: string | null; record_file_size: number; extension_id: number }[]
    const rec = records.find((r) => r.record_uuid)
    expect(rec).toBeDefined()
    const audio = await rest.get(
      `/extension/${rec?.extension_id}/record/${rec?.record_uuid}/download/`,
    )
    expect(audio.status).toBe(200)
    expect(audio.headers.get('content-type')).toBe('audio/wav')
    expect(isWav(audio.bytes)).toBe(true)
    expect(audio.bytes.length).toBe(rec?.record_file_size)
    const basic = Buffer.from(`${pbx.restv1.clientId}:${pbx.restv1.clientSecret}`).toString(
      'base64',
    )
    const viaBasic = await api(
      pbx,
      undefined,
      'GET',
      `/extension/${rec?.extension_id}/record/${rec?.record_uuid}/download/`,
      undefined,
      {
        Authorization: `Basic ${basic}`,
      },
    )
    expect(isWav(viaBasic.bytes)).toBe(true)
    expect((await rest.get(`/extension/${rec?.extension_id}/record/nope/download/`)).status).toBe(
      404,
    )
  })
})

describe('demo REST face: voicemail and chat', () => {
  it("serves a message's audio by its uuid, and like a real server has no list, PUT or DELETE", async () => {
    const me = pbx.restv1.extensionId
    const box = pbx.state.voicemail.mailbox('DEMO', '201')
    const newest = box?.messages.at(-1)
    const uuid = pbx.restv1.face.voicemailUuidOf('201', newest?.msgid ?? '')
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/)
    const audio = await rest.get(`/extension/${me}/voicemail/${uuid}`)
    expect(isWav(audio.bytes)).toBe(true)
    // Seed 002 documents none of these (PLATFORM-FACTS R7).
    expect((await rest.get(`/extension/${me}/voicemail/`)).status).toBe(404)
    expect((await rest.put(`/extension/${me}/voicemail/${uuid}`, { read: true })).status).toBe(405)
    expect((await rest.del(`/extension/${me}/voicemail/${uuid}`)).status).toBe(405)
    expect(box?.messages).toHaveLength(3)
    expect((await rest.get(`/extension/${me}/valet_park/`)).status).toBe(404)
  })

  it('marks a chat read and deletes it for this extension only', async () => {
    const me = pbx.restv1.extensionId
    pbx.state.chat.send('DEMO', 'support', '206', 'Kan nogen tage 282?')
    type Msg = { text: string; read: boolean }
    const before = (await rest.get(`/extension/${me}/chat/support/messages/`)).json as Msg[]
    expect(before).toEqual([expect.objectContaining({ text: 'Kan nogen tage 282?', read: false })])
    const put = await rest.put(`/extension/${me}/chat/support/messages/`, { read: true })
    expect(put.json).toEqual({ id: 'support', read: true })
    pbx.state.chat.send('DEMO', 'support', '207', 'Jeg tager den')
    const after = (await rest.get(`/extension/${me}/chat/support/messages/`)).json as Msg[]
    expect(after.map((m) => m.read)).toEqual([true, false])
    expect((await rest.del(`/extension/${me}/chat/support/messages/`)).status).toBe(204)
    expect((await rest.get(`/extension/${me}/chat/support/messages/`)).json).toEqual([])
    const other = (await rest.get(`/extension/${idOf('206')}/chat/support/messages/`)).json as Msg[]
    expect(other).toHaveLength(2)
    expect(
      (await rest.put(`/extension/${idOf('202')}/chat/support/messages/`, { read: true })).status,
    ).toBe(404)
  })
})
