import { describe, expect, it } from 'vitest'
import { READ_WAIT_MAX_MS, waitForReadSlot } from '../../src/main/core/session/read-slot'
import { AppError } from '../../src/shared/result'
import { ManualClock } from '@switchboard/demo-pbx/testing'

describe('a read waiting for room in the budget', () => {
  it('goes at once when the budget has room', async () => {
    const clock = new ManualClock()
    await waitForReadSlot(
      clock,
      () => clock.now(),
      () => undefined,
    )
    expect(clock.pending).toBe(0)
  })

  it('waits for a slot that frees within five seconds, then goes', async () => {
    const clock = new ManualClock()
    const start = clock.now()
    let done = false
    const read = waitForReadSlot(
      clock,
      () => start + 3000,
      () => undefined,
    ).then(() => {
      done = true
    })
    await clock.run(2999)
    expect(done).toBe(false)
    await clock.run(1)
    await read
    expect(done).toBe(true)
  })

  it('is refused at once, with the seconds to wait, when the slot is further off', async () => {
    const clock = new ManualClock()
    const start = clock.now()
    await expect(
      waitForReadSlot(
        clock,
        () => start + READ_WAIT_MAX_MS + 2500,
        () => undefined,
      ),
    ).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: READ_WAIT_MAX_MS + 2500,
      detail: { code: 'budget.calls_first', params: { seconds: 8 } },
    })
  })

  it('gives up when the account went away while it waited', async () => {
    const clock = new ManualClock()
    const start = clock.now()
    let usable = true
    const read = waitForReadSlot(
      clock,
      () => start + 2000,
      () => {
        if (!usable) throw new AppError('network', 'This account is not connected.')
      },
    )
    usable = false
    const outcome = expect(read).rejects.toThrow('not connected')
    await clock.run(2000)
    await outcome
  })
})
