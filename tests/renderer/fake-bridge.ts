/** A fake `window.switchboard` for component tests: answers from a table, records calls. */
import type { EventName, EventPayloads, StateSnapshot, SwitchboardApi } from '../../src/shared/ipc'
import type { Result } from '../../src/shared/result'

export function installFakeBridge(answers: Record<string, Result<unknown>>) {
  const calls: { channel: string; arg: unknown }[] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const api: SwitchboardApi = {
    invoke: ((channel: string, arg?: unknown) => {
      calls.push({ channel, arg })
      return Promise.resolve(
        answers[channel] ?? {
          ok: false,
          error: { kind: 'internal', message: `no answer for ${channel}` },
        },
      )
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
    calls,
    push<E extends EventName>(event: E, payload: EventPayloads[E]): void {
      for (const listener of [...(listeners.get(event) ?? [])]) listener(payload)
    },
    remove(): void {
      delete window.switchboard
    },
  }
}

/** A whole snapshot with nothing in it but what the test gives. */
export function snapshot(parts: Partial<StateSnapshot> = {}): StateSnapshot {
  return {
    accounts: [],
    statuses: [],
    capabilities: {},
    presence: [],
    calls: [],
    parked: [],
    queues: [],
    voicemail: [],
    missed: [],
    ...parts,
  }
}
