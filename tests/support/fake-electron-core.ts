/**
 * A stand-in AppCore for the shell tests: real event hub and preferences
 * schema, and a record of what the shell asked of it (dials, notices, signals).
 */
import type { AppCore, TrayStart } from '../../src/main/core/app/app-core'
import type { Dispatch } from '../../src/main/core/app/dispatch'
import { EventHub } from '../../src/main/core/events'
import type { ShellSignal } from '../../src/main/core/session/options'
import type { DialRequest } from '../../src/shared/ipc'
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
  const start: TrayStart = {
    accounts: [
      {
        id: 'acme',
        dialect: 'pbxcloud',
        displayName: 'Acme office',
        ownExtension: '201',
        demo: false,
      },
    ],
    statuses: [],
  }
  let liveCalls = false
  // Typed as the shell's AppCore: a shell module that reached further would not compile.
  const core: AppCore = {
    events,
    notices: [],
    dispatch: (async () => ({
      ok: false,
      error: { kind: 'invalid_argument', message: 'no' },
    })) as unknown as Dispatch,
    signal: (signal: ShellSignal) => void signals.push(signal),
    accountIds: () => start.accounts.map((a) => a.id),
    trayState: async () => start,
    hasLiveCalls: () => liveCalls,
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
  const setLiveCalls = (live: boolean): void => void (liveCalls = live)
  return { core, events, dials, notices, signals, start, setLiveCalls }
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
