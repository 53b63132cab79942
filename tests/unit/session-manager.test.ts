import { describe, expect, it } from 'vitest'
import { SessionManager } from '../../src/main/core/session/manager'
import type { SessionEvent } from '../../src/main/core/session/events'
import { callEvents, FakeProvider, makeCall, seededRandom } from '../support/fake-provider'
import { ManualClock } from '@switchboard/demo-pbx/testing'
import { quietLog, tempDir } from './session-harness'

interface Account {
  id: string
  apiKey: string
}

async function setup(): Promise<{
  clock: ManualClock
  manager: SessionManager<Account>
  providers: FakeProvider[]
  events: SessionEvent[]
}> {
  const clock = new ManualClock()
  const providers: FakeProvider[] = []
  const manager = new SessionManager<Account>({
    dataDir: await tempDir(),
    createProvider: (account) => {
      const provider = new FakeProvider({ accountId: account.id, now: () => clock.now() })
      providers.push(provider)
      return provider
    },
    clock,
    random: seededRandom(11),
    log: quietLog,
  })
  const events: SessionEvent[] = []
  manager.on((event) => events.push(event))
  return { clock, manager, providers, events }
}

describe('session manager', () => {
  it('runs two accounts side by side, each with its own calls and events', async () => {
    const { clock, manager, providers, events } = await setup()
    await manager.sync([
      { id: 'a', apiKey: 'k1' },
      { id: 'b', apiKey: 'k2' },
    ])
    const [a, b] = providers
    a!.currentCalls = [makeCall({ id: 'same-id', accountId: 'a' })]
    b!.currentCalls = [makeCall({ id: 'same-id', accountId: 'b', state: 'up' })]
    await clock.run(5000)
    const byAccount = (id: string): string[] => callEvents(events.filter((e) => e.accountId === id))
    expect(byAccount('a')).toEqual(['ringing same-id'])
    expect(byAccount('b')).toEqual(['answered same-id'])
    expect(manager.snapshot().map((s) => [s.accountId, s.status.state, s.calls.length])).toEqual([
      ['a', 'online', 1],
      ['b', 'online', 1],
    ])
    await manager.stop()
  })

  it('adding, editing and removing an account touches only that account', async () => {
    const { clock, manager, providers } = await setup()
    await manager.sync([{ id: 'a', apiKey: 'k1' }])
    await clock.run(5000)
    const first = manager.get('a')
    await manager.sync([
      { id: 'a', apiKey: 'k1' },
      { id: 'b', apiKey: 'k2' },
    ])
    expect(manager.get('a')).toBe(first)
    expect(manager.sessions()).toHaveLength(2)

    // New credentials for b: a new session for b, a untouched.
    const oldB = manager.get('b')
    await manager.upsert({ id: 'b', apiKey: 'k3' })
    expect(manager.get('b')).not.toBe(oldB)
    expect(oldB?.state).toBe('stopped')
    expect(manager.get('a')).toBe(first)

    await manager.remove('a')
    expect(first?.state).toBe('stopped')
    expect(providers[0]!.closed).toBe(true)
    const sent = providers[0]!.count()
    await clock.run(60_000)
    expect(providers[0]!.count()).toBe(sent)
    expect(manager.get('b')?.state).toBe('online')
    await manager.stop()
  })

  it('passes shell signals to every session', async () => {
    const { clock, manager, providers } = await setup()
    await manager.sync([
      { id: 'a', apiKey: 'k1' },
      { id: 'b', apiKey: 'k2' },
    ])
    await clock.run(30_000)
    const before = providers.map((p) => p.count('calls'))
    manager.signal('focus')
    await clock.run(0)
    expect(providers.map((p) => p.count('calls'))).toEqual(before.map((n) => n + 1))
    await manager.stop()
  })

  it('an account replaced by another (demo → real) leaves no live call behind', async () => {
    const { clock, manager, providers, events } = await setup()
    await manager.sync([{ id: 'demo', apiKey: 'k1' }])
    providers[0]!.currentCalls = [makeCall({ id: 'ringing-demo', accountId: 'demo' })]
    await clock.run(5000)
    await manager.sync([{ id: 'office', apiKey: 'k2' }])
    const last = (type: string) =>
      events.filter((e) => e.accountId === 'demo' && e.type === type).at(-1)
    expect(last('calls.changed')).toMatchObject({ calls: [] })
    expect(last('parked.changed')).toMatchObject({ parked: [] })
    await manager.stop()
  })
})
