/**
 * A window that opens (or reloads its picture) while an account is being added:
 * deltas that arrive while `state:snapshot` is on its way, and snapshots that
 * answer out of order, must never leave the board emptier than what main has.
 */
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { EventName, EventPayloads, StateSnapshot, SwitchboardApi } from '../../src/shared/ipc'
import type { Call, CallRecord, Presence } from '../../src/shared/model'
import { useCallsStore } from '../../src/renderer/src/stores/calls'
import type { Result } from '../../src/shared/result'
import { loadState } from '../../src/renderer/src/stores/sync'
import { usePresenceStore } from '../../src/renderer/src/stores/presence'
import { snapshot } from './fake-bridge'

const office = {
  id: 'office',
  dialect: 'pbxcloud' as const,
  displayName: 'Office',
  ownExtension: '201',
  demo: false,
}

function lamp(extension: string, state: Presence['state'] = 'available'): Presence {
  return { accountId: 'office', extension, name: `Agent ${extension}`, state, since: 0 }
}

/** A bridge whose snapshots answer only when the test says, in any order. */
function slowBridge() {
  const pending: ((result: Result<StateSnapshot>) => void)[] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const api: SwitchboardApi = {
    invoke: ((channel: string) => {
      if (channel === 'state:snapshot') {
        return new Promise<Result<StateSnapshot>>((resolve) => pending.push(resolve))
      }
      if (channel === 'app:info')
        return Promise.resolve({ ok: false, error: { kind: 'internal', message: '-' } })
      if (channel === 'settings:get')
        return Promise.resolve({ ok: false, error: { kind: 'internal', message: '-' } })
      return Promise.resolve({ ok: false, error: { kind: 'internal', message: channel } })
    }) as SwitchboardApi['invoke'],
    on: ((event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    }) as SwitchboardApi['on'],
  }
  window.switchboard = api
  return {
    pending,
    push<E extends EventName>(event: E, payload: EventPayloads[E]): void {
      for (const listener of [...(listeners.get(event) ?? [])]) listener(payload)
    },
  }
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

beforeEach(() => setActivePinia(createPinia()))

describe('the board while an account is added', () => {
  it('a lamp pushed while the snapshot is on its way survives the older snapshot', async () => {
    const bridge = slowBridge()
    const loading = loadState()
    await flush()
    // Main read the snapshot before the new account's first poll; the poll's delta overtakes it.
    bridge.push('presence:changed', {
      accountId: 'office',
      changed: [lamp('201'), lamp('202', 'busy')],
      removed: [],
    })
    bridge.pending.shift()?.({ ok: true, data: snapshot({ accounts: [office] }) })
    await loading
    expect([...usePresenceStore().entries.values()].map((p) => p.extension).sort()).toEqual([
      '201',
      '202',
    ])
  })

  it('a call missed while the snapshot is on its way counts once and stays listed', async () => {
    const bridge = slowBridge()
    const loading = loadState()
    await flush()
    const record: CallRecord = {
      id: 'c1',
      accountId: 'office',
      direction: 'inbound',
      result: 'missed',
      from: { number: '+4511223344' },
      to: { number: '201' },
      startedAt: 0,
      durationSec: 0,
    }
    const event = { type: 'call.missed' as const, accountId: 'office', id: 'm1', at: 0 }
    bridge.push('call:missed', { ...event, late: false, record })
    bridge.push('missed:changed', { accountId: 'office', missed: [record] })
    // Main read the snapshot just after the call was missed: the replayed event is no second call.
    bridge.pending.shift()?.({ ok: true, data: snapshot({ accounts: [office], missed: [record] }) })
    await loading
    const calls = useCallsStore()
    expect(calls.missedUnseen).toBe(1)
    expect(calls.missedSeen.map((r) => r.id)).toEqual(['c1'])
  })

  it('a lamp of the retired demo office that arrives during the load does not come back', async () => {
    const bridge = slowBridge()
    const loading = loadState()
    await flush()
    bridge.push('presence:changed', {
      accountId: 'demo',
      changed: [{ ...lamp('203'), accountId: 'demo' }],
      removed: [],
    })
    bridge.pending.shift()?.({
      ok: true,
      data: snapshot({ accounts: [office], presence: [lamp('203')] }),
    })
    await loading
    // And one that comes after the picture is on screen is dropped too.
    bridge.push('presence:changed', {
      accountId: 'demo',
      changed: [{ ...lamp('204'), accountId: 'demo' }],
      removed: [],
    })
    const board = [...usePresenceStore().entries.values()].map(
      (p) => `${p.accountId}/${p.extension}`,
    )
    expect(board).toEqual(['office/203'])
  })

  // Every order of: the old snapshot's answer (empty), the new one's (full), and a delta.
  const steps = ['old', 'new', 'delta'] as const
  const orders = [
    ['old', 'new', 'delta'],
    ['old', 'delta', 'new'],
    ['new', 'old', 'delta'],
    ['new', 'delta', 'old'],
    ['delta', 'old', 'new'],
    ['delta', 'new', 'old'],
  ] as const
  for (const order of orders) {
    it(`shows every lamp when answers come ${order.join(' → ')}`, async () => {
      expect(order).toHaveLength(steps.length)
      const bridge = slowBridge()
      const first = loadState()
      await flush()
      // The account list changes: the window asks again while the first answer is out.
      bridge.push('accounts:changed', [office])
      await flush()
      const [old, fresh] = bridge.pending.splice(0, 2)
      const full = snapshot({
        accounts: [office],
        presence: [lamp('201'), lamp('202')],
        calls: [],
      })
      for (const step of order) {
        if (step === 'old') old?.({ ok: true, data: snapshot({ accounts: [] }) })
        if (step === 'new') fresh?.({ ok: true, data: full })
        if (step === 'delta')
          bridge.push('presence:changed', {
            accountId: 'office',
            changed: [lamp('203', 'ringing')],
            removed: [],
          })
        await flush()
      }
      await first
      await flush()
      const board = [...usePresenceStore().entries.values()].map((p) => p.extension).sort()
      expect(board).toEqual(['201', '202', '203'])
    })
  }
})

describe('switching from the demo office to a real account', () => {
  it('leaves no demo call, popup, parked call or missed call behind', async () => {
    const bridge = slowBridge()
    const demoAccount = { ...office, id: 'demo', displayName: 'Demo office', demo: true }
    const loading = loadState()
    await flush()
    const ringing: Call = {
      accountId: 'demo',
      id: 'demo-call',
      direction: 'inbound',
      state: 'ringing',
      local: { number: '201' },
      remote: { number: '+4520000001', name: 'Alice Mortensen' },
      startedAt: 0,
      handle: {},
    }
    bridge.pending.shift()?.({
      ok: true,
      data: snapshot({
        accounts: [demoAccount],
        calls: [ringing],
        parked: [
          {
            accountId: 'demo',
            id: 'p1',
            slot: '701',
            caller: { number: '+452' },
            parkedAt: 0,
            handle: {},
          },
        ],
        missed: [
          {
            accountId: 'demo',
            id: 'm1',
            direction: 'inbound',
            result: 'missed',
            from: { number: '+453' },
            to: { number: '201' },
            startedAt: 0,
            durationSec: 0,
          },
        ],
      }),
    })
    await loading
    const calls = useCallsStore()
    expect(calls.popups.map((c) => c.id)).toEqual(['demo-call'])
    // The agent saves the first real account while the demo call rings.
    bridge.push('accounts:changed', [office])
    await flush()
    bridge.pending.shift()?.({ ok: true, data: snapshot({ accounts: [office] }) })
    await flush()
    await flush()
    expect(calls.calls).toEqual([])
    expect(calls.popups).toEqual([])
    expect(calls.parked).toEqual([])
    expect(calls.missedSeen).toEqual([])
  })
})
