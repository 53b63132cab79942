/** The screens to offer in the navigation and the command palette (screen-rules.ts). */
import { computed, type ComputedRef } from 'vue'
import { shownScreens } from '../screen-rules'
import { useAccountsStore } from '../stores/accounts'
import { useCallsStore } from '../stores/calls'
import type { Screen } from '../stores/navigation'

export function useShownScreens(): ComputedRef<Screen[]> {
  const accounts = useAccountsStore()
  const calls = useCallsStore()
  return computed(() =>
    shownScreens(
      accounts.accounts.map((a) => accounts.capabilities[a.id] ?? []),
      calls.missedSeen.length,
    ),
  )
}
