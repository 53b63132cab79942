/**
 * Property tests of the PBXCloud readers over generated seed-shaped answers: only
 * the fields the sources name (PLATFORM-FACTS P4–P6), optional ones left out at
 * random, undocumented columns' case varied, secrets always present.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  isOwnAgent,
  readAgents,
  readExtensions,
  readVoicemails,
} from '../../src/main/providers/pbxcloud/readers'
import { AppError } from '../../src/shared/result'

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`))
const secret = fc.stringMatching(/^[A-Za-z0-9]{8,16}$/).map((s) => `Zq${s}`)
const text = fc.string({ minLength: 0, maxLength: 30 }).filter((s) => !/pass|secret/i.test(s))

/** One INFO extensions row (P4): ex_ fields as strings, secrets, maybe no state, extras. */
const extensionRow = fc.record(
  {
    ex_number: digits(2, 5),
    ex_name: text,
    ex_state: fc.constantFrom('NOT_INUSE', 'INUSE', 'RINGING', 'UNAVAILABLE'),
    password: secret,
    ex_webpassword: secret,
    ex_vmpassword: secret,
    ex_extra1: text,
    ex_extra2: digits(0, 3),
  },
  { requiredKeys: ['ex_number', 'ex_name', 'password', 'ex_webpassword', 'ex_vmpassword'] },
)

describe('PBXCloud readers, generated answers', () => {
  it('INFO extensions: every row is read by ex_number/ex_name and no secret survives', () => {
    fc.assert(
      fc.property(fc.array(extensionRow, { minLength: 1, maxLength: 20 }), (rows) => {
        const body = JSON.stringify(rows)
        const read = readExtensions(body)
        expect(read.map((e) => e.number)).toEqual(rows.map((r) => r.ex_number))
        const out = JSON.stringify(read)
        for (const row of rows) {
          for (const s of [row.password, row.ex_webpassword, row.ex_vmpassword]) {
            expect(out).not.toContain(s)
          }
        }
      }),
    )
  })

  it('INFO extensions cut short: the error never quotes a secret', () => {
    fc.assert(
      fc.property(fc.array(extensionRow, { minLength: 1, maxLength: 5 }), fc.nat(), (rows, at) => {
        const body = JSON.stringify(rows)
        const cut = body.slice(0, 1 + (at % (body.length - 1)))
        try {
          readExtensions(cut)
        } catch (error) {
          expect(error).toBeInstanceOf(AppError)
          const said = `${(error as AppError).message}`
          for (const row of rows) {
            for (const s of [row.password, row.ex_webpassword, row.ex_vmpassword]) {
              expect(said).not.toContain(s)
            }
          }
        }
      }),
    )
  })

  it('INFO agents json: the own agent and its pause are found at any position (P5)', () => {
    const agent = fc.record({
      id: digits(3, 4),
      queue: digits(3, 3),
      paused: fc.boolean(),
      user: fc.constantFrom('', 'SIP/', 'PJSIP/'),
    })
    fc.assert(
      fc.property(
        fc.uniqueArray(agent, { minLength: 1, maxLength: 8, selector: (a) => a.id }),
        fc.nat(),
        fc.nat(),
        (agents, pick, seed) => {
          const body: Record<string, Record<string, string>> = {}
          for (const a of agents) {
            const values = [a.queue, `${a.user}${a.id}-DEMO`, a.paused ? 'Paused' : 'Idle']
            const shift = seed % values.length
            const rotated = [...values.slice(shift), ...values.slice(0, shift)]
            body[a.id] = Object.fromEntries(rotated.map((v, i) => [String(i), v]))
          }
          const own = agents[pick % agents.length]
          if (!own) return
          const read = readAgents(JSON.stringify(body))
          const mine = read.filter((e) => isOwnAgent(e, own.id, `${own.id}-DEMO`))
          expect(mine).toHaveLength(1)
          expect(mine[0]?.paused).toBe(own.paused)
        },
      ),
    )
  })

  it('VOICEMAIL messages: any key case, optional fields missing, folder from Dir (P6)', () => {
    const message = fc.record(
      {
        Msgid: fc.tuple(digits(10, 10), digits(8, 8)).map(([a, b]) => `${a}-${b}`),
        CallerID: text,
        Duration: digits(1, 3),
        DateTime: fc
          .integer({ min: 1_000_000_000, max: 2_000_000_000 })
          .map((s) => new Date(s * 1000).toISOString().slice(0, 19).replace('T', ' ')),
        Dir: fc
          .constantFrom('INBOX', 'Old', 'Work')
          .map((f) => `/var/spool/asterisk/voicemail/DEMO/102/${f}`),
      },
      { requiredKeys: ['Msgid'] },
    )
    const casing = fc.constantFrom(
      (k: string) => k,
      (k: string) => k.toLowerCase(),
      (k: string) => k.toUpperCase(),
    )
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 10 }), casing, (rows, spell) => {
        const body = JSON.stringify(
          rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [spell(k), v]))),
        )
        const read = readVoicemails(body)
        expect(read.map((m) => m.msgid)).toEqual(rows.map((r) => r.Msgid))
        read.forEach((m, i) => {
          const dir = rows[i]?.Dir
          expect(m.folder).toBe(dir ? (dir.split('/').pop() ?? '').toUpperCase() : '')
          expect(Number.isFinite(m.receivedAt)).toBe(true)
          expect(m.receivedAt).toBeGreaterThan(0)
        })
      }),
    )
  })
})
