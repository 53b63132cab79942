/**
 * A stand-in AppCore for the shell tests: real event hub and preferences
 * schema, and a record of what the shell asked of it (dials, notices, signals).
 */
import type { AppCore } from '../../src/main/core/app/app-core'
import { EventHub } from '../../src/main/core/events'
import type { ShellSignal } from '../../src/main/core/session/options'
import type { DialRequest, StateSnapshot } from '../../src/shared/ipc'
import type { AccountStatus, Call } from '../../src/shared/model'
import {
  preferencesSchema,
  type Preferences,
  type PreferencesPatch,
} from '../../src/shared/preferences'

export function fakeCore(initial: Partial<Preferences> = {}) {
  const events = new EventHub()
  let preferences: Preferences = preferencesSchema.parse(initial)
  const dials: { input: unknown; source: DialRequest['source'] }[] = []
  const notices: { kind: 'info' | 'error'; text: string }[] = []
  const signals: ShellSignal[] = []
  const snapshot: StateSnapshot = {
    accounts: [
      { id: 'acme', dialect: 'pbxcloud', displayName: 'Acme office', ownExtension: '201' },
    ],
    statuses: [],
    capabilities: {},
    presence: [],
    calls: [],
    parked: [],
    queues: [],
    voicemail: [],
    flows: [],
    missed: [],
  } as unknown as StateSnapshot
  const core = {
    events,
    notices: [] as string[],
    demo: null,
    dispatch: async (channel: unknown) =>
      channel === 'state:snapshot'
        ? { ok: true as const, data: snapshot }
        : { ok: false as const, error: { kind: 'invalid_argument', message: 'no' } },
    signal: (signal: ShellSignal) => void signals.push(signal),
    preferences: () => preferences,
    setPreferences: async (patch: PreferencesPatch) => {
      preferences = preferencesSchema.parse({ ...preferences, ...patch })
      events.emit('settings:changed', preferences)
      return preferences
    },
    requestDial: async (input: unknown, source: DialRequest['source']) => {
      dials.push({ input, source })
    },
    notify: (kind: 'info' | 'error', text: string) => void notices.push({ kind, text }),
    media: async () => ({ contentType: 'audio/wav', data: Buffer.from('RIFF') }),
    close: async () => undefined,
  }
  return { core: core as unknown as AppCore, events, dials, notices, signals, snapshot }
}

let nextCall = 1

export function makeCall(overrides: Partial<Call> = {}): Call {
  return {
    id: `call-${nextCall++}`,
    accountId: 'acme',
    direction: 'inbound',
    state: 'ringing',
    local: { number: '201' },
    remote: { number: '+4533123456', name: 'Anna Jensen' },
    startedAt: 1_700_000_000_000,
    handle: {},
    ...overrides,
  }
}

export function makeStatus(accountId: string, detail: AccountStatus['detail']): AccountStatus {
  return { accountId, detail, since: 0, requestsLastMinute: 0, budgetPerMinute: 120 }
}
