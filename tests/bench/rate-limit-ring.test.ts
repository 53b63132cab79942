/**
 * The benchmark's rate-limit figure as a guard: for every dialect, a call that
 * rings one second after a 429 (Retry-After 30 s) is seen within the Retry-After
 * plus one calls interval. Simulated time, so a busy machine cannot fail it.
 */
import { describe, expect, it } from 'vitest'
import { dialectRunners } from '../../bench/lib/dialects'
import { measureRateLimitedRing } from '../../bench/rate-limit-latency'

describe.each(dialectRunners.map((runner) => [runner.dialect, runner] as const))(
  'ring through a rate limit: %s',
  (_dialect, runner) => {
    it('a call ringing 1 s after a 429 is seen within Retry-After + one calls interval', async () => {
      const result = await measureRateLimitedRing(runner, 2)
      expect(result.lost).toBe(0)
      expect(result.ms.max).toBeLessThanOrEqual(result.targetMs)
    }, 60_000)
  },
)
