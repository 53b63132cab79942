/**
 * The main process's core, with no electron import: settings, accounts, one
 * session per account (the embedded demo PBX when none is configured), and the
 * handlers of the IPC contract. The Electron shell and the browser bridge both
 * build one of these and connect their transport to `dispatch` and `events`.
 */
import { need } from '../../providers/facets'
import { notice, type Notice, type NoticeDetail } from '../../../shared/notice'
import { join } from 'node:path'
import type { AccountConfig } from '../../../shared/account-config'
import type { StateSnapshot } from '../../../shared/ipc'
import type { AccountSummary, AppInfo, Flow } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import type { Clock as DemoClock, DemoOffice, DemoOfficeOptions } from '@switchboard/demo-pbx'
import { createLogger, type Logger } from '../../log'
import { createProvider, type RuntimeAccount } from '../../providers'
import type { MediaFile } from '../../providers/provider'
import { SettingsFile } from '../../settings'
import type { DialRequest } from '../../../shared/ipc'
import {
  preferencesPatchSchema,
  preferencesSchema,
  type Preferences,
  type PreferencesPatch,
} from '../../../shared/preferences'
import { accountAdmin } from './account-admin'
import { runtimeAccounts, summarise, type SecretReader } from './app-accounts'
import { originAfterChange, screenPop, templateProblem } from './screen-pop'
import { createHandlers } from '../handlers/app-handlers'
import type { Clock } from '../clock'
import { createDialRequester } from './dial-request'
import { createDispatcher, type Dispatch } from './dispatch'
import { EventHub } from '../events'
import { SessionManager } from '../session/manager'
import { sessionOptionsFrom, type SessionOptions, type ShellSignal } from '../session/options'
import { accountStatus, forwardSessionEvent, keepMissedWithoutHistory } from './state-events'
import { DEMO_ACCOUNT_ID, demoAccount } from './demo-account'
import { diagnosticsHandlers, type DiagnosticsSource } from './diagnostics'
import { updateHandlers, type UpdateControl } from '../handlers/updates'

export { DEMO_ACCOUNT_ID }
export type { SecretReader }

export interface DemoOptions<D extends DemoOffice = DemoOffice> {
  /** Which face of the demo PBX the demo account speaks (default PBXCloud). */
  dialect?: AccountConfig['dialect']
  seed?: number
  /** Random office traffic (default true). */
  office?: boolean
  officeIntervalMs?: number
  /** The demo's own clock (tests); defaults to wall time. */
  clock?: DemoClock
  /**
   * Starts the demo. The app loads the demo package's product entry lazily, only
   * when no account exists; tests pass the testing entry's `startDemoForApp` to
   * drive the office (scenarios, faults) the app is connected to.
   */
  start?: (options: DemoOfficeOptions) => Promise<D>
}

/** The app's demo: the demo package's product entry, loaded only when first needed. */
async function startProductDemo(options: DemoOfficeOptions): Promise<DemoOffice> {
  const { startDemoOffice } = await import('@switchboard/demo-pbx')
  return startDemoOffice(options)
}

export interface CoreOptions<D extends DemoOffice = DemoOffice> {
  dataDir: string
  shell: AppInfo['shell']
  version: string
  platform?: string
  log?: Logger
  secrets?: SecretReader
  /** Opens an https page in the user's browser (Electron's shell); absent in the browser shell. */
  openInBrowser?: (url: string) => Promise<void> | void
  /** Asks the user, outside the window, whether the CRM pages of `origin` may be opened. */
  confirmOrigin?: (origin: string, example: string) => Promise<boolean>
  /** How to run the demo PBX when no account is configured; `false`: never. */
  demo?: DemoOptions<D> | false
  /** The sessions' clock (tests); defaults to wall time. */
  clock?: Clock
  sessionOptions?: SessionOptions
  /** Log lines and the clipboard for "Copy diagnostics" (the Electron shell). */
  diagnostics?: DiagnosticsSource
  /** The shell's updater, once started (it needs the core to see calls). */
  updates?: () => UpdateControl | null
}

export interface AppCore<D extends DemoOffice = DemoOffice> {
  dispatch: Dispatch
  events: EventHub
  /** Messages for the user about start-up (e.g. a settings file that was set aside). */
  notices: Notice[]
  /** The running demo PBX, when the demo account is in use (tests and benchmarks drive it). */
  demo: D | null
  sessions: SessionManager<RuntimeAccount>
  /** Window focus, network and sleep signals from the shell. */
  signal(signal: ShellSignal): void
  /**
   * Audio of a voicemail or a recording, for the media protocol (Electron) and
   * the bridge's media route: streamed to <audio>, never sent over IPC.
   */
  media(accountId: string, kind: 'voicemail' | 'recording', id: string): Promise<MediaFile>
  preferences(): Preferences
  setPreferences(patch: PreferencesPatch): Promise<Preferences>
  /**
   * A number from outside the window (link, shortcut, tray, clipboard): parsed with
   * dialable.ts; refused with a notice, shown for confirmation, or dialled at once
   * when the user turned confirmation off.
   */
  requestDial(input: unknown, source: DialRequest['source']): Promise<void>
  /**
   * Tell the user something (shown in every window): `text` is main's English,
   * `detail` the code the window says in the agent's language.
   */
  notify(kind: 'info' | 'error', text: string, detail?: NoticeDetail): void
  close(): Promise<void>
}

export async function createAppCore<D extends DemoOffice = DemoOffice>(
  options: CoreOptions<D>,
): Promise<AppCore<D>> {
  const log = options.log ?? createLogger('core')
  const settingsFile = new SettingsFile(options.dataDir)
  const loaded = await settingsFile.load()
  const notices: Notice[] = []
  if (loaded.notice) {
    notices.push(notice('info', loaded.notice, loaded.noticeDetail))
    log.warn(loaded.notice)
  }
  const settings = loaded.settings
  const events = new EventHub((error) => log.error('an event listener failed', error))

  let demo: D | null = null
  let accounts: RuntimeAccount[] = []
  const demoOptions = options.demo === false ? null : (options.demo ?? {})
  /**
   * The demo account is used exactly while no account is configured. Once started,
   * the demo PBX itself keeps running until quit (it is cheap), so removing the
   * last account brings the demo office straight back.
   */
  const loadAccounts = async (): Promise<void> => {
    if (settings.accounts.length === 0 && demoOptions) {
      const dialect = demoOptions.dialect ?? 'pbxcloud'
      // Only the face the account speaks starts (jade's needs openssl for its certificate).
      // Without `start`, D is the default DemoOffice: the product entry's own type.
      const start = demoOptions.start ?? (startProductDemo as (o: DemoOfficeOptions) => Promise<D>)
      demo ??= await start({
        dialect,
        seed: demoOptions.seed ?? 7,
        office: demoOptions.office ?? true,
        ...(demoOptions.officeIntervalMs ? { officeIntervalMs: demoOptions.officeIntervalMs } : {}),
        ...(demoOptions.clock ? { clock: demoOptions.clock } : {}),
      })
      accounts = [demoAccount(demo.access)]
      return
    }
    accounts = await runtimeAccounts(settings, options.secrets, log)
  }
  await loadAccounts()
  const summaries = (): AccountSummary[] =>
    settings.accounts.length === 0 && demo
      ? accounts.map((a) => summarise(a, true))
      : settings.accounts.map((a) => summarise(a))

  const demoClock = options.demo ? options.demo.clock : undefined
  const now = demoClock ? () => demoClock.now() : undefined
  const sessions = new SessionManager<RuntimeAccount>({
    dataDir: join(options.dataDir),
    createProvider: (account) => createProvider(account, now ? { now } : {}),
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    sessionOptions: () => sessionOptionsFrom(settings.preferences, options.sessionOptions),
  })
  const requestsOf = (accountId: string) =>
    sessions.get(accountId)?.snapshot().requests ?? { lastMinute: 0, total: 0, budgetPerMinute: 0 }
  sessions.on((event) => forwardSessionEvent(event, events, requestsOf))
  // Every saved account passed the settings schema, whose dialects all have a provider.
  await sessions.sync(accounts)

  /** After an account was added, edited or removed: reload, resync, tell the windows. */
  const accountsChanged = async (saved?: string): Promise<AccountSummary[]> => {
    await settingsFile.save(settings)
    await loadAccounts()
    const fresh = new Set(saved === undefined ? [] : [saved])
    await sessions.sync(accounts, fresh)
    events.emit('accounts:changed', summaries())
    return summaries()
  }

  const flowsOf = async (): Promise<Flow[]> => {
    const lists = await Promise.all(
      sessions
        .sessions()
        .map((session) =>
          session
            .read((p) => (p.capabilities.has('flows') ? need(p, 'flows')() : Promise.resolve([])))
            .catch(() => []),
        ),
    )
    return lists.flat()
  }

  const missed = keepMissedWithoutHistory(
    events,
    (accountId) => sessions.get(accountId)?.capabilities.includes('history') ?? false,
  )

  /**
   * Everything from one moment: first wait for what must be awaited (an account
   * change under way, the flows request), then read every session at once, so
   * presence, calls and lists agree and no delta sent before the read is missing.
   */
  const snapshot = async (): Promise<StateSnapshot> => {
    await sessions.settled()
    const flows = await flowsOf()
    const parts = sessions.snapshot()
    return {
      accounts: summaries(),
      statuses: parts.map((s) => accountStatus(s.status, s.requests)),
      capabilities: Object.fromEntries(
        sessions.sessions().map((session, i) => [parts[i]?.accountId ?? '', session.capabilities]),
      ),
      presence: parts.flatMap((s) => s.presence),
      calls: parts.flatMap((s) => s.calls),
      parked: parts.flatMap((s) => s.parked),
      queues: parts.flatMap((s) => s.queues),
      voicemail: parts.flatMap((s) => s.voicemail),
      flows,
      missed: missed().filter((record) => sessions.get(record.accountId)),
    }
  }

  const info: AppInfo = {
    name: 'Switchboard',
    version: options.version,
    platform: options.platform ?? process.platform,
    shell: options.shell,
  }
  const session = (accountId: string) => {
    const found = sessions.get(accountId)
    if (!found) {
      throw new AppError('not_found', 'That account is not connected.', undefined, {
        code: 'account.not_connected',
      })
    }
    return found
  }
  const crm = screenPop({
    preferences: () => settings.preferences,
    calls: (accountId) => session(accountId).snapshot().calls,
    openInBrowser: options.openInBrowser,
    confirmOrigin: options.confirmOrigin,
    saveOrigin: (origin) => savePreferences({ ...settings.preferences, screenPopOrigin: origin }),
    log,
  })
  events.on(crm.onEvent)
  const handlers = createHandlers({
    info,
    summaries,
    snapshot,
    session,
    defaultCountry: () => settings.preferences.defaultCountry,
    now: now ?? Date.now,
    emitFlows: (accountId, flows) => events.emit('flows:changed', { accountId, flows }),
    preferences: () => settings.preferences,
    setPreferences: (patch) => setPreferences(patch),
    'crm:open': ({ accountId, callId }) => crm.open(accountId, callId),
    'crm:confirm': () => crm.confirm(),
    'accounts:reconnect': async ({ accountId }) => {
      session(accountId)
      await sessions.reconnect(accountId)
      return null
    },
    'contact:show': ({ accountId, callId }) => {
      const found = session(accountId)
      if (!found.capabilities.includes('contacts')) {
        throw new AppError(
          'unsupported',
          'This PBX has no phone book to look the caller up in.',
          undefined,
          { code: 'not_offered', params: { feature: 'contacts' } },
        )
      }
      const call = found.snapshot().calls.find((c) => c.id === callId)
      if (!call) {
        throw new AppError('not_found', 'That call has ended.', undefined, { code: 'call.ended' })
      }
      events.emit('contact:show', { accountId, number: call.remote.number })
      return null
    },
    ...diagnosticsHandlers({
      info,
      summaries,
      statuses: () => sessions.snapshot().map((s) => accountStatus(s.status, s.requests)),
      ...(options.diagnostics ? { source: options.diagnostics } : {}),
      rendererLog: createLogger('renderer'),
    }),
    ...updateHandlers(options.updates ?? (() => null)),
    ...accountAdmin({
      settings,
      secrets: options.secrets,
      changed: (saved) => accountsChanged(saved),
      now,
    }),
  })

  let saving: Promise<unknown> = Promise.resolve()
  const setPreferences = async (patch: PreferencesPatch): Promise<Preferences> => {
    const checked = preferencesPatchSchema.parse(patch)
    const before = settings.preferences
    const next = preferencesSchema.parse({ ...before, ...checked })
    const problem = templateProblem(next.screenPopUrl)
    if (problem) {
      throw new AppError('invalid_argument', problem, undefined, { code: 'screen_pop.invalid' })
    }
    next.screenPopOrigin = originAfterChange(next.screenPopUrl, before.screenPopOrigin)
    return savePreferences(next)
  }
  const savePreferences = async (next: Preferences): Promise<Preferences> => {
    const before = settings.preferences
    settings.preferences = next
    // Writes are serialised so two quick changes cannot land out of order.
    saving = saving
      .then(() => settingsFile.save(settings))
      .catch((error: unknown) => {
        log.error('the settings could not be saved', error)
        notify('error', 'Your settings could not be saved; they apply until Switchboard quits.', {
          code: 'settings_not_saved',
        })
      })
    await saving
    events.emit('settings:changed', settings.preferences)
    const polling: (keyof Preferences)[] = ['callsActiveMs', 'callsIdleMs', 'budgetPerMinute']
    if (polling.some((key) => before[key] !== settings.preferences[key])) {
      for (const session of sessions.sessions()) await sessions.restart(session.accountId)
    }
    return settings.preferences
  }
  const notify = (kind: 'info' | 'error', text: string, detail?: NoticeDetail): void => {
    const said = notice(kind, text, detail)
    notices.push(said)
    events.emit('notice', said)
  }
  const requestDial = createDialRequester({
    preferences: () => settings.preferences,
    dialer: () => sessions.sessions()[0],
    ask: (request) => events.emit('dial:request', request),
    notify,
    log,
  })

  return {
    dispatch: createDispatcher(handlers, log),
    events,
    notices,
    demo,
    sessions,
    signal: (signal) => sessions.signal(signal),
    preferences: () => settings.preferences,
    setPreferences,
    requestDial,
    notify,
    media: async (accountId, kind, id) => {
      const found = session(accountId)
      if (kind === 'recording') return found.read((p) => need(p, 'recording')(id))
      const voicemail = found.snapshot().voicemail.find((v) => v.id === id)
      if (!voicemail) {
        throw new AppError('not_found', 'That voicemail is no longer there.', undefined, {
          code: 'voicemail.gone',
        })
      }
      return found.read((p) => need(p, 'voicemailAudio')(voicemail))
    },
    close: async () => {
      await sessions.stop()
      await demo?.close()
    },
  }
}
