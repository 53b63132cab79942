import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/result'
import type { Call } from '../../src/shared/model'
import { createLogger } from '../../src/main/log'
import { defaultScheduleOptions } from '../../src/main/core/session/poll-plan'
import { RequestBudget } from '../../src/main/core/session/request-budget'
import { Scheduler } from '../../src/main/core/session/scheduler'
import { FakeProvider, seededRandom } from '../support/fake-provider'
import { ManualClock } from '@switchboard/demo-pbx/testing'
import { startSession, type Harness } from './session-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.session.stop()
  h = undefined
})

const calls = defaultScheduleOptions.intervals.calls.idle
const jitter = 1 + defaultScheduleOptions.jitter

/** A PBX whose calls request can hang: it never answers and never times out. */
class HangingProvider extends FakeProvider {
  hangNext = false

  override async calls(): Promise<Call[]> {
    if (!this.hangNext) return super.calls()
    this.hangNext = false
    this.log.push({ method: 'calls', at: this.now() })
    return new Promise<Call[]>(() => undefined)
  }
}

const faults: { name: string; error: AppError; nextWithinMs: number }[] = [
  {
    name: '500',
    error: new AppError('bad_response', 'Server error (HTTP 500).'),
    nextWithinMs: calls,
  },
  {
    name: 'an HTML page',
    error: new AppError('bad_response', 'The PBX sent a web page.', undefined, {
      code: 'bad_response.unreadable',
    }),
    nextWithinMs: calls,
  },
  {
    name: 'broken JSON',
    error: new AppError('bad_response', 'Unreadable JSON.', undefined, {
      code: 'bad_response.unreadable',
    }),
    nextWithinMs: calls,
  },
  { name: 'a time-out', error: new AppError('timeout', 'No answer in 8 s.'), nextWithinMs: calls },
  {
    name: '429 Retry-After 5',
    error: new AppError('rate_limited', 'Too many requests.', 5000),
    nextWithinMs: 5000 + 100,
  },
]

describe('session: no silent gaps', () => {
  for (const fault of faults) {
    it(`after ${fault.name}, the next calls poll comes on time`, async () => {
      h = await startSession({ fake: { capabilities: ['calls', 'presence', 'queues'] } })
      await h.clock.run(30_000)
      h.provider.fail('calls', fault.error)
      await h.clock.run(calls * jitter + 10)
      const polls = h.provider.log.filter((entry) => entry.method === 'calls')
      const failedAt = polls.at(-1)?.at ?? 0
      await h.clock.run(fault.nextWithinMs + 10)
      const next = h.provider.log.find((e) => e.method === 'calls' && e.at > failedAt)
      expect((next?.at ?? Infinity) - failedAt).toBeLessThanOrEqual(fault.nextWithinMs)
    })
  }

  it('after a refused key, the re-check comes on time and polling resumes at once when accepted', async () => {
    h = await startSession({ fake: { capabilities: ['calls', 'presence'] } })
    await h.clock.run(30_000)
    h.provider.fail('calls', new AppError('auth', 'The API key was refused.'))
    await h.clock.run(calls * jitter + 10)
    const retryAt = h.session.connection.retryAt ?? Infinity
    expect(retryAt - h.clock.now()).toBeLessThanOrEqual(120_000)
    await h.clock.run(retryAt - h.clock.now() + 1000)
    const firstCalls = h.provider.log.find((e) => e.method === 'calls' && e.at >= retryAt)
    expect((firstCalls?.at ?? Infinity) - retryAt).toBeLessThanOrEqual(1000)
    expect(h.session.state).toBe('online')
  })

  it('a calls request that hangs for good is noticed, logged, and polling goes on', async () => {
    const clock = new ManualClock()
    const provider = new HangingProvider({ now: () => clock.now(), capabilities: ['calls'] })
    const lines: string[] = []
    const log = createLogger('test', (_level, line) => lines.push(line))
    h = await startSession({ clock, provider, log })
    await h.clock.run(30_000)
    provider.hangNext = true
    await h.clock.run(calls * jitter + 10)
    const hungAt = provider.log.at(-1)?.at ?? 0
    expect(h.session.state).toBe('online')
    // Two intervals, the HTTP timeout's grace on top, and the watchdog's look.
    await h.clock.run(2 * calls * jitter + 10_000 + 2000)
    const next = provider.log.find((e) => e.method === 'calls' && e.at > hungAt)
    expect(next).toBeDefined()
    expect(lines.some((line) => line.includes('calls: no poll for'))).toBe(true)
    // And it keeps its usual pace afterwards.
    const count = provider.count('calls')
    await h.clock.run(30_000)
    expect(provider.count('calls') - count).toBeGreaterThanOrEqual(9)
  })

  it('a poll timer that never fires is noticed and the loop restarted', async () => {
    // A clock that loses one timer, as a suspended machine or a throttled timer can.
    class LosingClock extends ManualClock {
      loseAfter = Infinity
      override setTimeout(fn: () => void, ms: number): number {
        if (this.now() >= this.loseAfter && ms > 500 && ms < 10_000) {
          this.loseAfter = Infinity
          return super.setTimeout(() => undefined, ms)
        }
        return super.setTimeout(fn, ms)
      }
    }
    const clock = new LosingClock()
    const runs: number[] = []
    const stalls: string[] = []
    const scheduler = new Scheduler(
      clock,
      seededRandom(3),
      new RequestBudget(clock, 120),
      { ...defaultScheduleOptions, intervals: { ...defaultScheduleOptions.intervals } },
      {
        run: async () => void runs.push(clock.now()),
        active: () => false,
        allowed: () => true,
        rateLimit: () => undefined,
        onSuccess: () => undefined,
        onError: () => undefined,
        onLate: () => undefined,
        onStall: (kind) => stalls.push(kind),
      },
    )
    scheduler.start(['calls'])
    await clock.run(30_000)
    clock.loseAfter = clock.now()
    await clock.run(30_000)
    scheduler.stop()
    const gaps = runs.slice(1).map((at, i) => at - (runs[i] ?? 0))
    expect(stalls).toEqual(['calls'])
    expect(Math.max(...gaps)).toBeLessThanOrEqual(3 * calls * jitter + 2000)
  })
})
