import { describe, expect, it } from 'vitest'
import { fairTurn, RequestCost } from '../../src/main/core/session/request-cost'

/** A kind's cost model after runs of `sent` requests, each beside `company` other polls. */
function learned(runs: readonly [sent: number, company: number][], now = 0): RequestCost {
  const cost = new RequestCost()
  for (const [sent, company] of runs) {
    cost.begin(company)
    cost.record(sent, now)
  }
  return cost
}

describe('what one poll of a kind costs', () => {
  it('takes a kind it has never polled to cost one request', () => {
    expect(new RequestCost().estimate()).toBe(1)
  })

  it('is the median of the recent runs that ran alone, not swayed by one that signed in again', () => {
    expect(
      learned([
        [3, 0],
        [3, 0],
        [9, 0],
      ]).estimate(),
    ).toBe(3)
    // Only the last five runs count: a kind whose pages grew is planned at its new size.
    expect(
      learned([
        [1, 0],
        [1, 0],
        [1, 0],
        [4, 0],
        [4, 0],
        [4, 0],
        [4, 0],
      ]).estimate(),
    ).toBe(4)
  })

  it('ignores runs another poll overlapped once one ran alone', () => {
    expect(
      learned([
        [20, 2],
        [2, 0],
        [30, 1],
      ]).estimate(),
    ).toBe(2)
  })

  it('shares out a sign-in volley among the polls that ran together, so a rare kind still fits', () => {
    // Chat's first run overlapped three others that sent 16 requests in all.
    expect(learned([[16, 3]]).estimate()).toBe(4)
    // Of several overlapped runs, the least share is the estimate.
    expect(
      learned([
        [16, 3],
        [6, 2],
      ]).estimate(),
    ).toBe(2)
  })

  it('counts a poll that started during the run as company', () => {
    const cost = new RequestCost()
    cost.begin(0)
    cost.joined()
    cost.record(12, 0)
    expect(cost.estimate()).toBe(6)
    expect(cost.spentLastMinute(0)).toBe(6)
  })

  it('forgets what a kind spent once it is a minute old', () => {
    const cost = learned([[5, 0]], 1000)
    expect(cost.spentLastMinute(60_999)).toBe(5)
    expect(cost.spentLastMinute(61_000)).toBe(0)
  })
})

describe('a fair turn in the others’ part of the minute', () => {
  it('lets a kind below its even part go, and one that spent no more than the dearest kind', () => {
    const lamps = learned([[40, 0]])
    const chat = learned([[4, 0]])
    const queues = learned([[10, 0]])
    // 60 a minute for three kinds: 20 each.
    expect(fairTurn(chat, 4, 0, 60, [lamps, chat, queues])).toBe(true)
    // Queues would be at 10 + 15 = 25: above its part, below what the lamps spent.
    expect(fairTurn(queues, 15, 0, 60, [lamps, chat, queues])).toBe(true)
    // The lamps, dearest already, wait.
    expect(fairTurn(lamps, 13, 0, 60, [lamps, chat, queues])).toBe(false)
  })
})
