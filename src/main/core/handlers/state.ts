/** What a window asks first: who we are, and the whole picture it starts from. */
import type { StateSnapshot } from '../../../shared/ipc'
import type { AppInfo } from '../../../shared/model'
import type { Handlers } from '../app/dispatch'

export type StateHandlers = Pick<Handlers, 'app:info' | 'state:snapshot'>

export function stateHandlers(
  info: AppInfo,
  snapshot: () => Promise<StateSnapshot>,
): StateHandlers {
  return {
    'app:info': () => info,
    'state:snapshot': () => snapshot(),
  }
}
