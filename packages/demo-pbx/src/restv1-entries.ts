/**
 * The entries of a live call in the REST face: one per extension on the call, each
 * with its own `call_api_id` (PLATFORM-FACTS R4): every phone with a leg, the
 * queue the caller waits in, and the phone that parked it.
 */
import { legsOf } from './call-legs'
import type { RestIds } from './restv1-ids'
import type { Leg, SimCall } from './pbx-types'

/** Who is in a call: the extensions with a leg, each with that leg. */
export function phoneLegs(call: SimCall): { number: string; leg: Leg }[] {
  const out: { number: string; leg: Leg }[] = []
  for (const leg of legsOf(call)) {
    if (leg.extension && !out.some((o) => o.number === leg.extension)) {
      out.push({ number: leg.extension, leg })
    }
  }
  return out
}

/** A caller waiting in (or answered through) a queue, still the queue's call. */
export function inQueue(call: SimCall, queueId: string): boolean {
  return call.queueId === queueId && call.a.app === 'Queue'
}

/** One extension's entry in a live call: who holds it, and its own `call_api_id` (R4). */
export interface Entry {
  id: string
  extensionId: number
  /** The phone's leg; none for a queue's entry or the entry of the phone that parked it. */
  leg: Leg | undefined
  /** The phone (number) or queue the entry belongs to. */
  holder: string
}

/** Every extension's entry in `call`: each phone with a leg, the queue, the parker. */
export function entriesOf(ids: RestIds, call: SimCall): Entry[] {
  const out: Entry[] = phoneLegs(call).map(({ number, leg }) => ({
    id: ids.phoneEntryId(call.id, number, leg.uniqueId),
    extensionId: ids.phoneId(number),
    leg,
    holder: number,
  }))
  if (call.queueId && inQueue(call, call.queueId)) {
    const holder = `queue:${call.queueId}`
    out.push({
      id: ids.entryId(call.id, holder),
      extensionId: ids.queueId(call.queueId),
      leg: undefined,
      holder,
    })
  }
  if (call.phase === 'parked' && call.heldBy) {
    // The phone that parked the call keeps its entry, under the id it had.
    const holder = `park:${call.heldBy}`
    out.push({
      id: ids.lastEntryId(call.id, call.heldBy),
      extensionId: ids.phoneId(call.heldBy),
      leg: undefined,
      holder,
    })
  }
  return out
}

/** The live call and entry a `call_api_id` names, whichever extension's it is. */
export function entryOf(
  ids: RestIds,
  calls: readonly SimCall[],
  callApiId: string,
): { call: SimCall; entry: Entry } | undefined {
  for (const call of calls) {
    const entry = entriesOf(ids, call).find((e) => e.id === callApiId)
    if (entry) return { call, entry }
  }
  return undefined
}

/** `number`'s entry in `call`, if the phone is in it. */
export function phoneEntry(ids: RestIds, call: SimCall, number: string): Entry | undefined {
  return entriesOf(ids, call).find((e) => e.leg?.extension === number)
}
