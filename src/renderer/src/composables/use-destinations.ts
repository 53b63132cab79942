/**
 * Suggestions for a transfer destination as the agent types: colleagues from the
 * presence board (free ones first) and, from three characters on, the PBX phone
 * book. Names are shown as text only; the value is always the number.
 */
import { computed, ref, watch, type ComputedRef, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { PresenceState } from '../../../shared/model'
import { invoke } from '../bridge'
import { useAccountsStore } from '../stores/accounts'
import { usePresenceStore } from '../stores/presence'

export interface Destination {
  number: string
  label: string
}

const MAX = 12
const rank: Partial<Record<PresenceState, number>> = {
  available: 0,
  ringing: 1,
  busy: 2,
  on_hold: 2,
}

export function useDestinations(
  accountId: string,
  typed: Ref<string>,
): { suggestions: ComputedRef<Destination[]> } {
  const { t } = useI18n()
  const presence = usePresenceStore()
  const accounts = useAccountsStore()
  const fromBook = ref<Destination[]>([])
  let timer: ReturnType<typeof setTimeout> | undefined
  let asked = 0

  watch(typed, (text) => {
    clearTimeout(timer)
    const query = text.trim()
    if (query.length < 3 || !accounts.can(accountId, 'contacts')) {
      fromBook.value = []
      return
    }
    timer = setTimeout(() => {
      const mine = ++asked
      void invoke('contacts:search', { accountId, query: query.slice(0, 64) }).then((result) => {
        if (mine !== asked || !result.ok) return
        fromBook.value = result.data.flatMap((c) =>
          c.numbers.map((n) => ({ number: n.number, label: `${c.name} · ${n.label}` })),
        )
      })
    }, 250)
  })

  const suggestions = computed(() => {
    const query = typed.value.trim().toLowerCase()
    const colleagues: Destination[] = []
    for (const entry of presence.entries.values()) {
      if (entry.accountId !== accountId) continue
      if (query && !entry.extension.includes(query) && !entry.name.toLowerCase().includes(query)) {
        continue
      }
      colleagues.push({
        number: entry.extension,
        label: `${entry.name} · ${t(`lamp.${entry.state}`)}`,
      })
      if (colleagues.length > 200) break
    }
    const order = (d: Destination): number => {
      const state = presence.entries.get(presence.keyOf({ accountId, extension: d.number }))?.state
      return state ? (rank[state] ?? 3) : 3
    }
    colleagues.sort((a, b) => order(a) - order(b))
    return [...colleagues.slice(0, MAX), ...fromBook.value.slice(0, MAX)]
  })

  return { suggestions }
}
