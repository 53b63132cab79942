/**
 * Parse, validate and normalise a number to dial, typed by the agent or arriving
 * in a `tel:` / `callto:` / `sip:` link from another program. Links are untrusted:
 * this is the one gate between them and the PBX, so anything that is not plainly
 * a phone number is refused with a reason in words and never passed on.
 *
 * Pure and bounded: the input is capped before any parsing, every regular
 * expression is linear, and nothing here throws.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'
import { AppError } from './result'

export type Dialable =
  | { ok: true; number: string; display: string; e164?: string; extension?: string }
  | {
      ok: false
      /** Main's English words, for logs and as detail. */
      reason: string
      /** For the window to say it in the agent's language (`dial.*`, see result.ts). */
      code: string
      params?: Record<string, string | number>
    }

export interface DialableOptions {
  /** ISO 3166 country used to read national numbers, e.g. `DK`. */
  defaultCountry?: string
}

/** Longer input is refused before any parsing, so hostile input costs nothing. */
export const MAX_INPUT_LENGTH = 256
/** Dialable symbols (digits, `*`, `#`) in the number itself. */
export const MAX_DIGITS = 32
const MAX_EXTENSION_DIGITS = 10
/** Up to this many digits without `+` is an internal extension, kept as dialed. */
const MAX_INTERNAL_DIGITS = 6
/** ITU-T E.164 allows at most 15 digits after the `+`. */
const MAX_E164_DIGITS = 15

export const DIAL_SCHEMES = ['tel', 'callto', 'sip'] as const

const schemePattern = /^([A-Za-z][A-Za-z0-9+.-]{0,31}):/
// C0, DEL and C1 controls; a newline in a link is how argument and header injection start.
const controlChars = /[\u0000-\u001f\u007f-\u009f]/
// Characters that change text direction or hide: they make "+45 911" display as something else.
const invisibleChars = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/
// Visual separators people and RFC 3966 put in numbers; they carry no meaning.
const separators = /[ \u00a0\u2007\u2009\u202f\-.()/]/g
const numberPattern = /^\+?[0-9*#]+$/
// A DNS name (labels never start or end with `-`) or a bracketed IP literal, optional port.
const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
const hostPattern = new RegExp(
  `^(?:${label}(?:\\.${label})*\\.?|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?$`,
)

function refuse(reason: string, code: string, params?: Record<string, string | number>): Dialable {
  return params
    ? { ok: false, reason, code: `dial.${code}`, params }
    : { ok: false, reason, code: `dial.${code}` }
}

/** True when the text starts with one of the accepted link schemes (case-insensitive). */
export function hasDialScheme(text: string): boolean {
  const scheme = schemePattern.exec(text.slice(0, 40))?.[1]?.toLowerCase()
  return scheme !== undefined && (DIAL_SCHEMES as readonly string[]).includes(scheme)
}

/**
 * A link (`tel:`, `callto:`, `sip:`) or a bare number as typed by the agent.
 * Use `parseDialLink` where only a link is acceptable (the protocol handler).
 */
export function parseDialable(input: unknown, options: DialableOptions = {}): Dialable {
  try {
    const text = checkText(input)
    if (typeof text !== 'string') return text
    if (schemePattern.test(text)) return parseLinkText(text, options)
    return parseNumberText(text, options)
  } catch {
    // Nothing above should throw; if a library does, the input is refused, not passed on.
    return refuse('The number could not be read.', 'unreadable')
  }
}

/** Only a `tel:`, `callto:` or `sip:` link; a bare number or any other scheme is refused. */
export function parseDialLink(input: unknown, options: DialableOptions = {}): Dialable {
  try {
    const text = checkText(input)
    if (typeof text !== 'string') return text
    if (!schemePattern.test(text))
      return refuse('This is not a tel:, callto: or sip: link.', 'not_a_link')
    return parseLinkText(text, options)
  } catch {
    return refuse('The link could not be read.', 'unreadable')
  }
}

function checkText(input: unknown): string | Dialable {
  if (typeof input !== 'string') return refuse('No number was given.', 'empty')
  if (input.length > MAX_INPUT_LENGTH) {
    return refuse(`The input is longer than ${MAX_INPUT_LENGTH} characters.`, 'too_long', {
      max: MAX_INPUT_LENGTH,
    })
  }
  const text = input.trim()
  if (text === '') return refuse('No number was given.', 'empty')
  return text
}

function parseLinkText(text: string, options: DialableOptions): Dialable {
  const match = schemePattern.exec(text)
  const scheme = match?.[1]?.toLowerCase() ?? ''
  if (!(DIAL_SCHEMES as readonly string[]).includes(scheme)) {
    return refuse('Only tel:, callto: and sip: links can be dialed.', 'scheme')
  }
  let rest = text.slice(scheme.length + 1)
  // `callto://123` is the Skype-era form; some programs also write `tel://123`.
  if ((scheme === 'callto' || scheme === 'tel') && rest.startsWith('//')) rest = rest.slice(2)
  if (rest.includes('?')) return refuse('Links with a query part (?…) are not accepted.', 'query')

  // Decode exactly once: a `%` left afterwards (double encoding) is refused below.
  let decoded: string
  try {
    decoded = decodeURIComponent(rest)
  } catch {
    return refuse('The link has broken percent-encoding.', 'encoding')
  }
  const bad = checkCharacters(decoded)
  if (bad) return bad

  if (scheme === 'sip') {
    const user = sipUserPart(decoded)
    if (typeof user !== 'string') return user
    return parseNumberText(user, options)
  }
  return parseNumberText(decoded, options)
}

/** `sip:user@host;params` → `user`, only when the host part looks like a host. */
function sipUserPart(address: string): string | Dialable {
  const at = address.lastIndexOf('@')
  if (at < 0) {
    // `sip:201` without a host: some click-to-call tools write this.
    return address
  }
  const user = address.slice(0, at)
  const host = address.slice(at + 1).split(';', 1)[0] ?? ''
  if (!hostPattern.test(host)) return refuse('The SIP address has no valid host.', 'sip_host')
  if (user.includes(':'))
    return refuse('SIP links carrying a password are not accepted.', 'sip_password')
  if (user.includes('@')) return refuse('The SIP address is not valid.', 'sip_invalid')
  if (!/^[+0-9*#(]/.test(user.replace(separators, ''))) {
    return refuse('The SIP address is a name, not a number.', 'sip_name')
  }
  return user
}

function checkCharacters(text: string): Dialable | null {
  if (controlChars.test(text))
    return refuse('The number contains control characters.', 'control_chars')
  if (invisibleChars.test(text)) {
    return refuse('The number contains invisible or text-direction characters.', 'invisible_chars')
  }
  return null
}

interface Parameters {
  extension?: string
  context?: string
}

function parseNumberText(text: string, options: DialableOptions): Dialable {
  const bad = checkCharacters(text)
  if (bad) return bad
  const [body = '', ...params] = text.split(';')
  const parsedParams = parseParameters(params)
  if ('ok' in parsedParams) return parsedParams

  let number = body.replace(separators, '')
  if (number === '') return refuse('No number was given.', 'empty')
  if (!numberPattern.test(number)) {
    return refuse('Only the digits 0–9, a leading +, * and # can be dialed.', 'bad_chars')
  }
  const digits = number.replace('+', '').length
  if (digits > MAX_DIGITS)
    return refuse(`The number has more than ${MAX_DIGITS} digits.`, 'too_many_digits', {
      max: MAX_DIGITS,
    })

  // RFC 3966: a local number's phone-context names where it is dialable.
  const context = parsedParams.context
  if (context !== undefined && context.startsWith('+') && !number.startsWith('+')) {
    number = `${context}${number}`
  }
  if (number.startsWith('+') && number.length - 1 > MAX_E164_DIGITS) {
    return refuse(
      `An international number has at most ${MAX_E164_DIGITS} digits.`,
      'e164_too_long',
      {
        max: MAX_E164_DIGITS,
      },
    )
  }
  const extension = parsedParams.extension
  const withExtension = (display: string): string =>
    extension ? `${display} ext. ${extension}` : display

  // Star codes, internal extensions and numbers local to a named domain stay as dialed.
  const local = !number.startsWith('+') && (context !== undefined || digits <= MAX_INTERNAL_DIGITS)
  if (/[*#]/.test(number) || local) {
    return { ok: true, number, display: withExtension(number), ...(extension ? { extension } : {}) }
  }
  const country = normaliseCountry(options.defaultCountry)
  const phone = parsePhoneNumberFromString(number, country ? { defaultCountry: country } : {})
  if (phone?.isPossible()) {
    return {
      ok: true,
      number,
      display: withExtension(phone.formatInternational()),
      e164: phone.number,
      ...(extension ? { extension } : {}),
    }
  }
  // Not a number libphonenumber knows, but only safe characters: the PBX decides.
  return { ok: true, number, display: withExtension(number), ...(extension ? { extension } : {}) }
}

function parseParameters(params: string[]): Parameters | Dialable {
  const out: Parameters = {}
  for (const param of params) {
    const eq = param.indexOf('=')
    const name = (eq < 0 ? param : param.slice(0, eq)).trim().toLowerCase()
    const value = eq < 0 ? '' : param.slice(eq + 1).trim()
    if (name === 'ext') {
      if (out.extension !== undefined)
        return refuse('The extension is given twice.', 'extension_twice')
      const extension = value.replace(separators, '')
      if (!/^[0-9]+$/.test(extension) || extension.length > MAX_EXTENSION_DIGITS) {
        return refuse(
          `The extension must be 1 to ${MAX_EXTENSION_DIGITS} digits.`,
          'extension_length',
          {
            max: MAX_EXTENSION_DIGITS,
          },
        )
      }
      out.extension = extension
    } else if (name === 'phone-context') {
      if (out.context !== undefined)
        return refuse('The phone-context is given twice.', 'context_twice')
      const global = value.replace(separators, '')
      if (/^\+[0-9]{1,15}$/.test(global)) out.context = global
      else if (hostPattern.test(value) && !value.includes(':')) out.context = value.toLowerCase()
      else
        return refuse(
          'The phone-context is neither a +number nor a domain name.',
          'context_invalid',
        )
    } else if (name === 'user' && value.toLowerCase() === 'phone') {
      // `;user=phone` only says the SIP user part is a telephone number.
    } else {
      // Echo the name only when it is a plain token: the reason is shown to the user.
      const shown = /^[a-z0-9-]{1,20}$/.test(name) ? ` "${name}"` : ''
      return refuse(`The link parameter${shown} is not supported.`, 'parameter')
    }
  }
  return out
}

function normaliseCountry(country: string | undefined): CountryCode | undefined {
  // libphonenumber-js checks the code against its metadata; a wrong one just means no default.
  return country && /^[A-Z]{2}$/.test(country) ? (country as CountryCode) : undefined
}

/** A refused number as an error that crosses IPC with its code, for the window's own words. */
export function dialRefused(refusal: Extract<Dialable, { ok: false }>): AppError {
  const detail = refusal.params
    ? { code: refusal.code, params: refusal.params }
    : { code: refusal.code }
  return new AppError('invalid_argument', refusal.reason, undefined, detail)
}
