/**
 * Property tests on seed-shaped `current_calls` rows (seed 002 `call_mdl`, R4):
 * only documented fields, any of the optional ones missing, keys in any order,
 * `answer_time_gmt` null, empty or set. Whatever the server leaves out, the
 * agent's calls come out with a state, a direction and who placed them.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CallMemory, ownCalls } from '../../src/main/providers/restv1/call-rows'
import { buildDirectory, presenceFrom } from '../../src/main/providers/restv1/normalise'
import { parseCallList, parseExtensions } from '../../src/main/providers/restv1/parse'

const directory = buildDirectory(
  parseExtensions(
    JSON.stringify([
      { id: 4101, name: '700*201', label: 'Mette', type: 'phone' },
      { id: 4102, name: '700*202', label: 'Lars', type: 'phone' },
      { id: 4281, name: '700*281', label: 'Kundeservice', type: 'queue' },
    ]),
  ),
)
const own = { accountId: 'a', extensionId: '4101', number: '201' }
const time = fc.constantFrom('2025-01-06 09:00:00', '2025-01-06 09:00:07')

/** One `call_mdl`: `call_api_id` and `extension_id` always, every other field optional. */
const seedRow = fc.record(
  {
    call_api_id: fc.uuid(),
    extension_id: fc.constantFrom(4101, 4102, 4281, '4101'),
    call_flow: fc.constantFrom('in', 'out'),
    caller_id_number: fc.constantFrom('+4520304050', '202', ''),
    caller_id_name: fc.oneof(fc.string({ maxLength: 12 }), fc.constant(null)),
    called_number: fc.constantFrom('201', '202', '281', '+4522446688'),
    called_did: fc.oneof(fc.constant('4570102030'), fc.constant(null), fc.constant('')),
    init_time_gmt: time,
    answer_time_gmt: fc.oneof(fc.constant(null), fc.constant(''), time),
    record_uuid: fc.oneof(fc.uuid(), fc.constant(null)),
    real_call: fc.boolean(),
    callback_id: fc.oneof(fc.string({ maxLength: 8 }), fc.constant(null)),
  },
  { requiredKeys: ['call_api_id', 'extension_id'] },
)

/** The row with its keys in a shuffled order (the order is nowhere documented). */
const shuffled = seedRow.chain((row) =>
  fc
    .shuffledSubarray(Object.entries(row), { minLength: Object.keys(row).length })
    .map((entries) => Object.fromEntries(entries)),
)

describe('seed-shaped current_calls rows', () => {
  it('give every own call a state from answer_time_gmt, a direction and who placed it', () => {
    fc.assert(
      fc.property(fc.array(shuffled, { maxLength: 8 }), fc.boolean(), (rows, wrapped) => {
        const body = JSON.stringify(wrapped ? { call_list: rows } : rows)
        const parsed = parseCallList(body)
        expect(parsed).toHaveLength(rows.length)
        const calls = ownCalls(parsed, own, directory, 0, new CallMemory())
        for (const call of calls) {
          const row = rows.find(
            (r) => r.call_api_id === call.id && String(r.extension_id) === '4101',
          )!
          expect(call.state).toBe(row.answer_time_gmt ? 'up' : 'ringing')
          expect(call.placedBy).toBe(row.call_flow === 'out' ? 'agent' : call.placedBy)
          expect(['agent', 'colleague', 'outside']).toContain(call.placedBy)
          expect(['inbound', 'outbound', 'internal']).toContain(call.direction)
        }
        const lamps = presenceFrom(directory, [], parsed, 'a', 0)
        expect(lamps).toHaveLength(2)
      }),
      { numRuns: 300 },
    )
  })

  it('a hold made through the app shows until the call leaves the agent', () => {
    fc.assert(
      fc.property(seedRow, (row) => {
        const talking = { ...row, extension_id: 4101, answer_time_gmt: '2025-01-06 09:00:07' }
        const memory = new CallMemory()
        memory.hold(row.call_api_id)
        const parsed = parseCallList(JSON.stringify({ call_list: [talking] }))
        expect(ownCalls(parsed, own, directory, 0, memory)[0]?.state).toBe('held')
        memory.keepOnly(new Set())
        expect(ownCalls(parsed, own, directory, 0, memory)[0]?.state).toBe('up')
      }),
      { numRuns: 100 },
    )
  })
})
