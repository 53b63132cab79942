/** How a session is built and tuned. */
import type { Logger } from '../../log'
import type { PbxProvider } from '../../providers/provider'
import type { CallTrackerOptions } from '../calls/tracker'
import type { Clock, Random } from '../clock'
import type { Preferences } from '../../../shared/preferences'
import { defaultScheduleOptions, type ScheduleOptions } from './poll-plan'
import type { StoreLimits } from './store'

export type ShellSignal = 'online' | 'offline' | 'resume' | 'focus' | 'blur'

export interface SessionOptions {
  schedule?: Partial<ScheduleOptions>
  tracker?: Pick<
    CallTrackerOptions,
    'missingSnapshots' | 'graceMs' | 'pendingMissedMaxMs' | 'lateGapMs'
  >
  /** Overrides the extension the PBX reports at sign-in. */
  ownExtension?: string
  /** Network failures in a row before the session calls itself offline. Default 3. */
  offlineAfterFailures?: number
  /** History is re-read this far before the last sure moment. Default 5 min. */
  historyOverlapMs?: number
  /** History is never read further back than this. Default 24 h. */
  historyMaxWindowMs?: number
  store?: Partial<StoreLimits>
}

export interface SessionDeps {
  accountId: string
  provider: PbxProvider
  dataDir: string
  clock?: Clock
  random?: Random
  log?: Logger
  options?: SessionOptions
}

/** Session options from the user's polling preferences (tests may override). */
export function sessionOptionsFrom(
  preferences: Preferences,
  override?: SessionOptions,
): SessionOptions {
  return {
    ...override,
    schedule: {
      budgetPerMinute: preferences.budgetPerMinute,
      ...override?.schedule,
      intervals: {
        ...defaultScheduleOptions.intervals,
        calls: { active: preferences.callsActiveMs, idle: preferences.callsIdleMs },
        ...override?.schedule?.intervals,
      },
    },
  }
}
