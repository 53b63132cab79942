/**
 * The UI languages and how one is chosen, shared by the window and main (the tray
 * and main's notices speak the window's language, issue 15 finding 9).
 */
export const locales = ['en', 'da', 'ru'] as const
export type Locale = (typeof locales)[number]

/** Pick the UI language: the user's choice, else the OS language, else English. */
export function resolveLocale(preference: string, systemLanguages: readonly string[]): Locale {
  if ((locales as readonly string[]).includes(preference)) return preference as Locale
  for (const tag of systemLanguages) {
    const base = tag.toLowerCase().split('-')[0]
    if (base === 'nb' || base === 'no') continue
    if ((locales as readonly string[]).includes(base ?? '')) return base as Locale
  }
  return 'en'
}
