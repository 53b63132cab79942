/**
 * The office's devices as jade shows them: device states, PJSIP peers, the
 * trunk's outbound registration and the queue agents.
 */
import type { Extension } from './pbx-types'
import type { PbxState } from './pbx-state'
import { deviceName, jadeTime, seconds, type JadeObject } from './jade-format'
import type { JadeObjects } from './jade-objects'

export const trunkAccount = {
  username: '4570200000',
  domain: 'sip.telco.example',
}

export class JadeDevices {
  constructor(
    private readonly pbx: PbxState,
    readonly tenant: string,
    private readonly objects: JadeObjects,
  ) {}

  private get now(): number {
    return this.pbx.clock.now()
  }

  private get extensions(): Extension[] {
    return [...this.pbx.mustTenant(this.tenant).extensions.values()]
  }

  /**
   * Every device Asterisk reported, phones and queue agents (`Agent:1001`, as in
   * seed 004's example). Asterisk has no DND device state: a phone on
   * do-not-disturb answers busy. `/device_states` lists only the names.
   */
  deviceStates(): JadeObject[] {
    const phones = this.extensions.map((ext) => {
      const state = this.pbx.calls.deviceState(this.tenant, ext.number)
      return {
        device: deviceName(ext.number),
        state: state === 'DND' ? 'BUSY' : state,
        tm_update: jadeTime(this.now),
      }
    })
    const agents = this.agents().map((agent) => ({
      device: `Agent:${String(agent.id)}`,
      state: agent.status === 'AGENT_LOGGEDOFF' ? 'UNAVAILABLE' : 'NOT_INUSE',
      tm_update: jadeTime(this.now),
    }))
    return [...phones, ...agents]
  }

  peers(): JadeObject[] {
    return this.extensions.map((ext) => ({
      peer: deviceName(ext.number),
      status: ext.registered ? 'Registered' : 'Unregistered',
      address: ext.registered ? `${ext.host}:5060` : '',
      monitor_status: ext.registered ? `OK (${ext.latencyMs} ms)` : 'UNKNOWN',
      channel_type: 'PJSIP',
      chan_object_type: 'peer',
      dynamic: 'yes',
      auto_comedia: 'no',
      auto_force_port: 'no',
      acl: 'no',
      comedia: 'no',
      description: ext.name,
      force_port: 'no',
      realtime_device: 'no',
      text_support: 'no',
      video_support: 'no',
      tm_update: jadeTime(this.now),
    }))
  }

  registries(): JadeObject[] {
    const { username, domain } = trunkAccount
    return [
      {
        account: `${username}@${domain}`,
        state: 'Registered',
        username,
        domain,
        domain_port: 5060,
        host: domain,
        port: 5060,
        refresh: 120,
        registration_time: seconds(this.now) - 60,
        tm_update: jadeTime(this.now),
      },
    ]
  }

  /** Every queue member once, as app_agent_pool would list them. */
  agents(): JadeObject[] {
    const seen = new Set<string>()
    const out: JadeObject[] = []
    for (const q of this.pbx.queues.list(this.tenant)) {
      for (const agent of q.agents) {
        if (seen.has(agent.extension)) continue
        seen.add(agent.extension)
        const ext = this.pbx.extension(this.tenant, agent.extension)
        if (ext) out.push(this.agentObject(ext))
      }
    }
    return out
  }

  private agentObject(ext: Extension): JadeObject {
    const state = this.pbx.calls.deviceState(this.tenant, ext.number)
    const live = this.objects.channelsOf(ext.number)[0]
    const status = !ext.registered
      ? 'AGENT_LOGGEDOFF'
      : ['INUSE', 'RINGINUSE', 'ONHOLD'].includes(state)
        ? 'AGENT_ONCALL'
        : 'AGENT_IDLE'
    const field = (key: string, fallback: string | number): unknown => live?.[key] ?? fallback
    return {
      id: ext.number,
      name: ext.name,
      status,
      logged_in_time: ext.registered ? seconds(this.now) - 3600 : 0,
      channel_name: field('channel', deviceName(ext.number)),
      channel_state: field('channel_state', 0),
      channel_state_desc: field('channel_state_desc', ''),
      caller_id_name: field('caller_id_name', ext.name),
      caller_id_num: field('caller_id_num', ext.number),
      connected_line_name: field('connected_line_name', '<unknown>'),
      connected_line_num: field('connected_line_num', '<unknown>'),
      context: 'demo',
      exten: ext.number,
      priority: '1',
      account_code: '',
      language: 'en',
      unique_id: field('unique_id', ''),
      linked_id: field('linked_id', ''),
      tm_update: jadeTime(this.now),
    }
  }
}
