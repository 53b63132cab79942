/**
 * Every extension's lamp, keyed by account and extension. Held in a shallowRef'd
 * Map and replaced entry by entry, so a delta of 100 changes re-renders only the
 * tiles whose entry object changed.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, triggerRef } from 'vue'
import type { Presence, PresenceState } from '../../../shared/model'

export type PresenceSort = 'name' | 'extension' | 'state'

const stateOrder: Record<PresenceState, number> = {
  ringing: 0,
  busy: 1,
  on_hold: 2,
  available: 3,
  dnd: 4,
  unknown: 5,
  offline: 6,
}

const FAVOURITES_KEY = 'switchboard.favourites'

function keyOf(entry: { accountId: string; extension: string }): string {
  return `${entry.accountId}/${entry.extension}`
}

function loadFavourites(): Set<string> {
  try {
    const raw = JSON.parse(localStorage.getItem(FAVOURITES_KEY) ?? '[]') as unknown
    return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [])
  } catch {
    return new Set()
  }
}

export const usePresenceStore = defineStore('presence', () => {
  const entries = shallowRef(new Map<string, Presence>())
  const query = ref('')
  const sort = ref<PresenceSort>('name')
  const onlyFavourites = ref(false)
  const favourites = ref(loadFavourites())

  function replaceAll(list: Presence[]): void {
    entries.value = new Map(list.map((p) => [keyOf(p), p]))
  }

  function apply(accountId: string, changed: Presence[], removed: string[]): void {
    const map = entries.value
    for (const p of changed) map.set(keyOf(p), p)
    for (const extension of removed) map.delete(keyOf({ accountId, extension }))
    triggerRef(entries)
  }

  function toggleFavourite(entry: Presence): void {
    const next = new Set(favourites.value)
    const key = keyOf(entry)
    if (next.has(key)) next.delete(key)
    else next.add(key)
    favourites.value = next
    localStorage.setItem(FAVOURITES_KEY, JSON.stringify([...next]))
  }

  function isFavourite(entry: Presence): boolean {
    return favourites.value.has(keyOf(entry))
  }

  const visible = computed(() => {
    const q = query.value.trim().toLowerCase()
    const digits = q.replace(/[^0-9+*#]/g, '')
    let list = [...entries.value.values()]
    if (q) {
      list = list.filter(
        (p) => p.name.toLowerCase().includes(q) || (digits !== '' && p.extension.includes(digits)),
      )
    }
    if (onlyFavourites.value) list = list.filter((p) => favourites.value.has(keyOf(p)))
    const byName = (a: Presence, b: Presence): number => a.name.localeCompare(b.name)
    const byExtension = (a: Presence, b: Presence): number =>
      a.extension.localeCompare(b.extension, undefined, { numeric: true })
    if (sort.value === 'name') list.sort(byName)
    else if (sort.value === 'extension') list.sort(byExtension)
    else list.sort((a, b) => stateOrder[a.state] - stateOrder[b.state] || byName(a, b))
    return list
  })

  const count = computed(() => entries.value.size)

  return {
    entries,
    query,
    sort,
    onlyFavourites,
    visible,
    count,
    replaceAll,
    apply,
    toggleFavourite,
    isFavourite,
    keyOf,
  }
})
