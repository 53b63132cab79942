/**
 * "On time" for the fault soak, in the session's own numbers on the simulated
 * clock. A call to the agent is seen (the session's first event for it, what the
 * popup shows from) within one calls interval of the moment the session was free
 * to look:
 * - the ring itself, while the session is online;
 * - the end of a Retry-After wait it kept when the call rang or began before it
 *   saw the call (the documented target: Retry-After + one calls interval);
 * - while it said it was not online for another reason (errors, refused sign-in),
 *   the calls poll it had planned when it came back: its own back-off.
 * A ring shorter than the bound may fall between two polls: such a call is only
 * held to being reported once, which the soak checks apart.
 */
import type { Session } from '../../src/main/core/session/session'
import type {
  CallEvent,
  SessionEvent,
  SessionState,
  StatusDetail,
} from '../../src/main/core/session/events'

interface Sample {
  at: number
  state: SessionState
  /** Why, in the session's word: a 429's wait excuses no more than the wait itself. */
  detail: StatusDetail
  /** When the session's Retry-After wait ends (in the past when none is kept). */
  pauseEndsAt: number
  /** The calls interval the session runs with now (budget, 429 slow-down, server headers). */
  callsPace: number
  /** When the session's next calls poll is due. */
  callsDue: number
}

export interface RingTiming {
  callId: string
  ringAt: number
  /** How long the call rang at the PBX. */
  ringMs: number
  /** ms from the ring to the session's first event for the call; undefined: never seen. */
  latency?: number
  /** ms the session was not free to look after the ring (Retry-After, back-off, signed out). */
  waitedMs: number
  /** What "on time" allows for this call, in ms. */
  boundMs: number
}

/** Samples the session's status and schedule after every step of the soak. */
export class ScheduleLog {
  private readonly samples: Sample[] = []

  constructor(
    private readonly jitter: number,
    private readonly stepMs: number,
    /** The longest calls interval (idle) of the schedule, jitter included. */
    private readonly lookbackMs: number,
  ) {}

  sample(session: Session, at: number): void {
    const schedule = session.schedule
    this.samples.push({
      at,
      state: session.connection.state,
      detail: session.connection.detail,
      pauseEndsAt: schedule.pauseEndsAt,
      callsPace: schedule.pace('calls'),
      callsDue: schedule.nextDue('calls') ?? at,
    })
  }

  /** How long after `ringAt` the session was free to look, and the bound that gives. */
  bound(ringAt: number, seenAt: number): { waitedMs: number; boundMs: number } {
    let free = ringAt
    let pace = 0
    let down = false
    // The poll that sees the call was planned up to one interval before the ring,
    // maybe at the idle pace while the ring made the session active.
    const planned = ringAt - 2 * this.lookbackMs
    for (const s of this.samples) {
      if (s.at < planned) continue
      if (s.at > seenAt) break
      pace = Math.max(pace, s.callsPace)
      if (s.at < ringAt - this.stepMs) continue
      free = Math.max(free, Math.min(s.pauseEndsAt, seenAt))
      if (s.state !== 'online' && s.detail !== 'rate_limited') down = true
      if (down) free = Math.max(free, Math.min(s.callsDue, seenAt))
      if (s.state === 'online') down = false
    }
    const waitedMs = free - ringAt
    return { waitedMs, boundMs: waitedMs + pace * (1 + this.jitter) + this.stepMs }
  }
}

function callIdOf(event: CallEvent): string | undefined {
  return event.type === 'call.missed' ? (event.call?.id ?? event.record.callId) : event.call.id
}

/** Ring → first sighting for each call (by wire id), with its bound. */
export function ringTimings(
  rings: readonly { callId: string; ringAt: number; ringMs: number }[],
  events: readonly SessionEvent[],
  log: ScheduleLog,
): RingTiming[] {
  const firstSeen = new Map<string, number>()
  for (const event of events) {
    if (!event.type.startsWith('call.')) continue
    const id = callIdOf(event as CallEvent)
    if (id !== undefined && !firstSeen.has(id)) firstSeen.set(id, event.at)
  }
  return rings.map(({ callId, ringAt, ringMs }) => {
    const seenAt = firstSeen.get(callId)
    const { waitedMs, boundMs } = log.bound(ringAt, seenAt ?? Number.POSITIVE_INFINITY)
    const base = { callId, ringAt, ringMs, waitedMs, boundMs }
    return seenAt === undefined ? base : { ...base, latency: seenAt - ringAt }
  })
}

/** The calls that rang long enough to be held to their bound and were seen late (or never). */
export function lateRings(timings: readonly RingTiming[]): RingTiming[] {
  return timings.filter(
    (t) => t.ringMs >= t.boundMs && (t.latency === undefined || t.latency > t.boundMs),
  )
}

/** The figures, for the test's output: median, p95 and max, and the calls that waited. */
export function describeTimings(
  dialect: string,
  timings: readonly RingTiming[],
  named: readonly { name: string; timing?: RingTiming }[],
): string {
  const seen = timings.flatMap((t) => (t.latency === undefined ? [] : [t.latency]))
  const sorted = [...seen].sort((x, y) => x - y)
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0
  const held = timings.filter((t) => t.ringMs >= t.boundMs)
  const waited = held.filter((t) => t.waitedMs > 0)
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
  return (
    `${dialect}: ${timings.length} calls to the agent, ring → seen median ${s(at(0.5))}, ` +
    `p95 ${s(at(0.95))}, max ${s(at(1))}; ${held.length} rang long enough to be held to their bound; ` +
    `after a wait (seen / bound): ` +
    (waited.map((t) => `${s(t.latency ?? Infinity)} / ${s(t.boundMs)}`).join(', ') || 'none') +
    named
      .map(({ name, timing: t }) =>
        t
          ? `; ${name}: ${s(t.latency ?? Infinity)} / ${s(t.boundMs)} (waited ${s(t.waitedMs)})`
          : '',
      )
      .join('')
  )
}
