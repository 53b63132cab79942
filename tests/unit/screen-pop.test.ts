import { liveEvent } from '../support/call-events'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { screenPop, screenPopProblem } from '../../src/main/core/app/screen-pop'
import { memoryLogger } from '../../src/main/log'
import type { Call } from '../../src/shared/model'
import { preferencesSchema } from '../../src/shared/preferences'
import { buildScreenPopUrl, checkTemplate } from '../../src/shared/screen-pop'

const crm = 'https://crm.example.com/find?phone={number}&src=switchboard'
const origin = 'https://crm.example.com'

describe('the screen-pop template', () => {
  it.each([
    ['https://crm.example.com/find?phone={number}', { ok: true, origin }],
    ['https://crm.example.com/c/{number}/view', { ok: true, origin }],
    ['http://crm.example.com/?p={number}', { ok: false, reason: 'not_https' }],
    ['javascript:alert({number})', { ok: false, reason: 'not_https' }],
    ['file:///etc/{number}', { ok: false, reason: 'not_https' }],
    ['https://crm.example.com/find', { ok: false, reason: 'no_placeholder' }],
    ['https://user:pw@crm.example.com/?p={number}', { ok: false, reason: 'credentials' }],
    ['https://{number}.evil.example/', { ok: false, reason: 'malformed' }],
    ['https:{number}.x/', { ok: false, reason: 'malformed' }],
    ['https:/{number}.x/p', { ok: false, reason: 'malformed' }],
    ['https://crm.example.com:{number}/', { ok: false, reason: 'malformed' }],
    ['not a url {number}', { ok: false, reason: 'malformed' }],
    [`https://crm.example.com/?p={number}${'x'.repeat(600)}`, { ok: false, reason: 'too_long' }],
  ])('%s', (template, expected) => {
    expect(checkTemplate(template)).toEqual(expected)
  })

  it('fills in the number percent-encoded, so it cannot add parameters or change the page', () => {
    expect(buildScreenPopUrl(crm, origin, '+45 70 10 20 30')).toBe(
      'https://crm.example.com/find?phone=%2B4570102030&src=switchboard',
    )
    expect(buildScreenPopUrl(crm, origin, '123&admin=1#x')).toBe(
      'https://crm.example.com/find?phone=1231%23&src=switchboard',
    )
  })

  it('builds nothing for an unconfirmed origin, a bad template or a number without digits', () => {
    expect(buildScreenPopUrl(crm, 'https://other.example', '+4570102030')).toBeNull()
    expect(
      buildScreenPopUrl('http://crm.example.com/?p={number}', 'http://crm.example.com', '1'),
    ).toBeNull()
    expect(buildScreenPopUrl(crm, origin, 'anonymous')).toBeNull()
  })

  it('only ever yields an https URL on the confirmed origin, whatever the number (fuzzed)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (number) => {
        const url = buildScreenPopUrl(crm, origin, number)
        if (url !== null) {
          expect(new URL(url).origin).toBe(origin)
          expect(new URL(url).searchParams.get('src')).toBe('switchboard')
        }
      }),
    )
  })
})

function call(parts: Partial<Call> = {}): Call {
  return {
    id: 'C1',
    accountId: 'a',
    direction: 'inbound',
    state: 'up',
    local: { number: '201' },
    remote: { number: '+4570102030', name: 'Torben' },
    startedAt: 0,
    handle: {},
    ...parts,
  }
}

describe('opening the CRM page', () => {
  const confirmed = preferencesSchema.parse({ screenPopUrl: crm, screenPopOrigin: origin })

  it('opens the page for a live call through the shell, built from main’s own call', async () => {
    const opened: string[] = []
    const pop = screenPop({
      preferences: () => confirmed,
      calls: () => [call()],
      openInBrowser: (url) => void opened.push(url),
      log: memoryLogger(),
    })
    expect(await pop.open('a', 'C1')).toEqual({
      url: 'https://crm.example.com/find?phone=%2B4570102030&src=switchboard',
      opened: true,
    })
    expect(opened).toHaveLength(1)
    await expect(pop.open('a', 'gone')).rejects.toMatchObject({ kind: 'not_found' })
  })

  it('hands the URL back where there is no shell to open it (the browser bridge)', async () => {
    const pop = screenPop({
      preferences: () => confirmed,
      calls: () => [call()],
      log: memoryLogger(),
    })
    expect(await pop.open('a', 'C1')).toMatchObject({ opened: false })
  })

  it('says what to fix when nothing is set up or the origin was not confirmed', async () => {
    const none = screenPop({
      preferences: () => preferencesSchema.parse({}),
      calls: () => [call()],
      log: memoryLogger(),
    })
    await expect(none.open('a', 'C1')).rejects.toThrow(/No CRM page is set up/)
    const unconfirmed = preferencesSchema.parse({ screenPopUrl: crm })
    expect(screenPopProblem(unconfirmed)).toBe(
      'Confirm that Switchboard may open pages on https://crm.example.com first.',
    )
    expect(screenPopProblem(preferencesSchema.parse({ screenPopUrl: 'http://x/{number}' }))).toBe(
      'The CRM address must start with https://.',
    )
    expect(screenPopProblem(confirmed)).toBeNull()
  })

  it('opens by itself once per answered incoming call when the agent chose so', () => {
    const opened: string[] = []
    const pop = screenPop({
      preferences: () => ({ ...confirmed, screenPopOnAnswer: true }),
      calls: () => [],
      openInBrowser: (url) => void opened.push(url),
      log: memoryLogger(),
    })
    const answered = (c: Call) =>
      pop.onEvent({ name: 'call:event', payload: liveEvent('call.answered', c) })
    answered(call())
    answered(call()) // answered again after a hold: not a second page
    answered(call({ id: 'C2', direction: 'outbound' }))
    answered(call({ id: 'C6', direction: 'internal', placedBy: 'agent' }))
    answered(call({ id: 'C3', answeredElsewhere: { number: '202' } }))
    pop.onEvent({
      name: 'call:event',
      payload: liveEvent('call.ringing', call({ id: 'C5' })),
    })
    expect(opened).toEqual(['https://crm.example.com/find?phone=%2B4570102030&src=switchboard'])
  })

  it('does not open by itself when the option is off', () => {
    const opened: string[] = []
    const pop = screenPop({
      preferences: () => confirmed,
      calls: () => [],
      openInBrowser: (url) => void opened.push(url),
      log: memoryLogger(),
    })
    pop.onEvent({ name: 'call:event', payload: liveEvent('call.answered', call()) })
    expect(opened).toEqual([])
  })
})
