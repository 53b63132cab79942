/**
 * Call actions with progress and failures in words. The call itself is not
 * changed here: the next push from main shows what really happened.
 */
import { sayError } from '../describe-error'
import { useI18n } from 'vue-i18n'
import type { RequestChannel } from '../../../shared/ipc'
import type { Call } from '../../../shared/model'
import { invoke } from '../bridge'
import { useCallsStore } from '../stores/calls'

type CallAction =
  'hangup' | 'hold' | 'resume' | 'park' | 'pickup' | 'transfer' | 'attended' | 'cancelTransfer'

export function useCallActions(): {
  run: (call: Call, action: CallAction, destination?: string) => Promise<boolean>
} {
  const calls = useCallsStore()
  const { t } = useI18n()

  async function run(call: Call, action: CallAction, destination = ''): Promise<boolean> {
    const ref = { accountId: call.accountId, callId: call.id }
    calls.busy = { ...calls.busy, [call.id]: action }
    delete calls.failures[call.id]
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
    const { [call.id]: _done, ...rest } = calls.busy
    calls.busy = rest
    if (!result.ok) {
      calls.failures = {
        ...calls.failures,
        [call.id]: t('calls.failed', { message: sayError(result.error) }),
      }
    }
    return result.ok
  }

  return { run }
}
