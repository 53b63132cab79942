/**
 * The tray's words in each UI language (issue 15, finding 9). Main builds the tray
 * and cannot import the window's locale files, so the few words it needs live
 * here, typed against English: a missing word is a type error.
 */
import type { ConnectionDetail } from './model'
import { resolveLocale, type Locale } from './locale'

export type TrayLevel = 'online' | 'trouble' | 'signed-out'

export interface TrayWords {
  locale: Locale
  detail: Record<ConnectionDetail, string>
  state: Record<TrayLevel, string>
  /** By plural category (`Intl.PluralRules`); `{count}` is replaced. */
  missed: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }
  /** New voicemail messages, by plural category like `missed`. */
  voicemail: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }
  notLive: string
  noAccount: string
  dialClipboard: string
  recentCalls: string
  open: string
  quit: string
  /** The OS notification when the window first hides to the tray. */
  trayHint: string
  /** Around an incoming call's data in its OS notification. */
  incomingCall: string
  via: string
}

const en: TrayWords = {
  locale: 'en',
  detail: {
    online: 'online',
    slow: 'online, slow to answer',
    connecting: 'connecting…',
    rate_limited: 'paused: too many requests',
    offline: 'offline, retrying',
    signed_out: 'signed out',
    stopped: 'stopped',
    unreadable: 'the PBX sent an answer Switchboard cannot read',
    certificate_changed: 'the PBX certificate changed: review it in Settings',
  },
  state: { online: 'online', trouble: 'connection trouble', 'signed-out': 'signed out' },
  missed: { one: '{count} missed call', other: '{count} missed calls' },
  voicemail: { one: '{count} new voicemail', other: '{count} new voicemails' },
  notLive: 'not live, last updated {time}',
  noAccount: 'No account set up',
  dialClipboard: 'Dial from clipboard',
  recentCalls: 'Recent calls',
  open: 'Open Switchboard',
  quit: 'Quit Switchboard',
  trayHint: 'Switchboard keeps running in the tray: calls still pop up. Quit from the tray menu.',
  incomingCall: 'Incoming call',
  via: 'via',
}

const da: TrayWords = {
  locale: 'da',
  detail: {
    online: 'online',
    slow: 'online, svarer langsomt',
    connecting: 'forbinder…',
    rate_limited: 'på pause: for mange forespørgsler',
    offline: 'offline, prøver igen',
    signed_out: 'logget ud',
    stopped: 'stoppet',
    unreadable: 'PBX’en sendte et svar, Switchboard ikke kan læse',
    certificate_changed: 'PBX’ens certifikat er ændret: gennemse det under Indstillinger',
  },
  state: { online: 'online', trouble: 'forbindelsesproblemer', 'signed-out': 'logget ud' },
  missed: { one: '{count} ubesvaret opkald', other: '{count} ubesvarede opkald' },
  voicemail: { one: '{count} ny talebesked', other: '{count} nye talebeskeder' },
  notLive: 'ikke live, sidst opdateret {time}',
  noAccount: 'Ingen konto sat op',
  dialClipboard: 'Ring op fra udklipsholderen',
  recentCalls: 'Seneste opkald',
  open: 'Åbn Switchboard',
  quit: 'Afslut Switchboard',
  trayHint: 'Switchboard kører videre i bakken: opkald vises stadig. Afslut fra menuen i bakken.',
  incomingCall: 'Indgående opkald',
  via: 'via',
}

const ru: TrayWords = {
  locale: 'ru',
  detail: {
    online: 'в сети',
    slow: 'в сети, отвечает медленно',
    connecting: 'подключение…',
    rate_limited: 'пауза: слишком много запросов',
    offline: 'нет связи, повтор',
    signed_out: 'вход не выполнен',
    stopped: 'остановлено',
    unreadable: 'АТС прислала ответ, который Switchboard не может прочитать',
    certificate_changed: 'сертификат АТС изменился: проверьте его в настройках',
  },
  state: { online: 'в сети', trouble: 'проблемы со связью', 'signed-out': 'вход не выполнен' },
  missed: {
    one: '{count} пропущенный звонок',
    few: '{count} пропущенных звонка',
    many: '{count} пропущенных звонков',
    other: '{count} пропущенного звонка',
  },
  voicemail: {
    one: '{count} новое голосовое сообщение',
    few: '{count} новых голосовых сообщения',
    many: '{count} новых голосовых сообщений',
    other: '{count} нового голосового сообщения',
  },
  notLive: 'не в реальном времени, обновлено в {time}',
  noAccount: 'Нет учётной записи',
  dialClipboard: 'Позвонить по номеру из буфера',
  recentCalls: 'Недавние звонки',
  open: 'Открыть Switchboard',
  quit: 'Выйти из Switchboard',
  trayHint:
    'Switchboard продолжает работать в трее: звонки по-прежнему всплывают. Выйти можно из меню трея.',
  incomingCall: 'Входящий звонок',
  via: 'через',
}

export const trayWords: Record<Locale, TrayWords> = { en, da, ru }

/** The words main uses, in the window's language (the agent's choice, else the system's). */
export function wordsFor(preference: string, systemLanguages: readonly string[]): TrayWords {
  return trayWords[resolveLocale(preference, systemLanguages)]
}

/** "3 missed calls" in the words' language, with its plural rules. */
export function missedWords(words: TrayWords, count: number): string {
  return counted(words, words.missed, count)
}

/** "2 new voicemails" in the words' language, with its plural rules. */
export function voicemailWords(words: TrayWords, count: number): string {
  return counted(words, words.voicemail, count)
}

function counted(words: TrayWords, forms: TrayWords['missed'], count: number): string {
  const category = new Intl.PluralRules(words.locale).select(count)
  return (forms[category] ?? forms.other).replace('{count}', String(count))
}
