import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/result'
import { startSession, type Harness } from './session-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.session.stop()
  h = undefined
})

describe('session: the status names the real reason', () => {
  it('an answer that cannot be read says so, not "slow connection"', async () => {
    h = await startSession({ fake: { capabilities: ['calls'] } })
    await h.clock.run(10_000)
    h.provider.fail(
      'calls',
      new AppError('bad_response', 'The PBXCloud portal sent a web page: "<html>"', undefined, {
        code: 'bad_response.unreadable',
      }),
    )
    await h.clock.run(4000)
    expect(h.session.connection).toMatchObject({ state: 'degraded', detail: 'unreadable' })
  })

  it('a server error (HTTP 500) stays "slow", not "unreadable"', async () => {
    h = await startSession({ fake: { capabilities: ['calls'] } })
    await h.clock.run(10_000)
    h.provider.fail('calls', new AppError('bad_response', 'The PBX had a server error (HTTP 500).'))
    await h.clock.run(4000)
    expect(h.session.connection).toMatchObject({ state: 'degraded', detail: 'slow' })
  })

  it('a changed certificate says so at once, without a retry countdown', async () => {
    h = await startSession({ fake: { capabilities: ['calls'] } })
    await h.clock.run(10_000)
    h.provider.down = new AppError('network', 'The certificate changed.', undefined, {
      code: 'tls.pin_mismatch',
    })
    await h.clock.run(4000)
    expect(h.session.connection).toMatchObject({ state: 'offline', detail: 'certificate_changed' })
    expect(h.session.connection.retryAt).toBeUndefined()
  })

  it('while not online the status says when the data was last fetched', async () => {
    h = await startSession({ fake: { capabilities: ['calls'] } })
    await h.clock.run(10_000)
    const lastOk = h.provider.log.at(-1)?.at ?? 0
    h.provider.down = new AppError('network', 'Cannot reach the PBX.')
    await h.clock.run(60_000)
    expect(h.session.connection).toMatchObject({ state: 'offline', lastUpdatedAt: lastOk })
    h.provider.down = undefined
    await h.clock.run(60_000)
    expect(h.session.connection.state).toBe('online')
    expect(h.session.connection.lastUpdatedAt).toBeUndefined()
  })
})
