/**
 * The words of the presence board, looked up once per language instead of once per
 * tile: vue-i18n's t() is dear (a message context per call), and a board of tiles
 * called it six times a tile on every mount and every change. A message with one
 * named value is looked up once with a marker as the value and filled in by splitting
 * around it, which gives the very string t() would.
 */
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { presenceStates, type PresenceState } from '../../../shared/model'

export interface PresenceText {
  /** A state in words: "Available", "Do not disturb", … */
  state: Readonly<Record<PresenceState, string>>
  /** "Call {name}" (the tile's main button). */
  call: (name: string) => string
  /** "Favourite: {name}" (the star). */
  favourite: (name: string) => string
  /** "Actions for {name}" (the ⋯ button). */
  actions: (name: string) => string
  /** "with {partner}". */
  withPartner: (partner: string) => string
  /** "you": marks the agent's own tile. */
  you: string
}

/** Never in a message (a private-use character, as the palette's `withSlot` uses). */
const MARK = '\uE000'

function filler(message: string): (value: string) => string {
  const parts = message.split(MARK)
  return (value) => parts.join(value)
}

/** Built once per language and kept: the board asks for them on every mount. */
const byLocale = new Map<string, PresenceText>()

/** Follows the language (t() and `locale` are reactive); the same object while it holds. */
export function usePresenceText(): ComputedRef<PresenceText> {
  const { t, locale } = useI18n()
  return computed(() => {
    const known = byLocale.get(locale.value)
    if (known) return known
    const state = {} as Record<PresenceState, string>
    for (const s of presenceStates) state[s] = t(`lamp.${s}`)
    const text: PresenceText = {
      state,
      call: filler(t('presence.callName', { name: MARK })),
      favourite: filler(t('presence.favourite', { name: MARK })),
      actions: filler(t('tileMenu.label', { name: MARK })),
      withPartner: filler(t('presence.with', { partner: MARK })),
      you: t('flow.you'),
    }
    byLocale.set(locale.value, text)
    return text
  })
}
