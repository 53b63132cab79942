/**
 * The office's live state as jade's Asterisk objects: channels, parked calls,
 * queues and their entries and members, device states, peers, the trunk
 * registry and agents. Pure reads of PbxState; field names from seed 004.
 */
import { connectedOf, legsOf } from './call-legs'
import type { Leg, Party, SimCall } from './pbx-types'
import type { PbxState } from './pbx-state'
import { JadeDevices } from './jade-devices'
import { deviceName, jadeTime, seconds, stableUuid, type JadeObject } from './jade-format'

const stateCodes: Record<Leg['state'], number> = { Ring: 4, Ringing: 5, Up: 6 }

/** Asterisk's numeric device states, as a queue member's `status` reports them. */
const memberStatus: Record<string, number> = {
  NOT_INUSE: 1,
  INUSE: 2,
  BUSY: 3,
  DND: 3,
  INVALID: 4,
  UNAVAILABLE: 5,
  RINGING: 6,
  RINGINUSE: 7,
  ONHOLD: 8,
}

const nameOf = (p: Party): string => p.name ?? '<unknown>'

/** `PJSIP/201-0000001a` for a device, `PJSIP/trunk-0000001b` for the outside line. */
export function jadeChannelName(leg: Leg): string {
  const suffix = leg.channel.slice(leg.channel.lastIndexOf('-') + 1)
  return `PJSIP/${leg.extension ?? 'trunk'}-${suffix}`
}

export class JadeObjects {
  /** Device states, peers, the trunk registry and agents. */
  readonly devices: JadeDevices

  constructor(
    private readonly pbx: PbxState,
    readonly tenant: string,
  ) {
    this.devices = new JadeDevices(pbx, tenant, this)
  }

  private get now(): number {
    return this.pbx.clock.now()
  }

  private queueName(id: string | undefined): string {
    if (!id) return ''
    return this.pbx.queues.get(this.tenant, id)?.name ?? id
  }

  // --- channels ----------------------------------------------------------------------

  channels(): JadeObject[] {
    return this.pbx.calls
      .active(this.tenant)
      .flatMap((call) => legsOf(call).map((leg) => this.channelObject(call, leg)))
  }

  /** Live channels on one extension's device (`me/calls`). */
  channelsOf(extension: string): JadeObject[] {
    return this.pbx.calls.active(this.tenant).flatMap((call) =>
      legsOf(call)
        .filter((leg) => leg.extension === extension)
        .map((leg) => this.channelObject(call, leg)),
    )
  }

  findLeg(uniqueId: string): { call: SimCall; leg: Leg } | undefined {
    for (const call of this.pbx.calls.active(this.tenant)) {
      const leg = legsOf(call).find((l) => l.uniqueId === uniqueId)
      if (leg) return { call, leg }
    }
    return undefined
  }

  channelObject(call: SimCall, leg: Leg): JadeObject {
    const connected = connectedOf(call, leg)
    const bridged = call.b !== undefined && (leg === call.a || leg === call.b)
    const inQueue = leg === call.a && leg.app === 'Queue'
    return {
      unique_id: leg.uniqueId,
      linked_id: call.id,
      channel: jadeChannelName(leg),
      channel_state: stateCodes[leg.state],
      channel_state_desc: leg.state,
      context: leg.extension ? 'demo' : 'from-trunk',
      exten: leg.exten,
      priority: '1',
      caller_id_name: nameOf(leg.party),
      caller_id_num: leg.party.number,
      connected_line_name: nameOf(connected),
      connected_line_num: connected.number || '<unknown>',
      account_code: '',
      language: 'en',
      application: leg.app,
      application_data: this.applicationData(call, leg),
      bridge_id: bridged ? stableUuid(this.pbx, `bridge:${call.id}`) : null,
      duration: seconds(this.now - leg.createdAt),
      hangup_cause: null,
      hangup_cause_desc: null,
      variables: inQueue ? { QUEUENAME: this.queueName(call.queueId) } : {},
      tm_update: jadeTime(this.now),
    }
  }

  private applicationData(call: SimCall, leg: Leg): string {
    switch (leg.app) {
      case 'Queue':
        return this.queueName(call.queueId)
      case 'Park':
        return call.parkedSlot ?? leg.exten
      case 'MusicOnHold':
        return 'default'
      case 'AppDial':
        return '(Outgoing Line)'
      case 'Dial':
        return this.pbx.extension(this.tenant, leg.exten)
          ? `${deviceName(leg.exten)},30`
          : `PJSIP/${leg.exten}@trunk,60`
    }
  }

  // --- parking -----------------------------------------------------------------------

  parkedCalls(): JadeObject[] {
    return this.pbx.calls.parked(this.tenant).map((call) => this.parkedObject(call))
  }

  parkedObject(call: SimCall): JadeObject {
    const parkee = call.a
    const parker = call.heldBy ? this.pbx.extension(this.tenant, call.heldBy) : undefined
    const space = call.parkedSlot ?? parkee.exten
    return {
      parkee_unique_id: parkee.uniqueId,
      parkee_linked_id: call.id,
      parkee_channel: jadeChannelName(parkee),
      parkee_channel_state: '6',
      parkee_channel_state_desc: 'Up',
      parkee_caller_id_name: nameOf(parkee.party),
      parkee_caller_id_num: parkee.party.number,
      parkee_connected_line_name: parker?.name ?? '<unknown>',
      parkee_connected_line_num: parker?.number ?? '<unknown>',
      parkee_account_code: '',
      parkee_context: 'parkedcalls',
      parkee_exten: space,
      parkee_priority: '1',
      parker_dial_string: parker ? deviceName(parker.number) : '',
      parking_duration: seconds(this.now - (call.parkedAt ?? this.now)),
      parking_lot: 'default',
      parking_space: space,
      parking_timeout: 0,
      tm_update: jadeTime(this.now),
    }
  }

  // --- queues --------------------------------------------------------------------------

  queues(): JadeObject[] {
    return this.pbx.queues.list(this.tenant).map((q) => {
      const truth = this.pbx.truth().filter((t) => t.tenant === this.tenant && t.queue === q.id)
      return {
        name: q.name,
        strategy: q.strategy,
        max: 0,
        weight: 0,
        calls: this.pbx.queues.waiting(this.tenant, q.id),
        completed: q.agents.reduce((sum, a) => sum + a.callsTaken, 0),
        abandoned: truth.filter((t) => t.outcome === 'missed' && t.answeredAt === undefined).length,
        hold_time: 0,
        talk_time: 0,
        service_level: 0,
        service_level_perf: 0.0,
        tm_update: jadeTime(this.now),
      }
    })
  }

  /** Callers waiting for an agent, in arrival order per queue. */
  queueEntries(): JadeObject[] {
    const positions = new Map<string, number>()
    const out: JadeObject[] = []
    for (const call of this.pbx.calls.active(this.tenant)) {
      if (!call.queueId || call.a.app !== 'Queue' || call.b) continue
      const position = (positions.get(call.queueId) ?? 0) + 1
      positions.set(call.queueId, position)
      const connected = connectedOf(call, call.a)
      out.push({
        unique_id: call.a.uniqueId,
        queue_name: this.queueName(call.queueId),
        channel: jadeChannelName(call.a),
        caller_id_name: nameOf(call.a.party),
        caller_id_num: call.a.party.number,
        connected_line_name: nameOf(connected),
        connected_line_num: connected.number || '<unknown>',
        position,
        wait: seconds(this.now - call.startedAt),
        tm_update: jadeTime(this.now),
      })
    }
    return out
  }

  queueMembers(): JadeObject[] {
    return this.pbx.queues.list(this.tenant).flatMap((q) =>
      q.agents.map((agent) => {
        const state = this.pbx.calls.deviceState(this.tenant, agent.extension)
        const device = deviceName(agent.extension)
        return {
          id: `${device}@${q.name}`,
          name: device,
          queue_name: q.name,
          status: memberStatus[state] ?? 0,
          membership: 'static',
          state_interface: device,
          location: device,
          paused: agent.paused ? 1 : 0,
          paused_reason: agent.pauseReason,
          penalty: 0,
          calls_taken: agent.callsTaken,
          in_call: ['INUSE', 'RINGINUSE', 'ONHOLD'].includes(state) ? 1 : 0,
          last_call: agent.lastCall !== undefined ? seconds(agent.lastCall) : 0,
          last_pause: agent.pausedSince !== undefined ? seconds(agent.pausedSince) : 0,
          ring_inuse: 0,
          tm_update: jadeTime(this.now),
        }
      }),
    )
  }
}
