/** The CRM page for a call (app/screen-pop.ts builds and opens it; the window never sends a URL). */
import type { Handlers } from '../app/dispatch'
import type { ScreenPop } from '../app/screen-pop'

export type CrmHandlers = Pick<Handlers, 'crm:open' | 'crm:confirm'>

export function crmHandlers(crm: Pick<ScreenPop, 'open' | 'confirm'>): CrmHandlers {
  return {
    'crm:open': ({ accountId, callId }) => crm.open(accountId, callId),
    'crm:confirm': () => crm.confirm(),
  }
}
