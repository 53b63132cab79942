/** Theme and language follow the preferences (and the OS when set to "system"). */
import { storeToRefs } from 'pinia'
import { watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { resolveLocale } from '../i18n'
import { usePreferencesStore } from '../stores/preferences'

export function useAppearance(): void {
  const { current } = storeToRefs(usePreferencesStore())
  const { locale } = useI18n()
  watch(
    current,
    (prefs) => {
      if (!prefs) return
      const root = document.documentElement
      if (prefs.theme === 'system') delete root.dataset.theme
      else root.dataset.theme = prefs.theme
      const next = resolveLocale(prefs.language, navigator.languages)
      locale.value = next
      root.lang = next
    },
    { immediate: true },
  )
}
