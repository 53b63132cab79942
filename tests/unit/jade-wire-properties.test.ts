/**
 * Seed-shaped jade rows, generated: the fields seed 004 and jade's tables have,
 * optional ones sometimes missing or null, no invented fields. The readers
 * must take every one, never list a nameless colleague, never let a password
 * through, and read every time jade can print.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/result'
import { listOf, parseAnswer, timeOf } from '../../src/main/providers/jade/parse'
import { colleaguesOf, contactsOf } from '../../src/main/providers/jade/directory'

/** jade's `utils_get_utc_timestamp`: `%Y-%m-%dT%H:%M:%S.%ldZ`, the nanoseconds unpadded. */
const jadeStamp = fc
  .record({
    seconds: fc.integer({ min: 0, max: 4_000_000_000 }),
    nanos: fc.integer({ min: 0, max: 999_999_999 }),
  })
  .map(({ seconds, nanos }) => ({
    text: `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${nanos}Z`,
    ms: seconds * 1000 + Math.floor(nanos / 1_000_000),
  }))

const uuid = fc.uuid()
const label = fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: null })
// Distinct from any generated name: a match is a leak, not chance.
const secret = fc.stringMatching(/^pw[0-9a-f]{10}$/)
const shortLabel = fc.option(fc.string({ minLength: 1, maxLength: 6 }), { nil: null })
const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arb, { nil: undefined })

/** `/me/buddies` (seed 004): uuid, uuid_user, name, detail, tm_create, tm_update. */
const buddy = fc.record(
  {
    uuid,
    uuid_user: uuid,
    name: label,
    detail: label,
    tm_create: jadeStamp.map((s) => s.text),
    tm_update: fc.option(
      jadeStamp.map((s) => s.text),
      { nil: null },
    ),
  },
  { requiredKeys: ['uuid', 'uuid_user'] },
)

/** `/admin/user/users` (seed 004): with the sign-in password. */
const user = (id: fc.Arbitrary<string>) =>
  fc.record({
    uuid: id,
    username: fc.string({ minLength: 1, maxLength: 12 }),
    name: label,
    password: secret,
  })

/** jade's user_contact table (user_handler.c). */
const contact = (id: fc.Arbitrary<string>) =>
  fc.record(
    {
      uuid,
      user_uuid: id,
      type: fc.constantFrom('pjsip_endpoint', 'sip_peer', 'other', null),
      target: fc.stringMatching(/^[0-9]{2,5}$/),
      name: label,
      detail: label,
      info: optional(fc.record({ id: fc.string(), password: secret })),
    },
    { requiredKeys: ['uuid', 'user_uuid', 'type', 'target'] },
  )

describe('generated seed-shaped jade rows', () => {
  it('reads every time jade can print, 1 to 9 fractional digits, to the millisecond', () => {
    fc.assert(
      fc.property(jadeStamp, (stamp) => {
        expect(timeOf(stamp.text)).toBe(stamp.ms)
      }),
    )
  })

  it('never offers a nameless colleague and never carries a password out', () => {
    const ids = fc.uniqueArray(uuid, { minLength: 1, maxLength: 6 })
    fc.assert(
      fc.property(
        ids.chain((pool) => {
          const id = fc.constantFrom(...pool)
          return fc.record({
            buddies: fc.array(buddy, { maxLength: 6 }),
            users: fc.array(user(id), { maxLength: 6 }),
            contacts: fc.array(contact(id), { maxLength: 8 }),
            admin: fc.boolean(),
            self: id,
          })
        }),
        ({ buddies, users, contacts, admin, self }) => {
          const colleagues = colleaguesOf(buddies, admin ? { users, contacts } : undefined, self)
          const found = contactsOf(colleagues, '', 'a')
          for (const c of found) expect(c.name).not.toBe('')
          expect(colleagues.some((c) => c.userId === self)).toBe(false)
          const out = JSON.stringify([colleagues, found])
          for (const u of users) expect(out).not.toContain(`"${u.password}"`)
          for (const c of contacts) if (c.info) expect(out).not.toContain(c.info.password)
        },
      ),
    )
  })

  it('reads a list the same bare and in result.list', () => {
    fc.assert(
      fc.property(fc.array(buddy, { maxLength: 5 }), (rows) => {
        const envelope = { api_ver: '0.1', statuscode: 200, timestamp: '2018-03-28T01:46:34.5Z' }
        const bare = JSON.stringify({ ...envelope, result: rows })
        const wrapped = JSON.stringify({ ...envelope, result: { list: rows } })
        expect(listOf(parseAnswer(200, bare, 'x'), 'x')).toEqual(
          listOf(parseAnswer(200, wrapped, 'x'), 'x'),
        )
      }),
    )
  })

  it('never quotes a device password in the error for an answer cut short anywhere', () => {
    fc.assert(
      fc.property(contact(uuid), shortLabel, secret, fc.nat(), (row, note, password, cutAt) => {
        row.detail = note
        // Keys in seed 004's order (`detail`, `info`, …): the password comes early,
        // within what an error would quote.
        const { detail, ...rest } = row
        const item = { detail: detail ?? null, info: { id: row.target, password }, ...rest }
        const full = JSON.stringify({ result: { list: [item] }, statuscode: 200 })
        const start = full.indexOf(password)
        // Cut anywhere from the middle of the password to the end of the answer.
        const cut = full.slice(0, start + 1 + (cutAt % (full.length - start)))
        let message = ''
        try {
          parseAnswer(200, cut, 'your devices')
        } catch (error) {
          expect(error).toBeInstanceOf(AppError)
          message = (error as AppError).message
        }
        expect(message).not.toContain(password)
        expect(message).not.toContain(password.slice(0, 4))
      }),
    )
  })
})
