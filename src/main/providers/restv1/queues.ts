/**
 * Queue work in REST ver1.0. The API has no per-queue pause and no pause reason:
 * an agent is `available` or `logged_out`, and that status applies to every queue
 * it belongs to at once. So "pause" here logs the agent out of all its queues,
 * the reason cannot be kept by the PBX, and a paused membership says so.
 */
import type { QueueMembership } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import { DirectoryCache } from '../directory-cache'
import type { Directory, Own } from './normalise'
import {
  parseAgent,
  parseAgents,
  parseLongestWait,
  parseQueueAgents,
  parseQueueStatus,
} from './parse'
import type { RestV1Client } from './client'

/** Shown as the pause reason: the PBX's own state, in words, never a reason it did not keep. */
export const LOGGED_OUT_REASON = 'logged out of all queues'

export class RestV1Queues {
  /**
   * Queue ids this agent belongs to (`queue/agents/local/`, one request per queue),
   * kept as long as the directory is: memberships change as rarely as names do.
   */
  private readonly membership: DirectoryCache<{ agentId: string; queueIds: string[] }>
  /** Whose membership the next listing asks for, in which directory. */
  private asked: { agentId: string; directory: Directory } | undefined

  constructor(
    private readonly client: RestV1Client,
    private readonly accountId: string,
    private readonly now: () => number = Date.now,
  ) {
    this.membership = new DirectoryCache(
      () => this.listMembership(),
      { agentId: '', queueIds: [] },
      now,
    )
  }

  private async agentOf(own: Own): Promise<{ id: string; status: string } | undefined> {
    const [agent] = parseAgents(
      (await this.client.request({ path: `/extension/${own.extensionId}/agent/` })).text(),
    )
    return agent
  }

  private async queueIdsOf(agentId: string, directory: Directory): Promise<string[]> {
    this.asked = { agentId, directory }
    // Another agent (the account now signs in as another extension) is listed at once.
    let known = await this.membership.get(this.membership.current.agentId !== agentId)
    if (known.agentId !== agentId) known = await this.membership.get(true)
    return known.queueIds
  }

  private async listMembership(): Promise<{ agentId: string; queueIds: string[] }> {
    const asked = this.asked
    if (!asked) return { agentId: '', queueIds: [] }
    const { agentId, directory } = asked
    const queueIds: string[] = []
    for (const entry of directory.byId.values()) {
      if (entry.type !== 'queue') continue
      const agents = parseQueueAgents(
        (await this.client.request({ path: `/extension/${entry.id}/queue/agents/local/` })).text(),
      )
      if (agents.includes(agentId)) queueIds.push(entry.id)
    }
    return { agentId, queueIds }
  }

  async memberships(own: Own, directory: Directory): Promise<QueueMembership[]> {
    const agent = await this.agentOf(own)
    if (!agent) return []
    const paused = agent.status.toLowerCase() !== 'available'
    const list: QueueMembership[] = []
    for (const queueId of await this.queueIdsOf(agent.id, directory)) {
      const status = parseQueueStatus(
        (await this.client.request({ path: `/extension/${queueId}/queue/status/` })).text(),
      )
      const entry = directory.byId.get(queueId)
      const membership: QueueMembership = {
        accountId: this.accountId,
        queueId,
        queueName: entry?.name || entry?.number || queueId,
        paused,
        waiting: status.waiting,
      }
      if (paused) membership.reason = LOGGED_OUT_REASON
      // Asked only while someone waits: the members list says for how long.
      if (status.waiting > 0) {
        const longest = parseLongestWait(
          (
            await this.client.request({ path: `/extension/${queueId}/queue/status/members/` })
          ).text(),
        )
        if (longest !== undefined) membership.waitingSince = this.now() - longest * 1000
      }
      list.push(membership)
    }
    return list
  }

  /**
   * `queueId` only checks that the agent is in that queue: the status change
   * applies to all queues, and `_reason` is dropped because the API has no field
   * for it (sending it in `extra_params` would overwrite the agent's settings).
   */
  async setStatus(
    own: Own,
    queueId: string,
    status: 'available' | 'logged_out',
    _reason?: string,
  ): Promise<void> {
    const agent = await this.agentOf(own)
    if (!agent)
      throw new AppError('invalid_argument', 'This extension is not an agent of any queue.')
    const cached = this.membership.current
    if (cached.agentId === agent.id && !cached.queueIds.includes(queueId))
      throw new AppError('not_found', 'This extension is not an agent of that queue.')
    const response = await this.client.request({
      method: 'PUT',
      path: `/extension/${own.extensionId}/agent/${encodeURIComponent(agent.id)}`,
      json: { status },
    })
    parseAgent(response.text())
  }
}
