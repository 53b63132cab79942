/**
 * Building and reading the channels of a call, the way Asterisk names them:
 * `SIP/201-DEMO-00000012` for a device, `SIP/trunk-0000001a` for the outside.
 */
import type { Extension, Leg, Party, SimCall } from './pbx-types'
import type { PbxState } from './pbx-state'

export function deviceLeg(
  pbx: PbxState,
  ext: Extension,
  exten: string,
  state: Leg['state'],
  app: Leg['app'],
): Leg {
  const ids = pbx.nextChannelIds()
  return {
    channel: `SIP/${ext.username}-${ids.suffix}`,
    uniqueId: ids.uniqueId,
    party: { number: ext.number, name: ext.name },
    extension: ext.number,
    state,
    app,
    exten,
    createdAt: pbx.clock.now(),
  }
}

export function trunkLeg(
  pbx: PbxState,
  party: Party,
  exten: string,
  state: Leg['state'],
  app: Leg['app'],
): Leg {
  const ids = pbx.nextChannelIds()
  return {
    channel: `SIP/trunk-${ids.suffix}`,
    uniqueId: ids.uniqueId,
    party: { ...party },
    state,
    app,
    exten,
    createdAt: pbx.clock.now(),
  }
}

/** Every live channel of a call, caller first. */
export function legsOf(call: SimCall): Leg[] {
  const legs = [call.a, ...call.ringing]
  if (call.b) legs.push(call.b)
  return legs
}

/** The leg bridged to `leg`, when the call is up (or held). */
export function bridgedTo(call: SimCall, leg: Leg): Leg | undefined {
  if (!call.b) return undefined
  if (leg === call.a) return call.b
  if (leg === call.b) return call.a
  return undefined
}

/** Who a leg is talking to (or being rung by): Asterisk's connected line. */
export function connectedOf(call: SimCall, leg: Leg): Party {
  if (leg !== call.a) return call.a.party
  if (call.b) return call.b.party
  if (call.pendingDest) return call.pendingDest
  const only = call.ringing.length === 1 ? call.ringing[0] : undefined
  if (only) return only.party
  return { number: call.to }
}

export function findLeg(call: SimCall, channel: string): Leg | undefined {
  const wanted = channel.toLowerCase()
  return legsOf(call).find((leg) => leg.channel.toLowerCase() === wanted)
}

/** `"Name" <number>`, or the bare number, as Asterisk writes a caller id. */
export function callerIdText(party: Party): string {
  return party.name ? `"${party.name}" <${party.number}>` : party.number
}
