/**
 * Call queues with a ring-all strategy: every free, unpaused agent rings; the
 * first to answer takes the caller.
 */
import type { Queue, QueueAgent } from './pbx-types'
import { PbxError } from './pbx-error'
import type { PbxState } from './pbx-state'

export class QueueService {
  constructor(private readonly pbx: PbxState) {}

  add(tenant: string, input: { id: string; name: string; agents: string[] }): Queue {
    const queue: Queue = {
      id: input.id,
      name: input.name,
      strategy: 'ringall',
      agents: input.agents.map((extension) => ({
        extension,
        paused: false,
        pauseReason: '',
        callsTaken: 0,
      })),
    }
    this.pbx.mustTenant(tenant).queues.set(queue.id, queue)
    return queue
  }

  list(tenant: string): Queue[] {
    return [...this.pbx.mustTenant(tenant).queues.values()]
  }

  get(tenant: string, id: string): Queue | undefined {
    return this.pbx.tenant(tenant)?.queues.get(id)
  }

  agent(tenant: string, queueId: string, extension: string): QueueAgent {
    const queue = this.get(tenant, queueId)
    if (!queue) throw new PbxError('Queue not found')
    const agent = queue.agents.find((a) => a.extension === extension)
    if (!agent) throw new PbxError('Agent not found')
    return agent
  }

  pause(tenant: string, queueId: string, extension: string, reason = ''): QueueAgent {
    const agent = this.agent(tenant, queueId, extension)
    if (!agent.paused) agent.pausedSince = this.pbx.clock.now()
    agent.paused = true
    agent.pauseReason = reason
    this.announce(tenant, queueId)
    return agent
  }

  unpause(tenant: string, queueId: string, extension: string): QueueAgent {
    const agent = this.agent(tenant, queueId, extension)
    agent.paused = false
    agent.pauseReason = ''
    agent.pausedSince = undefined
    this.announce(tenant, queueId)
    this.dispatch(tenant)
    return agent
  }

  /** Callers in the queue not yet bridged to an agent. */
  waiting(tenant: string, queueId: string): number {
    return this.pbx.calls
      .active(tenant)
      .filter((c) => c.queueId === queueId && c.a.app === 'Queue' && !c.b).length
  }

  noteAnswered(tenant: string, queueId: string, extension: string): void {
    const agent = this.get(tenant, queueId)?.agents.find((a) => a.extension === extension)
    if (!agent) return
    agent.callsTaken++
    agent.lastCall = this.pbx.clock.now()
    this.announce(tenant, queueId)
  }

  /** Rings every free agent for each waiting caller, oldest caller first. */
  dispatch(tenant: string): void {
    const data = this.pbx.tenant(tenant)
    if (!data) return
    const busy = this.pbx.calls.busyExtensions(tenant)
    for (const call of data.calls.values()) {
      if (!call.queueId || call.a.app !== 'Queue' || call.b || call.phase !== 'ringing') continue
      const queue = data.queues.get(call.queueId)
      if (!queue) continue
      for (const agent of queue.agents) {
        const ext = data.extensions.get(agent.extension)
        if (!ext || !ext.registered || ext.dnd || agent.paused) continue
        if (busy.has(ext.number) || call.declined.has(ext.number)) continue
        busy.add(ext.number)
        this.pbx.calls.ringDevice(call, ext.number, queue.id)
      }
    }
  }

  private announce(tenant: string, queueId: string): void {
    const queue = this.get(tenant, queueId)
    if (queue) this.pbx.emit({ tenant, type: 'queue', queue })
  }
}
