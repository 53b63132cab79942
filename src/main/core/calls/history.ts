/**
 * Call history as the safety net of the call tracker: calls that rang and stopped
 * between two polls, or while the app was offline, asleep or closed, are found here
 * and reported once as `late` missed calls; verdicts the tracker left open (a queue
 * call that vanished: missed, or taken by a colleague?) are settled here.
 */
import { placedBy } from '../../../shared/call-origin'
import type { CallRecord } from '../../../shared/model'
import type { CallTracker } from './tracker'
import type { CallEvent } from '../session/events'

/** The key a record is remembered by: the call id when the dialect gives one. */
export function historyKey(record: CallRecord): string {
  return record.callId ?? `cdr-${record.id}`
}

function unanswered(record: CallRecord): boolean {
  return record.result === 'missed' || record.result === 'busy'
}

export function reconcileHistory(
  tracker: CallTracker,
  records: readonly CallRecord[],
  at: number,
  seen: (key: string) => boolean,
): CallEvent[] {
  const events: CallEvent[] = []
  const { accountId } = tracker.options
  // One call may have a record per leg (a queue rings several agents): it is missed
  // only if no leg was answered.
  const answered = new Set(records.filter((r) => r.result === 'answered').map(historyKey))
  const done = new Set<string>()
  for (const record of records) {
    const key = historyKey(record)
    if (done.has(key)) continue
    const pending = record.callId ? tracker.takePending(record.callId) : undefined
    if (pending) {
      done.add(key)
      if (!answered.has(key))
        events.push(tracker.missedEvent(pending, at, at - pending.since > 30_000))
      continue
    }
    if (record.callId && tracker.knows(record.callId)) continue
    if (!record.callId && tracker.knowsByNumber(record.from, record.startedAt)) continue
    if (seen(key) || answered.has(key)) continue
    if (!unanswered(record) || placedBy(record) === 'agent' || !tracker.isOwnRecord(record)) {
      continue
    }
    done.add(key)
    events.push({
      type: 'call.missed',
      accountId,
      id: `${accountId}:${key}:missed`,
      at,
      late: true,
      record,
    })
  }
  return events
}
