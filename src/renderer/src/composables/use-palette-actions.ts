/**
 * What a command palette entry does: dial, act on a call, pause or resume a
 * queue, change section or search presence. Failures are said as notices: the
 * call card or queue row they concern may be off screen.
 */
import { sayError } from '../describe-error'
import { useI18n } from 'vue-i18n'
import type { Call, QueueMembership } from '../../../shared/model'
import { invoke } from '../bridge'
import type { PaletteAction } from '../palette'
import { useCallsStore } from '../stores/calls'
import { useNavigationStore } from '../stores/navigation'
import { useNoticesStore } from '../stores/notices'
import { usePresenceStore } from '../stores/presence'
import { useCallActions } from './use-call-actions'
import { useDial } from './use-dial'

/** Where focus goes after a command that changes the screen. */
export function focusAfter(action: PaletteAction): string | undefined {
  if (action.kind === 'go') return `nav [data-screen="${action.screen}"]`
  if (action.kind === 'search') return 'main input[type="search"]'
  return undefined
}

export function usePaletteActions(): { perform: (action: PaletteAction) => Promise<void> } {
  const { t } = useI18n()
  const calls = useCallsStore()
  const navigation = useNavigationStore()
  const notices = useNoticesStore()
  const presence = usePresenceStore()
  const { dial, dialColleague } = useDial()
  const { run: runCallAction } = useCallActions()

  /** A call action's failure is on the call card; say it here too. */
  function failed(call: Call): void {
    const message = calls.failureOf(call)
    if (message) notices.show('error', message)
  }

  async function setPaused(membership: QueueMembership, pause: boolean): Promise<void> {
    const target = { accountId: membership.accountId, queueId: membership.queueId }
    const result = pause
      ? await invoke('queue:pause', target)
      : await invoke('queue:resume', target)
    if (!result.ok) notices.show('error', t('calls.failed', { message: sayError(result.error) }))
    else
      notices.show(
        'info',
        t(pause ? 'palette.paused' : 'palette.resumed', { queue: membership.queueName }),
      )
  }

  async function perform(action: PaletteAction): Promise<void> {
    switch (action.kind) {
      case 'dial':
        await dial(action.number, action.accountId)
        return
      case 'colleague':
        await dialColleague(action.entry)
        return
      case 'call':
        if (!(await runCallAction(action.call, action.action))) failed(action.call)
        return
      case 'transfer':
        if (!(await runCallAction(action.call, 'transfer', action.destination))) failed(action.call)
        return
      case 'queue':
        await setPaused(action.membership, action.pause)
        return
      case 'go':
        navigation.go(action.screen)
        return
      case 'search':
        presence.query = action.text
        navigation.go('presence')
        return
    }
  }

  return { perform }
}
