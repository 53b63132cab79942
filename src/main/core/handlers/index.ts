/**
 * The request handlers of the IPC contract, one file per domain, spread into one
 * object here. Arguments arrive validated by the dispatcher (app/dispatch.ts);
 * the `Handlers` return type fails to compile while a channel has no handler.
 */
import type { AccountSummary, AppInfo } from '../../../shared/model'
import type { Logger } from '../../log'
import type { AccountAdmin } from '../app/account-admin'
import type { CoreState } from '../app/core-state'
import type { DiagnosticsSource } from '../app/diagnostics'
import type { Handlers } from '../app/dispatch'
import type { PreferenceStore } from '../app/preferences'
import type { ScreenPop } from '../app/screen-pop'
import type { EventHub } from '../events'
import { accountHandlers } from './accounts'
import { callHandlers } from './calls'
import { chatHandlers } from './chat'
import { colleagueCallHandlers } from './colleague-calls'
import { ContactLedger } from './contact-ledger'
import { contactHandlers } from './contacts'
import type { HandlerContext } from './context'
import { crmHandlers } from './crm'
import { diagnosticsHandlers } from './diagnostics'
import { flowHandlers } from './flows'
import { historyHandlers } from './history'
import { queueHandlers } from './queues'
import { settingsHandlers } from './settings'
import { stateHandlers } from './state'
import { updateHandlers, type UpdateControl } from './updates'
import { voicemailHandlers } from './voicemail'

export interface HandlerDeps {
  ctx: HandlerContext
  info: AppInfo
  state: Pick<CoreState, 'snapshot' | 'statuses'>
  summaries(): AccountSummary[]
  admin: AccountAdmin
  reconnect(accountId: string): Promise<void>
  crm: ScreenPop
  preferences: PreferenceStore
  events: EventHub
  diagnostics: DiagnosticsSource | undefined
  rendererLog: Logger
  updates(): UpdateControl | null
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { ctx, events } = deps
  const ledger = new ContactLedger()
  return {
    ...stateHandlers(deps.info, deps.state.snapshot),
    ...accountHandlers(ctx, deps),
    ...callHandlers(ctx),
    ...colleagueCallHandlers(ctx, ledger),
    ...queueHandlers(ctx),
    ...flowHandlers(ctx, (accountId, flows) => events.emit('flows:changed', { accountId, flows })),
    ...voicemailHandlers(ctx),
    ...historyHandlers(ctx),
    ...contactHandlers(ctx, events, ledger),
    ...chatHandlers(ctx),
    ...crmHandlers(deps.crm),
    ...settingsHandlers(deps.preferences),
    ...diagnosticsHandlers({
      info: deps.info,
      summaries: deps.summaries,
      statuses: deps.state.statuses,
      ...(deps.diagnostics ? { source: deps.diagnostics } : {}),
      rendererLog: deps.rendererLog,
    }),
    ...updateHandlers(deps.updates),
  }
}
