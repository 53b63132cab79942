/**
 * The main process's core, with no electron import: settings, accounts and the
 * request handlers of the IPC contract. The Electron shell and the browser bridge
 * both build one of these and connect their transport to `dispatch` and `events`.
 */
import type { AccountConfig } from '../../shared/account-config'
import type { AccountSummary, AppInfo } from '../../shared/model'
import { createLogger, type Logger } from '../log'
import { SettingsFile, type Settings } from '../settings'
import { createDispatcher, type Dispatch, type Handlers } from './dispatch'
import { EventHub } from './events'

export interface CoreOptions {
  dataDir: string
  shell: AppInfo['shell']
  version: string
  platform?: string
  log?: Logger
}

export interface AppCore {
  dispatch: Dispatch
  events: EventHub
  /** Messages for the user about start-up (e.g. a settings file that was set aside). */
  notices: string[]
  close(): Promise<void>
}

/** The account shown when nothing is configured: the embedded demo PBX. */
export const DEMO_ACCOUNT: AccountSummary = {
  id: 'demo',
  dialect: 'pbxcloud',
  displayName: 'Demo office',
  ownExtension: '201',
  demo: true,
}

export function summarise(config: AccountConfig): AccountSummary {
  return {
    id: config.id,
    dialect: config.dialect,
    displayName: config.displayName,
    ownExtension: config.ownExtension,
    demo: false,
  }
}

export function accountSummaries(settings: Settings): AccountSummary[] {
  return settings.accounts.length ? settings.accounts.map(summarise) : [DEMO_ACCOUNT]
}

export async function createAppCore(options: CoreOptions): Promise<AppCore> {
  const log = options.log ?? createLogger('core')
  const settingsFile = new SettingsFile(options.dataDir)
  const loaded = await settingsFile.load()
  const notices: string[] = []
  if (loaded.notice) {
    notices.push(loaded.notice)
    log.warn(loaded.notice)
  }
  const settings = loaded.settings
  const events = new EventHub()

  const info: AppInfo = {
    name: 'Switchboard',
    version: options.version,
    platform: options.platform ?? process.platform,
    shell: options.shell,
  }

  const handlers: Handlers = {
    'app:info': () => info,
    'accounts:list': () => accountSummaries(settings),
    'state:snapshot': () => ({ accounts: accountSummaries(settings) }),
  }

  return {
    dispatch: createDispatcher(handlers, log),
    events,
    notices,
    close: async () => {},
  }
}
