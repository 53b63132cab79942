import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/result'
import { SessionManager } from '../../src/main/core/session/manager'
import { FakeProvider, makeCall, seededRandom } from '../support/fake-provider'
import { ManualClock } from '@switchboard/demo-pbx/testing'
import { quietLog, startSession, tempDir, type Harness } from './session-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.session.stop()
  h = undefined
})

const refused = new AppError('auth', 'The API key was refused.', undefined, {
  code: 'auth.bad_credentials',
})

describe('session: refused credentials are re-checked, not final', () => {
  it('comes back online by itself once the PBX accepts the key again, and pops the ringing call', async () => {
    h = await startSession({ fake: { capabilities: ['calls'] } })
    await h.clock.run(10_000)
    h.provider.down = refused
    await h.clock.run(5000)
    expect(h.session.connection).toMatchObject({ state: 'auth_failed', detail: 'signed_out' })
    // The status says when the next check is, so the window can tell the agent.
    const retryAt = h.session.connection.retryAt ?? 0
    expect(retryAt - h.clock.now()).toBeGreaterThan(30_000)
    expect(retryAt - h.clock.now()).toBeLessThanOrEqual(120_000)
    // The key works again (fixed on the PBX); a call rings meanwhile.
    h.provider.down = undefined
    h.provider.currentCalls = [makeCall({ id: 'c1' })]
    await h.clock.run(retryAt - h.clock.now() + 5000)
    expect(h.session.state).toBe('online')
    expect(h.calls()).toContain('ringing c1')
  })

  it('re-checks back off after each refusal but never wait more than ten minutes', async () => {
    const clock = new ManualClock()
    const provider = new FakeProvider({ now: () => clock.now() })
    provider.down = refused
    h = await startSession({ provider, clock })
    await h.clock.run(3 * 3600_000)
    const times = h.provider.log.map((entry) => entry.at)
    const gaps = times.slice(1).map((at, i) => at - (times[i] ?? 0))
    expect(gaps.length).toBeGreaterThan(10)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60_000)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(600_000)
    expect(gaps.at(-1)).toBeGreaterThan(gaps[0] ?? 0)
  })

  it('"sign in again" reconnects at once, without waiting for the next re-check', async () => {
    h = await startSession({ fake: { capabilities: ['calls'] } })
    h.provider.down = refused
    await h.clock.run(10_000)
    expect(h.session.state).toBe('auth_failed')
    h.provider.down = undefined
    const before = h.provider.count('signIn')
    h.session.reconnect()
    await h.clock.run(1000)
    expect(h.provider.count('signIn')).toBe(before + 1)
    expect(h.session.state).toBe('online')
  })

  it('saving an unchanged account signs it in again at once', async () => {
    const clock = new ManualClock()
    const providers: FakeProvider[] = []
    const manager = new SessionManager<{ id: string; apiKey: string }>({
      dataDir: await tempDir(),
      createProvider: (account) => {
        const provider = new FakeProvider({ accountId: account.id, now: () => clock.now() })
        providers.push(provider)
        return provider
      },
      clock,
      random: seededRandom(3),
      log: quietLog,
    })
    const account = { id: 'acc1', apiKey: 'k' }
    providers.length = 0
    await manager.sync([account])
    const provider = providers[0]!
    provider.down = refused
    await clock.run(10_000)
    expect(manager.get('acc1')?.state).toBe('auth_failed')
    provider.down = undefined
    const before = provider.count('signIn')
    await manager.sync([{ ...account }], new Set(['acc1']))
    await clock.run(1000)
    expect(provider.count('signIn')).toBe(before + 1)
    expect(manager.get('acc1')?.state).toBe('online')
    await manager.stop()
  })
})
