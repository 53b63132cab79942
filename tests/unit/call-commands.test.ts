import { describe, expect, it } from 'vitest'
import type { Call, ParkedCall } from '../../src/shared/model'
import { CallCommands } from '../../src/main/core/session/call-commands'
import type { PollKind } from '../../src/main/core/session/poll-plan'
import type { Latest } from '../../src/main/core/session/polls'
import { FakeProvider, makeCall } from '../support/fake-provider'

/** The fake PBX with the call actions the plain fake leaves out. */
class ActionsProvider extends FakeProvider {
  async attendedTransfer(call: Call, destination: string): Promise<void> {
    if (destination === '999') throw new Error('the PBX refused the transfer')
    this.actions.push(`attended ${call.id} ${destination}`)
  }
  async cancelAttendedTransfer(consultation: Call, original: Call): Promise<void> {
    this.actions.push(`cancel ${consultation.id} back to ${original.id}`)
  }
  async pickup(target: Call | ParkedCall): Promise<void> {
    this.actions.push(`pickup ${target.id}`)
  }
  async park(call: Call): Promise<void> {
    this.actions.push(`park ${call.id}`)
  }
  async pauseQueue(queueId: string): Promise<void> {
    this.actions.push(`pause ${queueId}`)
  }
  async pauseQueueWithReason(queueId: string, reason: string): Promise<void> {
    this.actions.push(`pause ${queueId} (${reason})`)
  }
}

const parkedCall: ParkedCall = {
  id: 'P1',
  accountId: 'acc1',
  slot: '701',
  caller: { number: '+4520000002' },
  parkedAt: 0,
  handle: {},
}

function setup(mine: Call[] = [], latest: Partial<Latest> = {}) {
  const provider = new ActionsProvider()
  const confirmed: PollKind[][] = []
  let now = 1_000_000
  const all: Latest = { calls: [], mine: [], parked: [], queues: [], voicemail: [], ...latest }
  const commands = new CallCommands({
    command: async (fn, confirm = []) => {
      confirmed.push(confirm)
      return fn(provider)
    },
    tracked: () => mine,
    latest: all,
    now: () => now,
  })
  return { provider, commands, confirmed, all, later: (ms: number) => (now += ms) }
}

describe('call commands', () => {
  it('finds the agent’s call for an action and confirms what the action changes', async () => {
    const { provider, commands, confirmed } = setup([makeCall({ id: 'C1', state: 'up' })])
    await commands.hangup('C1')
    await commands.park('C1')
    expect(provider.actions).toEqual(['hangup C1', 'park C1'])
    expect(confirmed).toEqual([[], ['parked']])
  })

  it('says the call has ended, and asks the PBX nothing, when the call is gone', async () => {
    const { provider, commands, confirmed } = setup()
    await expect(commands.hold('C9')).rejects.toMatchObject({
      kind: 'not_found',
      detail: { code: 'call.ended' },
    })
    expect(provider.actions).toEqual([])
    expect(confirmed).toEqual([])
  })

  it('picks up a parked call by its id, or a colleague’s ringing call from the latest list', async () => {
    const colleague = makeCall({ id: 'C7', local: { number: '205' } })
    const { provider, commands, confirmed } = setup([], {
      parked: [parkedCall],
      calls: [colleague],
    })
    await commands.pickup('P1')
    await commands.pickup('C7')
    expect(provider.actions).toEqual(['pickup P1', 'pickup C7'])
    expect(confirmed).toEqual([['parked'], ['parked']])
  })

  it('says a parked call is gone when someone else took it', async () => {
    const { commands } = setup()
    await expect(commands.hangupParked('P1')).rejects.toMatchObject({
      detail: { code: 'parked.gone' },
    })
  })

  it('marks the agent’s next call to the destination as the consultation of an attended transfer', async () => {
    const caller = makeCall({ id: 'C1', state: 'held', startedAt: 0 })
    const { provider, commands, later } = setup([caller])
    await commands.attendedTransfer('C1', '205')
    expect(provider.actions).toEqual(['attended C1 205'])
    later(500)
    const consult = makeCall({
      id: 'C2',
      direction: 'outbound',
      remote: { number: '205' },
      startedAt: 1_000_400,
    })
    const marked = commands.consultations.mark([caller, consult], 1_000_500)
    expect(marked.map((c) => c.consultFor)).toEqual([undefined, 'C1'])
  })

  it('forgets a transfer the PBX refused, so a later call to that number is no consultation', async () => {
    const caller = makeCall({ id: 'C1', state: 'held', startedAt: 0 })
    const { commands } = setup([caller])
    await expect(commands.attendedTransfer('C1', '999')).rejects.toThrow('refused')
    const call = makeCall({
      id: 'C2',
      direction: 'outbound',
      remote: { number: '999' },
      startedAt: 1_000_000,
    })
    expect(commands.consultations.mark([caller, call], 1_000_100)[1]?.consultFor).toBeUndefined()
  })

  it('cancels a transfer in progress by its consultation, and refuses any other call', async () => {
    const caller = makeCall({ id: 'C1', state: 'held' })
    const consult = makeCall({ id: 'C2', direction: 'outbound', consultFor: 'C1' })
    const { provider, commands } = setup([caller, consult], { mine: [caller, consult] })
    await commands.cancelTransfer('C2')
    expect(provider.actions).toEqual(['cancel C2 back to C1'])
    await expect(commands.cancelTransfer('C1')).rejects.toMatchObject({
      detail: { code: 'call.no_transfer' },
    })
  })

  it('gives the pause reason only to a PBX that keeps one', async () => {
    const { provider, commands, confirmed } = setup()
    await commands.pauseQueue('Q1', 'lunch')
    await commands.pauseQueue('Q1')
    expect(provider.actions).toEqual(['pause Q1 (lunch)', 'pause Q1'])
    expect(confirmed).toEqual([['queues'], ['queues']])
  })
})
