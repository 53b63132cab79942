/**
 * Queue work for the agent (seed 000: INFO queues, INFO agents, AGENT). Which
 * agents a queue has is read per queue, since the json agent rows are positional
 * and which position holds the queue is undocumented (PLATFORM-FACTS P5).
 */
import type { QueueMembership } from '../../../shared/model'
import { safeName } from '../../../shared/untrusted-text'
import { numericId, type PbxCloudClient } from './client'
import type { Own } from './normalise'
import { intOf } from './parse'
import { field, isOwnAgent, readAgents } from './readers'

export class QueueWork {
  /**
   * AGENT takes a `pausereason` (seed 000, example in seed 001), but no documented
   * answer gives it back: the reason this app set is remembered while the pause lasts.
   */
  private readonly pauseReasons = new Map<string, string>()

  constructor(
    private readonly client: PbxCloudClient,
    private readonly accountId: string,
    private readonly own: Own,
  ) {}

  async memberships(): Promise<QueueMembership[]> {
    // INFO queues' columns are undocumented (P10): the id and name are read by name,
    // with or without a table prefix, and a row without an id is skipped.
    const queues = (await this.client.rows('INFO', { info: 'queues' }, []))
      .map((row) => ({
        id: (field(row, 'id', 'queue', 'queueid', 'number') ?? '').trim(),
        name: safeName(field(row, 'name', 'description')),
        waiting: intOf(field(row, 'waiting', 'calls')),
      }))
      .filter((queue) => /^\d{1,20}$/.test(queue.id))
    const memberships: QueueMembership[] = []
    for (const queue of queues) {
      // Asked per queue (seed 000: `queue` selects it), since which position of a
      // json agent row holds the queue is not documented (P5).
      const agents = readAgents(await this.client.text('INFO', { info: 'agents', queue: queue.id }))
      const mine = agents.find((entry) => isOwnAgent(entry, this.own.number, this.own.account))
      if (!mine) continue
      const membership: QueueMembership = {
        accountId: this.accountId,
        queueId: queue.id,
        queueName: queue.name || queue.id,
        paused: mine.paused,
        waiting: queue.waiting,
        callsTaken: 0,
      }
      const reason = this.pauseReasons.get(queue.id)
      if (mine.paused && reason) membership.reason = reason
      if (!mine.paused) this.pauseReasons.delete(queue.id)
      memberships.push(membership)
    }
    return memberships
  }

  async pause(queueId: string, reason?: string): Promise<void> {
    const params: Record<string, string> = {
      action: 'pause',
      queue: numericId(queueId, 'queue'),
      extension: this.own.account,
    }
    if (reason) params.pausereason = reason.slice(0, 80)
    await this.client.action('AGENT', params)
    if (reason) this.pauseReasons.set(params.queue ?? queueId, safeName(reason.slice(0, 80)))
    else this.pauseReasons.delete(params.queue ?? queueId)
  }

  async resume(queueId: string): Promise<void> {
    const queue = numericId(queueId, 'queue')
    await this.client.action('AGENT', { action: 'unpause', queue, extension: this.own.account })
    this.pauseReasons.delete(queue)
  }
}
