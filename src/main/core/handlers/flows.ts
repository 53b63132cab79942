/**
 * Company-wide day/night flows: a list a window reads when it wants it (a read,
 * no calls poll; not part of the snapshot). Switching one is a command; the
 * fresh list it reads back goes to every window.
 */
import { need } from '../../providers/facets'
import type { Flow } from '../../../shared/model'
import type { Handlers } from '../app/dispatch'
import type { HandlerContext } from './context'

export type FlowHandlers = Pick<Handlers, 'flows:list' | 'flow:set'>

export function flowHandlers(
  ctx: HandlerContext,
  changed: (accountId: string, flows: Flow[]) => void,
): FlowHandlers {
  return {
    'flows:list': ({ accountId }) => ctx.session(accountId).read((p) => need(p, 'flows')()),
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
