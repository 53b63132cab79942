/**
 * The text-field context menu's words in each UI language. Electron's menu roles
 * carry English labels of their own on every OS, so main labels them itself,
 * as it does the tray (tray-words.ts), typed against English: a missing word is
 * a type error.
 */
import { resolveLocale, type Locale } from './locale'

export interface ContextMenuWords {
  undo: string
  redo: string
  cut: string
  copy: string
  paste: string
  selectAll: string
}

export const contextMenuWords: Record<Locale, ContextMenuWords> = {
  en: {
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
  },
  da: {
    undo: 'Fortryd',
    redo: 'Gentag',
    cut: 'Klip',
    copy: 'Kopiér',
    paste: 'Sæt ind',
    selectAll: 'Vælg alt',
  },
  ru: {
    undo: 'Отменить',
    redo: 'Повторить',
    cut: 'Вырезать',
    copy: 'Копировать',
    paste: 'Вставить',
    selectAll: 'Выделить всё',
  },
}

/** In the window's language: the agent's choice, else the system's. */
export function contextMenuWordsFor(
  preference: string,
  systemLanguages: readonly string[],
): ContextMenuWords {
  return contextMenuWords[resolveLocale(preference, systemLanguages)]
}
