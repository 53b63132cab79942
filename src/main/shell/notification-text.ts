/**
 * The incoming-call notification's title and body, built from untrusted PBX data
 * (caller name, number, queue name). Pure, no electron import: the shell module
 * that shows the notification only passes these strings on.
 *
 * - Control characters and line breaks become spaces, so a name cannot fake extra lines.
 * - Bidi overrides, isolates and invisible characters are removed: a right-to-left
 *   override can make "+45 112" read as another number.
 * - Each field is capped, cut on a whole character (emoji and flags stay whole).
 * - On Linux the body is escaped: the freedesktop notification spec lets servers read
 *   the body as markup (`<b>`, `<a href>`, `<img>`), while the summary (title) is
 *   plain text by the same spec and is shown literally, so escaping it would show
 *   `&amp;` to the user. Other platforms show both as plain text.
 */

import { capText, cleanText } from '../../shared/untrusted-text'

export { capText, cleanText }

export interface IncomingCallText {
  /** Caller name from the PBX (caller id / phonebook); untrusted. */
  name?: string | null
  /** Caller number; untrusted. */
  number?: string | null
  /** Queue or group the call came through; untrusted. */
  queue?: string | null
}

export interface NotificationText {
  title: string
  body: string
}

export interface NotificationTextOptions {
  /** `process.platform`; only `linux` gets markup escaping. */
  platform: NodeJS.Platform
  /** Words around the data, from the UI language; trusted. */
  labels?: { incomingCall: string; via: string }
}

export const MAX_NAME_LENGTH = 64
export const MAX_NUMBER_LENGTH = 40
export const MAX_QUEUE_LENGTH = 48

const defaultLabels = { incomingCall: 'Incoming call', via: 'via' }

/** Escape the five characters the notification markup subset gives meaning to. */
export function escapeMarkup(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

export function incomingCallText(
  call: IncomingCallText,
  options: NotificationTextOptions,
): NotificationText {
  const labels = options.labels ?? defaultLabels
  const name = capText(cleanText(call.name), MAX_NAME_LENGTH)
  const number = capText(cleanText(call.number), MAX_NUMBER_LENGTH)
  const queue = capText(cleanText(call.queue), MAX_QUEUE_LENGTH)

  const title = name || number || labels.incomingCall
  const parts: string[] = []
  if (name && number) parts.push(number)
  if (!name && !number) parts.push(labels.incomingCall)
  if (queue) parts.push(`${labels.via} ${queue}`)
  const body = parts.join(' · ') || labels.incomingCall

  return { title, body: options.platform === 'linux' ? escapeMarkup(body) : body }
}

export interface NewVoicemailText {
  /** Caller name and number from the PBX; untrusted. */
  name?: string | null
  number?: string | null
  durationSec: number
}

/** "New voicemail" over who left it and how long it is ("Anna Berg (+45 …) · 0:42"). */
export function newVoicemailText(
  voicemail: NewVoicemailText,
  options: { platform: NodeJS.Platform; title?: string },
): NotificationText {
  const name = capText(cleanText(voicemail.name), MAX_NAME_LENGTH)
  const number = capText(cleanText(voicemail.number), MAX_NUMBER_LENGTH)
  const who = name && number ? `${name} (${number})` : name || number
  const seconds = Math.max(0, Math.round(voicemail.durationSec))
  const length = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
  const body = who ? `${who} · ${length}` : length
  return {
    title: options.title ?? 'New voicemail',
    body: options.platform === 'linux' ? escapeMarkup(body) : body,
  }
}
