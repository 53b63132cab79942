/**
 * Every extension's lamp, keyed by account and extension.
 *
 * The lamps live in a shallow reactive Map, replaced entry by entry: reading one
 * (`entries.get(key)`) depends on that entry alone, so a delta of 100 lamps
 * re-renders the tiles of those 100 and nothing else. The board's order is kept
 * apart from the lamps: names and numbers are sorted again only when the roster
 * changes (an extension comes, goes or is renamed), since sorting 5,000 names that
 * are not plain ASCII takes a collator some 20 ms, far too long for every delta.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowReactive, shallowRef, toRaw } from 'vue'
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

/** As `a.localeCompare(b, undefined, { numeric: true })`, without a collator per call. */
const numeric = new Intl.Collator(undefined, { numeric: true })

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

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

export const usePresenceStore = defineStore('presence', () => {
  const entries = shallowRef(shallowReactive(new Map<string, Presence>()))
  /** Bumped when an extension comes, goes or changes its name: what the order depends on. */
  const roster = ref(0)
  const query = ref('')
  const sort = ref<PresenceSort>('name')
  const onlyFavourites = ref(false)
  /** Only colleagues whose lamp says available: someone to send a call to now. */
  const onlyFree = ref(false)
  const favourites = ref(loadFavourites())
  /** Board sections the agent folded away (for this run). */
  const collapsed = ref<ReadonlySet<string>>(new Set())

  function toggleCollapsed(section: string): void {
    const next = new Set(collapsed.value)
    if (next.has(section)) next.delete(section)
    else next.add(section)
    collapsed.value = next
  }

  function replaceAll(list: Presence[]): void {
    entries.value = shallowReactive(new Map(list.map((p) => [keyOf(p), p])))
    roster.value++
  }

  function apply(accountId: string, changed: Presence[], removed: string[]): void {
    const map = entries.value
    const raw = toRaw(map)
    let moved = removed.length > 0
    for (const p of changed) {
      const key = keyOf(p)
      if (raw.get(key)?.name !== p.name) moved = true
      map.set(key, p)
    }
    for (const extension of removed) map.delete(keyOf({ accountId, extension }))
    if (moved) roster.value++
  }

  function toggleFavourite(entry: Presence): void {
    const next = new Set(favourites.value)
    const key = keyOf(entry)
    if (next.has(key)) next.delete(key)
    else next.add(key)
    favourites.value = next
    localStorage.setItem(FAVOURITES_KEY, JSON.stringify([...next]))
  }

  /** By the entry's key: the board has only keys. */
  function isFavourite(key: string): boolean {
    return favourites.value.has(key)
  }

  /** The lamps without tracking: for orders that depend on the roster alone. */
  function rosterList(): Presence[] {
    void roster.value
    return [...toRaw(entries.value).values()]
  }

  /** Every key by name, or by number; stable sorts, so ties keep the PBX's order. */
  const byName = computed(() =>
    rosterList()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(keyOf),
  )
  const nameRank = computed(() => new Map(byName.value.map((key, i) => [key, i])))
  const byExtension = computed(() =>
    rosterList()
      .sort((a, b) => numeric.compare(a.extension, b.extension))
      .map(keyOf),
  )

  /** What the search and the favourites let through, in name or number order. */
  const matching = computed(() => {
    const keys = sort.value === 'extension' ? byExtension.value : byName.value
    const q = query.value.trim().toLowerCase()
    const only = onlyFavourites.value
    if (!q && !only) return keys
    const digits = q.replace(/[^0-9+*#]/g, '')
    const raw = toRaw(entries.value)
    const wanted = favourites.value
    return keys.filter((key) => {
      const p = raw.get(key)
      if (!p) return false
      if (
        q &&
        !(p.name.toLowerCase().includes(q) || (digits !== '' && p.extension.includes(digits)))
      )
        return false
      return !only || wanted.has(key)
    })
  })

  /**
   * The keys on the board, in order. The same array for as long as the order holds,
   * so a delta that moves nothing leaves the board itself alone.
   */
  const shown = computed<string[]>((previous) => {
    let keys = matching.value
    if (onlyFree.value) {
      // A lamp's change can let a colleague in or out: this reads every lamp.
      const map = entries.value
      void map.size
      const raw = toRaw(map)
      keys = keys.filter((key) => raw.get(key)?.state === 'available')
    }
    if (sort.value === 'state') {
      // By state, then by name: the only order a lamp's change can move.
      const map = entries.value
      void map.size
      const raw = toRaw(map)
      const rank = nameRank.value
      const order = (key: string): number => stateOrder[raw.get(key)?.state ?? 'unknown']
      keys = [...keys].sort((a, b) => order(a) - order(b) || rank.get(a)! - rank.get(b)!)
    }
    return previous && sameKeys(previous, keys) ? previous : keys
  })

  const count = computed(() => entries.value.size)

  return {
    entries,
    query,
    sort,
    onlyFavourites,
    onlyFree,
    favourites,
    collapsed,
    toggleCollapsed,
    shown,
    count,
    replaceAll,
    apply,
    toggleFavourite,
    isFavourite,
    keyOf,
  }
})
