/**
 * "Open in CRM" for a call: main builds the URL from the confirmed template and
 * opens it in the user's browser; in the browser shell it hands the URL back and
 * the page opens it in a new tab, without access to this one.
 */
import { sayError } from '../describe-error'
import { computed, type ComputedRef } from 'vue'
import type { Call } from '../../../shared/model'
import { invoke } from '../bridge'
import { useNoticesStore } from '../stores/notices'
import { usePreferencesStore } from '../stores/preferences'

export function useScreenPop(): {
  available: ComputedRef<boolean>
  open: (call: Call) => Promise<void>
} {
  const preferences = usePreferencesStore()
  const notices = useNoticesStore()
  const available = computed(() => !!preferences.current?.screenPopUrl)

  async function open(call: Call): Promise<void> {
    const result = await invoke('crm:open', { accountId: call.accountId, callId: call.id })
    if (!result.ok) return notices.show('error', sayError(result.error))
    if (!result.data.opened) window.open(result.data.url, '_blank', 'noopener,noreferrer')
  }

  return { available, open }
}
