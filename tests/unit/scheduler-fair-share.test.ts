/**
 * The budget's part for kinds other than calls is shared: a dear kind asked for
 * often (jade's lamps: one request per device, re-read on every call event) must
 * not leave a cheap one (chat) waiting for the minute to clear.
 */
import { expect, it } from 'vitest'
import { defaultScheduleOptions, type PollKind } from '../../src/main/core/session/poll-plan'
import { RequestBudget } from '../../src/main/core/session/request-budget'
import { Scheduler } from '../../src/main/core/session/scheduler'
import { seededRandom } from '../support/fake-provider'
import { ManualClock } from '@switchboard/demo-pbx/testing'

const cost: Record<string, number> = { calls: 1, presence: 13, chat: 4 }

function office() {
  const clock = new ManualClock()
  const budget = new RequestBudget(clock, 120)
  const stats = { requests: 0 }
  const polls: Record<string, number[]> = { calls: [], presence: [], chat: [] }
  const sent: number[] = []
  const scheduler = new Scheduler(
    clock,
    seededRandom(3),
    budget,
    { ...defaultScheduleOptions, budgetPerMinute: 120 },
    {
      run: (kind: PollKind) =>
        budget.count(stats, async () => {
          polls[kind]?.push(clock.now())
          for (let i = 0; i < (cost[kind] ?? 1); i++) {
            stats.requests++
            sent.push(clock.now())
            await new Promise<void>((resolve) => clock.setTimeout(resolve, 10))
          }
        }),
      active: () => true,
      allowed: () => true,
      rateLimit: () => undefined,
      onSuccess: () => undefined,
      onError: () => undefined,
      onLate: () => undefined,
      sent: () => stats.requests,
    },
  )
  return { clock, scheduler, polls, sent }
}

it('polls a pushed chat message at once while the lamps have used up the shared part of the minute', async () => {
  const { clock, scheduler, polls, sent } = office()
  // Signed in: every kind at once, then the event socket opens and asks again.
  scheduler.start(['calls', 'presence', 'chat'])
  await clock.run(5)
  scheduler.pollNow(['calls', 'presence', 'chat'])
  // Calls come and go: each one's events ask for the lamps.
  for (let t = 0; t < 12_000; t += 500) {
    scheduler.notice(['presence'])
    await clock.run(500)
  }
  const noticed = clock.now()
  scheduler.notice(['chat'])
  await clock.run(1000)
  scheduler.stop()
  expect(polls.chat!.filter((t) => t >= noticed)).toHaveLength(1)
  // …and the budget still holds.
  const window = sent.filter((t) => t > clock.now() - 60_000)
  expect(window.length).toBeLessThanOrEqual(120)
})
