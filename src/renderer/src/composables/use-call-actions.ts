/**
 * Call actions with progress and failures in words. The call itself is not
 * changed here: the next push from main shows what really happened. A transfer,
 * blind or attended, stays "Transferring to …" until the call leaves the agent.
 */
import { sayError } from '../describe-error'
import { useI18n } from 'vue-i18n'
import type { RequestChannel } from '../../../shared/ipc'
import type { Call } from '../../../shared/model'
import { invoke } from '../bridge'
import { useCallsStore } from '../stores/calls'
import { usePresenceStore } from '../stores/presence'

export type CallAction =
  'hangup' | 'hold' | 'resume' | 'park' | 'pickup' | 'transfer' | 'attended' | 'cancelTransfer'

export function useCallActions(): {
  run: (call: Call, action: CallAction, destination?: string) => Promise<boolean>
} {
  const calls = useCallsStore()
  const presence = usePresenceStore()
  const { t } = useI18n()

  /** A colleague's name for a destination that is their extension, else the number typed. */
  function targetName(accountId: string, destination: string): string {
    const entry = presence.entries.get(presence.keyOf({ accountId, extension: destination.trim() }))
    return entry?.name || destination.trim()
  }

  async function run(call: Call, action: CallAction, destination = ''): Promise<boolean> {
    const ref = { accountId: call.accountId, callId: call.id }
    // Hanging up a consultation completes its attended transfer; cancelling ends it.
    if (call.consultFor && (action === 'hangup' || action === 'cancelTransfer'))
      calls.consultStage(call, action === 'hangup' ? 'completing' : 'cancelling')
    calls.setBusy(call, action)
    calls.setFailure(call, null)
    let result
    switch (action) {
      case 'hangup':
      case 'park':
      case 'pickup':
      case 'cancelTransfer':
        result = await invoke(`call:${action}` satisfies RequestChannel, ref)
        break
      case 'hold':
      case 'resume':
        result = await invoke('call:hold', { ...ref, hold: action === 'hold' })
        break
      case 'transfer':
      case 'attended':
        result = await invoke('call:transfer', {
          ...ref,
          destination,
          attended: action === 'attended',
        })
        break
    }
    calls.setBusy(call, null)
    if (!result.ok) {
      calls.setFailure(call, t('calls.failed', { message: sayError(result.error) }))
      if (call.consultFor) calls.consultStage(call, 'consulting')
    } else if (action === 'cancelTransfer') calls.consultCancelled(call)
    else if (action === 'transfer' || action === 'attended') {
      const name = targetName(call.accountId, destination)
      const caller = call.remote.name || call.remote.number
      calls.transferSent(call, name, {
        done: t('flow.transferDone', { name }),
        unconfirmed: t('flow.transferUnconfirmed', { name }),
        ...(action === 'attended'
          ? { consultEnded: t('callFlow.consultEnded', { name, caller }) }
          : {}),
      })
    }
    return result.ok
  }

  return { run }
}
