/**
 * vue-i18n set-up. English is the source; Danish and Russian are typed against it,
 * so a missing key is a type error, and a unit test also compares the key sets.
 */
import { createI18n } from 'vue-i18n'
import en from './en'
import da from './da'
import ru from './ru'
import type { Locale } from '../../../shared/locale'

export type MessageSchema = typeof en
export { locales, resolveLocale, type Locale } from '../../../shared/locale'
export const messages: Record<Locale, MessageSchema> = { en, da, ru }

/** The window's i18n (the last one created: one per window, one per mounted test). */
let active: ReturnType<typeof createAppI18n> | null = null

/** Translate with the window's current language, for code outside components (stores). */
export function translate(key: string, params: Record<string, unknown> = {}): string {
  return active ? active.global.t(key, params) : key
}

export function createAppI18n(locale: Locale = 'en') {
  const i18n = createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
    missingWarn: false,
    fallbackWarn: false,
  })
  active = i18n
  return i18n
}
