import { describe, expect, it } from 'vitest'
import { Consultations } from '../../src/main/core/calls/consultations'
import type { Call } from '../../src/shared/model'

function call(id: string, parts: Partial<Call> = {}): Call {
  return {
    id,
    accountId: 'a',
    direction: 'outbound',
    state: 'ringing',
    local: { number: '201' },
    remote: { number: '205' },
    startedAt: 10_000,
    handle: {},
    ...parts,
  }
}

const original = call('C1', {
  direction: 'inbound',
  state: 'held',
  remote: { number: '+4522446688' },
  startedAt: 0,
})

describe('linking the consultation of an attended transfer', () => {
  it('marks the agent’s next call to the destination, and only that one', () => {
    const links = new Consultations()
    links.started('C1', '205', 10_000)
    const marked = links.mark(
      [original, call('C2'), call('C3', { remote: { number: '206' } })],
      10_500,
    )
    expect(marked.map((c) => [c.id, c.consultFor])).toEqual([
      ['C1', undefined],
      ['C2', 'C1'],
      ['C3', undefined],
    ])
    // The link holds while both calls live, and goes when the consultation ends.
    expect(links.mark([original, call('C2', { state: 'up' })], 20_000)[1]?.consultFor).toBe('C1')
    expect(links.mark([original], 21_000)).toEqual([original])
    expect(links.mark([original, call('C2')], 22_000)[1]?.consultFor).toBeUndefined()
  })

  it('matches a national destination against the E.164 number the PBX shows', () => {
    const links = new Consultations()
    links.started('C1', '26 15 37 48', 10_000)
    const marked = links.mark([original, call('C2', { remote: { number: '+4526153748' } })], 11_000)
    expect(marked[1]?.consultFor).toBe('C1')
  })

  it('ignores incoming calls, older calls, and gives up after a minute', () => {
    const links = new Consultations()
    links.started('C1', '205', 10_000)
    const unrelated = [
      original,
      call('C4', { direction: 'inbound' }),
      call('C5', { startedAt: 1_000 }),
    ]
    expect(links.mark(unrelated, 11_000).some((c) => c.consultFor)).toBe(false)
    expect(
      links.mark([original, call('C6', { startedAt: 75_000 })], 75_000)[1]?.consultFor,
    ).toBeUndefined()
  })

  it('forgets a transfer that did not start', () => {
    const links = new Consultations()
    links.started('C1', '205', 10_000)
    links.forget('C1')
    expect(links.mark([original, call('C2')], 10_500)[1]?.consultFor).toBeUndefined()
  })
})
