/**
 * The arithmetic of the schedule, kept pure so it can be tested on its own: how
 * often each kind of snapshot is fetched, how the request budget and the server's
 * rate-limit headers stretch that, and how errors back off.
 */
import type { Capability } from '../../../shared/model'
import type { RequestStats } from '../../providers/provider'

export const pollKinds = [
  'calls',
  'presence',
  'parked',
  'queues',
  'voicemail',
  'chat',
  'history',
] as const
export type PollKind = (typeof pollKinds)[number]

/** `active`: a call rings or is up (calls), or the window has focus. `idle`: otherwise. */
export interface PollInterval {
  active: number
  idle: number
}

export interface ScheduleOptions {
  intervals: Record<PollKind, PollInterval>
  /** Every interval varies by up to this share either way (0.1 = ±10 %). */
  jitter: number
  /** First retry after an error (or the kind's own interval, if longer). */
  backoffBaseMs: number
  /** Retries never wait longer than this (or the kind's own interval, if longer). */
  backoffCapMs: number
  /** Requests per minute this account may send. */
  budgetPerMinute: number
  /** The share of the budget the schedule plans to use; the rest is for actions and catch-ups. */
  budgetHeadroom: number
  /** A timer this late means the machine slept or the clock jumped: catch up. */
  lateThresholdMs: number
}

/** The share of the planned budget calls may take before they are slowed too. */
export const CALLS_SHARE = 0.7

export const defaultScheduleOptions: ScheduleOptions = {
  intervals: {
    calls: { active: 1000, idle: 3000 },
    presence: { active: 2000, idle: 5000 },
    parked: { active: 5000, idle: 15_000 },
    queues: { active: 10_000, idle: 20_000 },
    voicemail: { active: 30_000, idle: 60_000 },
    chat: { active: 5000, idle: 15_000 },
    history: { active: 60_000, idle: 60_000 },
  },
  jitter: 0.1,
  backoffBaseMs: 2000,
  backoffCapMs: 60_000,
  budgetPerMinute: 120,
  budgetHeadroom: 0.85,
  lateThresholdMs: 30_000,
}

export function mergeScheduleOptions(partial?: Partial<ScheduleOptions>): ScheduleOptions {
  return {
    ...defaultScheduleOptions,
    ...partial,
    intervals: { ...defaultScheduleOptions.intervals, ...partial?.intervals },
  }
}

/** Scales `ms` by a random factor in [1 - jitter, 1 + jitter]. */
export function jittered(ms: number, jitter: number, random: () => number): number {
  return ms * (1 + (random() * 2 - 1) * jitter)
}

/** Exponential back-off with "equal jitter": half fixed, half random, so retries spread. */
export function backoffDelay(
  failures: number,
  baseInterval: number,
  options: Pick<ScheduleOptions, 'backoffBaseMs' | 'backoffCapMs'>,
  random: () => number,
): number {
  const first = Math.max(baseInterval, options.backoffBaseMs)
  const cap = Math.max(baseInterval, options.backoffCapMs)
  const exp = Math.min(cap, first * 2 ** Math.max(0, Math.min(failures - 1, 20)))
  return exp / 2 + (random() * exp) / 2
}

/**
 * When to ask a PBX that refused the credentials again: about once a minute at
 * first (60–120 s), doubling after each refusal, never more than ten minutes
 * apart. A key fixed on the PBX's side then works again without the agent
 * touching anything, and a wrong key costs a handful of requests an hour.
 */
export const authRecheck = { baseMs: 120_000, capMs: 600_000 }

export function authRecheckDelay(refusals: number, random: () => number): number {
  return backoffDelay(
    refusals,
    0,
    { backoffBaseMs: authRecheck.baseMs, backoffCapMs: authRecheck.capMs },
    random,
  )
}

/**
 * How much to stretch each kind's interval so the planned requests per minute fit
 * the budget. Calls come first: they may use up to `CALLS_SHARE` of the planned
 * budget before being slowed; the other kinds share what calls leave.
 */
export function budgetStretch(
  intervals: ReadonlyMap<PollKind, number>,
  perMinute: number,
  headroom: number,
): { calls: number; others: number } {
  const allowed = Math.max(1, perMinute * headroom)
  const rate = (ms: number): number => 60_000 / Math.max(1, ms)
  const callsMs = intervals.get('calls')
  const callsRate = callsMs === undefined ? 0 : rate(callsMs)
  let othersRate = 0
  for (const [kind, ms] of intervals) if (kind !== 'calls') othersRate += rate(ms)
  if (callsRate + othersRate <= allowed) return { calls: 1, others: 1 }
  const callsAllowed = Math.min(callsRate, allowed * CALLS_SHARE)
  return {
    calls: callsRate / callsAllowed,
    others: Math.max(1, othersRate / (allowed - callsAllowed)),
  }
}

/**
 * What the server's rate-limit headers allow. Keeps a small reserve for the
 * user's own actions; returns a stretch factor, or a time to wait until the
 * window resets when the reserve is all that is left.
 */
export function serverStretch(
  rateLimit: RequestStats['rateLimit'],
  plannedPerMinute: number,
  now: number,
): { factor: number; pauseUntil?: number } {
  if (!rateLimit || rateLimit.resetAt <= now || rateLimit.limit <= 0) return { factor: 1 }
  const reserve = Math.max(1, Math.ceil(rateLimit.limit * 0.05))
  const usable = rateLimit.remaining - reserve
  if (usable <= 0) return { factor: 1, pauseUntil: rateLimit.resetAt }
  const allowedPerMinute = (usable * 60_000) / (rateLimit.resetAt - now)
  return { factor: Math.max(1, plannedPerMinute / allowedPerMinute) }
}

/** The capability a kind needs; kinds the provider lacks are never polled. */
export const pollCapability: Record<PollKind, Capability> = {
  calls: 'calls',
  presence: 'presence',
  parked: 'parked_calls',
  queues: 'queues',
  voicemail: 'voicemail',
  chat: 'chat',
  history: 'history',
}
