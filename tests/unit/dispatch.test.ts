import { describe, expect, it } from 'vitest'
import { createDispatcher, type Handlers } from '../../src/main/core/app/dispatch'
import { memoryLogger } from '../../src/main/log'
import { registerSecret } from '../../src/shared/redact'
import { AppError } from '../../src/shared/result'

const account = {
  id: 'a1',
  dialect: 'pbxcloud' as const,
  displayName: 'Office',
  ownExtension: '201',
  demo: false,
}

const unused = (): never => {
  throw new Error('not used in this test')
}

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app:info': () => ({
      name: 'Switchboard',
      version: '1.0.0',
      platform: 'linux',
      shell: 'browser',
    }),
    'accounts:list': () => [account],
    'state:snapshot': unused,
    'call:dial': unused,
    'call:colleague': unused,
    'call:contact': unused,
    'call:hangup': unused,
    'call:transfer': unused,
    'call:hold': unused,
    'call:park': unused,
    'call:pickup': unused,
    'call:hangupParked': unused,
    'queue:pause': unused,
    'queue:resume': unused,
    'voicemail:delete': unused,
    'voicemail:markHeard': unused,
    'history:list': unused,
    'contacts:search': unused,
    'contacts:add': unused,
    'call:cancelTransfer': unused,
    'call:pickupAt': unused,
    'crm:open': unused,
    'crm:confirm': unused,
    'contact:show': unused,
    'flows:list': unused,
    'flow:set': unused,
    'chat:rooms': unused,
    'chat:messages': unused,
    'chat:send': unused,
    'accounts:configs': unused,
    'accounts:test': unused,
    'accounts:save': unused,
    'accounts:remove': unused,
    'accounts:reconnect': unused,
    'settings:get': unused,
    'settings:set': unused,
    'log:write': unused,
    'diagnostics:copy': unused,
    'update:status': unused,
    'update:restart': unused,
    ...overrides,
  }
}

describe('the request dispatcher', () => {
  it('answers a contract channel with an ok envelope', async () => {
    const dispatch = createDispatcher(handlers(), memoryLogger())
    await expect(dispatch('accounts:list', undefined)).resolves.toEqual({
      ok: true,
      data: [account],
    })
  })

  it('refuses a channel that is not in the contract with invalid_argument', async () => {
    const log = memoryLogger()
    const dispatch = createDispatcher(handlers(), log)
    for (const channel of ['shell:exec', '__proto__', 'toString', 42, null, { x: 1 }]) {
      const result = await dispatch(channel, undefined)
      expect(result).toEqual({
        ok: false,
        error: { kind: 'invalid_argument', message: 'Unknown request channel.' },
      })
    }
    expect(log.lines.some((l) => l.includes('unknown channel'))).toBe(true)
  })

  it('refuses a wrong argument with invalid_argument and never calls the handler', async () => {
    let called = false
    const dispatch = createDispatcher(
      handlers({
        'accounts:list': () => {
          called = true
          return []
        },
      }),
      memoryLogger(),
    )
    const result = await dispatch('accounts:list', { evil: true })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid_argument')
      expect(result.error.message).toMatch(/^Invalid argument for accounts:list/)
    }
    expect(called).toBe(false)
  })

  it('calls a colleague or a contact only with a bounded name or id, never an object or a list', async () => {
    const seen: unknown[] = []
    const dispatch = createDispatcher(
      handlers({
        'call:colleague': (arg) => (seen.push(arg), { name: 'Anne' }),
        'call:contact': (arg) => (seen.push(arg), {}),
      }),
      memoryLogger(),
    )
    expect((await dispatch('call:colleague', { accountId: 'a1', extension: 'anne' })).ok).toBe(true)
    expect((await dispatch('call:contact', { accountId: 'a1', contactId: 'u-1' })).ok).toBe(true)
    for (const [channel, arg] of [
      ['call:colleague', { accountId: 'a1', extension: '' }],
      ['call:colleague', { accountId: 'a1', extension: 'a'.repeat(65) }],
      ['call:colleague', { accountId: 'a1', extension: { userId: 'u-1' } }],
      ['call:contact', { accountId: 'a1', contactId: '' }],
      ['call:contact', { accountId: 'a1', contactId: ['u-1'] }],
      ['call:contact', { accountId: 'a1', contactId: 'u'.repeat(201) }],
    ] as const) {
      const result = await dispatch(channel, arg)
      expect(result.ok ? 'ok' : result.error.kind, JSON.stringify(arg)).toBe('invalid_argument')
    }
    expect(seen).toHaveLength(2)
  })

  it('turns a typed error into an err envelope, redacted', async () => {
    registerSecret('sk_live_dispatch_secret')
    const dispatch = createDispatcher(
      handlers({
        'app:info': () => {
          throw new AppError('auth', 'The key sk_live_dispatch_secret was refused.')
        },
      }),
      memoryLogger(),
    )
    const result = await dispatch('app:info', undefined)
    expect(result).toEqual({
      ok: false,
      error: { kind: 'auth', message: 'The key [redacted] was refused.' },
    })
  })

  it('hides an unexpected exception behind a generic message and logs it', async () => {
    const log = memoryLogger()
    const dispatch = createDispatcher(
      handlers({
        'app:info': () => {
          throw new TypeError('internal detail at /home/agent/secret-path')
        },
      }),
      log,
    )
    const result = await dispatch('app:info', undefined)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('internal')
      expect(result.error.message).not.toContain('secret-path')
    }
    expect(log.lines.join('\n')).toContain('internal detail')
  })
})
