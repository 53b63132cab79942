/**
 * Company-wide day/night flows. Switching one is a command; the fresh list it
 * reads back goes to every window.
 */
import { need } from '../../providers/facets'
import type { Flow } from '../../../shared/model'
import type { Handlers } from '../app/dispatch'
import type { HandlerContext } from './context'

export type FlowHandlers = Pick<Handlers, 'flow:set'>

export function flowHandlers(
  ctx: HandlerContext,
  changed: (accountId: string, flows: Flow[]) => void,
): FlowHandlers {
  return {
    'flow:set': async ({ accountId, flowId, active }) => {
      const flows = await ctx.session(accountId).command(async (p) => {
        await need(p, 'setFlow')(flowId, active)
        return need(p, 'flows')()
      })
      changed(accountId, flows)
      return null
    },
  }
}
