/**
 * What only jade's admin sign-in can do (seed 004's /admin paths): hang up any
 * channel, list and end parked calls, read queue membership. A user-only account
 * has none of these facets, so none of their capabilities.
 */
import type { Call, ParkedCall, QueueMembership } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import type { JadeClient } from './client'
import { membershipsOf, parkedOf } from './normalise'
import type { JadeOffice } from './office'
import { listOf, segment, type Rec } from './parse'

export class JadeAdmin {
  constructor(
    private readonly client: JadeClient,
    private readonly office: JadeOffice,
    private readonly accountId: string,
    private readonly now: () => number,
  ) {}

  private async list(path: string, what: string): Promise<Rec[]> {
    return listOf(await this.client.call('admin', path, { what }), what)
  }

  /** Every channel of the PBX (the admin's view, which shows where a call went). */
  async channels(): Promise<Rec[]> {
    return this.list('/admin/core/channels', 'channels')
  }

  async hangup(call: Call): Promise<void> {
    const parkee = call.handle.parkee
    const channel = call.handle.channel
    if (!parkee && !channel)
      throw new AppError(
        'invalid_argument',
        'This call can no longer be controlled (it has changed or ended).',
      )
    const path = parkee
      ? `/admin/park/parkedcalls/${segment(parkee, 'the parked call')}`
      : `/admin/core/channels/${segment(channel ?? '', 'the call')}`
    await this.client.call('admin', path, {
      method: 'DELETE',
      what: 'that call (it may have ended)',
    })
  }

  /** Hang up a parked call (the UI's "drop" on the parked list). */
  async hangupParked(parked: ParkedCall): Promise<void> {
    await this.hangup({
      id: parked.id,
      accountId: parked.accountId,
      direction: 'inbound',
      state: 'parked',
      local: { number: '' },
      remote: parked.caller,
      startedAt: parked.parkedAt,
      handle: parked.handle,
    })
  }

  async parkedCalls(): Promise<ParkedCall[]> {
    return parkedOf(
      await this.list('/admin/park/parkedcalls', 'parked calls'),
      this.accountId,
      this.now(),
    )
  }

  async queues(): Promise<QueueMembership[]> {
    const me = await this.office.self()
    const [members, queues, entries] = await Promise.all([
      this.list('/admin/queue/members', 'queue members'),
      this.list('/admin/queue/queues', 'queues'),
      this.list('/admin/queue/entries', 'queue entries'),
    ])
    return membershipsOf(members, queues, me.extension, this.accountId, {
      list: entries,
      at: this.now(),
    })
  }
}
