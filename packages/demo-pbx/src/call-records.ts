/** What a finished call leaves behind in Asterisk's CDR table. */
import { callerIdText } from './call-legs'
import type { Cdr, SimCall, TruthEntry } from './pbx-types'

/** Recordings longer than this are cut: the demo keeps its memory small. */
export const maxRecordingSec = 30

export function cdrOf(call: SimCall): Cdr {
  const end = call.endedAt ?? call.startedAt
  const billsec = call.answeredAt !== undefined ? Math.round((end - call.answeredAt) / 1000) : 0
  const queue = call.queueId !== undefined
  return {
    calldate: call.startedAt,
    clid: callerIdText(call.from),
    src: call.from.number,
    dst: call.to,
    dcontext: call.direction === 'inbound' ? 'from-trunk' : 'from-internal',
    channel: call.sourceChannel,
    dstchannel: call.dstChannel ?? '',
    lastapp: queue ? 'Queue' : 'Dial',
    lastdata: queue ? `${call.queueId},t` : `SIP/${call.to},30,tT`,
    duration: Math.round((end - call.startedAt) / 1000),
    billsec,
    disposition: call.disposition ?? 'NO ANSWER',
    uniqueid: call.id,
    linkedid: call.id,
    ...(call.recorded && billsec > 0 ? { recordingSec: Math.min(billsec, maxRecordingSec) } : {}),
    ...(call.originateId ? { originateId: call.originateId } : {}),
  }
}

/** The ground-truth entry a new call starts with. */
export function truthOf(call: SimCall): TruthEntry {
  return {
    id: call.id,
    tenant: call.tenant,
    direction: call.direction,
    from: { ...call.from },
    to: call.to,
    outcome: 'active',
    startedAt: call.startedAt,
    transfers: [],
    phases: [{ phase: 'ringing', at: call.startedAt }],
    recorded: call.recorded,
  }
}
