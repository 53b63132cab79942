/**
 * A read (a search, a page of chat, a recording) goes only when the budget has
 * room for it outside what calls keep (`Scheduler.readFreeAt`). The other kinds'
 * polls leave the window full at times and free a slot within a second or two,
 * so a read waits for one, at most READ_WAIT_MAX_MS; longer, and it is refused
 * with the wait, so the agent is told rather than left looking at a spinner.
 */
import { AppError } from '../../../shared/result'
import type { Clock } from '../clock'

/** The longest a read waits for room in the budget before it is refused. */
export const READ_WAIT_MAX_MS = 5000

/**
 * Resolves once `freeAt()` (when a read may go) is now. `stillUsable` runs after
 * each wait and throws if the account went away meanwhile.
 */
export async function waitForReadSlot(
  clock: Clock,
  freeAt: () => number,
  stillUsable: () => void,
): Promise<void> {
  const deadline = clock.now() + READ_WAIT_MAX_MS
  for (;;) {
    const now = clock.now()
    const at = freeAt()
    if (at <= now) return
    if (at > deadline) {
      const seconds = Math.max(1, Math.ceil((at - now) / 1000))
      throw new AppError(
        'rate_limited',
        `The request budget is kept for calls; try again in ${seconds} s.`,
        at - now,
        // Not the PBX's `rate_limited`: Switchboard holds the read back itself.
        { code: 'budget.calls_first', params: { seconds } },
      )
    }
    await new Promise<void>((resolve) => clock.setTimeout(resolve, at - now))
    stillUsable()
  }
}
