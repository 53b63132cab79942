/**
 * The main process's core, with no electron import: the composition root. It
 * wires settings, accounts, one session per account (the embedded demo PBX when
 * none is configured) and the request handlers (core/handlers/); the logic lives
 * in those rooms. The Electron shell and the browser bridge both build one of
 * these and connect their transport to `dispatch` and `events`; they see only
 * the narrow `AppCore` below.
 */
import { join } from 'node:path'
import type { DemoOffice } from '@switchboard/demo-pbx'
import { notice, type Notice, type NoticeDetail } from '../../../shared/notice'
import type { DialRequest } from '../../../shared/ipc'
import type { AccountSummary, AppInfo } from '../../../shared/model'
import type { Preferences, PreferencesPatch } from '../../../shared/preferences'
import { createLogger, type Logger } from '../../log'
import { createProvider, type RuntimeAccount } from '../../providers'
import type { MediaFile } from '../../providers/provider'
import { SettingsFile, type Settings } from '../../settings'
import type { Clock } from '../clock'
import { EventHub } from '../events'
import { handlerContext, type HandlerContext } from '../handlers/context'
import { createHandlers } from '../handlers'
import type { UpdateControl } from '../handlers/updates'
import { SessionManager } from '../session/manager'
import { sessionOptionsFrom, type SessionOptions, type ShellSignal } from '../session/options'
import { accountAdmin } from './account-admin'
import { accountList, type AccountList } from './account-list'
import type { SecretReader } from './app-accounts'
import { coreState, type CoreState, type TrayStart } from './core-state'
import { DEMO_ACCOUNT_ID, type DemoOptions } from './demo-account'
import { createDialRequester } from './dial-request'
import type { DiagnosticsSource } from './diagnostics'
import { createDispatcher, type Dispatch } from './dispatch'
import { mediaLoader, type MediaKind } from './media'
import { preferenceStore, type PreferenceStore } from './preferences'
import { screenPop, type ScreenPop } from './screen-pop'
import { forwardSessionEvent, keepMissedWithoutHistory } from './state-events'

export { DEMO_ACCOUNT_ID }
export type { DemoOptions, SecretReader, TrayStart }

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

/** What the shell and the browser bridge see of the core: no session, no demo. */
export interface AppCore {
  /** For the transports only (ipc.ts, src/web): the contract's channels, checked here. */
  dispatch: Dispatch
  events: EventHub
  /** Messages for the user about start-up (e.g. a settings file that was set aside). */
  notices: Notice[]
  /** Window focus, network and sleep signals from the shell. */
  signal(signal: ShellSignal): void
  /**
   * Audio of a voicemail or a recording, for the media protocol (Electron) and
   * the bridge's media route: streamed to <audio>, never sent over IPC.
   */
  media(accountId: string, kind: MediaKind, id: string): Promise<MediaFile>
  /** The accounts that run now: media is served only for these. */
  accountIds(): string[]
  /** The tray's first picture: the accounts and how each is connected. */
  trayState(): Promise<TrayStart>
  /** A call rings, is up or is held on any account (an update waits for it). */
  hasLiveCalls(): boolean
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

/** What tests and benchmarks reach beyond `AppCore` (app/testing.ts); never the shell. */
export interface CoreInternals<D extends DemoOffice = DemoOffice> {
  sessions: SessionManager<RuntimeAccount>
  /** The running demo PBX, when the demo account was used. */
  demo(): D | null
}

async function loadSettings(file: SettingsFile, log: Logger) {
  const loaded = await file.load()
  const notices: Notice[] = []
  if (loaded.notice) {
    notices.push(notice('info', loaded.notice, loaded.noticeDetail))
    log.warn(loaded.notice)
  }
  return { settings: loaded.settings, notices }
}

function notifier(events: EventHub, notices: Notice[]): AppCore['notify'] {
  return (kind, text, detail) => {
    const said = notice(kind, text, detail)
    notices.push(said)
    events.emit('notice', said)
  }
}

function sessionManager(options: CoreOptions<DemoOffice>, settings: Settings, log: Logger) {
  // The demo office runs on its own clock in tests: its providers read that time.
  const demoClock = options.demo ? options.demo.clock : undefined
  const now = demoClock ? () => demoClock.now() : undefined
  const sessions = new SessionManager<RuntimeAccount>({
    dataDir: join(options.dataDir),
    createProvider: (account) => createProvider(account, now ? { now } : {}),
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    sessionOptions: () => sessionOptionsFrom(settings.preferences, options.sessionOptions),
  })
  return { sessions, now }
}

/** After an account was added, edited or removed: save, resync, tell the windows. */
function accountsChanged(deps: {
  file: SettingsFile
  settings: Settings
  sessions: SessionManager<RuntimeAccount>
  accounts: AccountList<DemoOffice>
  events: EventHub
}): (saved?: string) => Promise<AccountSummary[]> {
  const { file, settings, sessions, accounts, events } = deps
  return async (saved) => {
    await file.save(settings)
    // The account the agent just saved signs in again at once, even unchanged.
    await sessions.sync(await accounts.load(), new Set(saved === undefined ? [] : [saved]))
    events.emit('accounts:changed', accounts.summaries())
    return accounts.summaries()
  }
}

function crmPages(
  options: CoreOptions<DemoOffice>,
  deps: { ctx: HandlerContext; preferences: PreferenceStore; log: Logger },
): ScreenPop {
  const { ctx, preferences, log } = deps
  return screenPop({
    preferences: preferences.get,
    calls: (accountId) => ctx.session(accountId).snapshot().calls,
    openInBrowser: options.openInBrowser,
    confirmOrigin: options.confirmOrigin,
    saveOrigin: (origin) => preferences.save({ ...preferences.get(), screenPopOrigin: origin }),
    log,
  })
}

/** Builds the core and hands back its internals too: for `createAppCore` and app/testing.ts. */
export async function wireCore<D extends DemoOffice = DemoOffice>(
  options: CoreOptions<D>,
): Promise<{ core: AppCore; internals: CoreInternals<D> }> {
  const log = options.log ?? createLogger('core')
  const file = new SettingsFile(options.dataDir)
  const { settings, notices } = await loadSettings(file, log)
  const events = new EventHub((error) => log.error('an event listener failed', error))
  const notify = notifier(events, notices)
  const demo = options.demo === false ? null : (options.demo ?? {})
  const accounts = accountList({ settings, secrets: options.secrets, demo, log })
  const { sessions, now } = sessionManager(options, settings, log)
  const requestsOf = (id: string) =>
    sessions.get(id)?.snapshot().requests ?? { lastMinute: 0, total: 0, budgetPerMinute: 0 }
  sessions.on((event) => forwardSessionEvent(event, events, requestsOf))
  // Every saved account passed the settings schema, whose dialects all have a provider.
  await sessions.sync(await accounts.load())
  const changed = accountsChanged({ file, settings, sessions, accounts, events })
  const hasHistory = (id: string) => sessions.get(id)?.capabilities.includes('history') ?? false
  const missed = keepMissedWithoutHistory(events, hasHistory)
  const state = coreState({ sessions, summaries: accounts.summaries, missed })
  const defaultCountry = () => settings.preferences.defaultCountry
  const ctx = handlerContext({
    find: (id) => sessions.get(id),
    defaultCountry,
    now: now ?? Date.now,
  })
  const restartAll = async () => {
    for (const session of sessions.sessions()) await sessions.restart(session.accountId)
  }
  const preferences = preferenceStore({
    settings,
    file,
    events,
    notify,
    log,
    pollingChanged: restartAll,
  })
  const crm = crmPages(options, { ctx, preferences, log })
  events.on(crm.onEvent)
  const handlers = createHandlers({
    ctx,
    info: appInfo(options),
    state,
    summaries: accounts.summaries,
    admin: accountAdmin({ settings, secrets: options.secrets, changed, now }),
    reconnect: (accountId) => sessions.reconnect(accountId),
    crm,
    preferences,
    events,
    diagnostics: options.diagnostics,
    rendererLog: createLogger('renderer'),
    updates: options.updates ?? (() => null),
  })
  const dispatch = createDispatcher(handlers, log)
  const parts = { dispatch, sessions, accounts, events, notices, notify, ctx, state, preferences }
  const core = shellCore({ ...parts, log })
  return { core, internals: { sessions, demo: accounts.demo } }
}

/** What the shell and the bridge see: never the sessions or the demo. */
function shellCore(deps: {
  dispatch: Dispatch
  sessions: SessionManager<RuntimeAccount>
  accounts: AccountList<DemoOffice>
  events: EventHub
  notices: AppCore['notices']
  notify: AppCore['notify']
  ctx: HandlerContext
  state: CoreState
  preferences: PreferenceStore
  log: Logger
}): AppCore {
  const { sessions, accounts, events, notify, state, preferences } = deps
  const requestDial = createDialRequester({
    preferences: preferences.get,
    dialer: () => sessions.sessions()[0],
    ask: (request) => events.emit('dial:request', request),
    notify,
    log: deps.log,
  })
  return {
    dispatch: deps.dispatch,
    events,
    notices: deps.notices,
    signal: (signal) => sessions.signal(signal),
    media: mediaLoader(deps.ctx),
    accountIds: state.accountIds,
    trayState: state.trayState,
    hasLiveCalls: state.hasLiveCalls,
    preferences: preferences.get,
    setPreferences: preferences.set,
    requestDial,
    notify,
    close: async () => {
      await sessions.stop()
      await accounts.demo()?.close()
    },
  }
}

function appInfo(options: CoreOptions<DemoOffice>): AppInfo {
  return {
    name: 'Switchboard',
    version: options.version,
    platform: options.platform ?? process.platform,
    shell: options.shell,
  }
}

export async function createAppCore<D extends DemoOffice = DemoOffice>(
  options: CoreOptions<D>,
): Promise<AppCore> {
  return (await wireCore(options)).core
}
