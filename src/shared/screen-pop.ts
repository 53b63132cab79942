/**
 * The screen-pop URL: a CRM page the app opens with the caller's number filled
 * in. The user gives a template such as `https://crm.example.com/find?phone={number}`;
 * the app builds the URL itself, so only https pages on the host the user
 * confirmed are ever opened, and the number is always percent-encoded.
 */

export const NUMBER_PLACEHOLDER = '{number}'
const MAX_TEMPLATE = 500

export type TemplateCheck =
  | { ok: true; origin: string }
  | { ok: false; reason: 'not_https' | 'no_placeholder' | 'malformed' | 'credentials' | 'too_long' }

/** Whether a template can be used, and the origin the user is asked to confirm. */
export function checkTemplate(template: string): TemplateCheck {
  if (template.length > MAX_TEMPLATE) return { ok: false, reason: 'too_long' }
  if (!template.includes(NUMBER_PLACEHOLDER)) return { ok: false, reason: 'no_placeholder' }
  // Parsed as a URL with two different numbers in it: the placeholder may sit in
  // the path, query or fragment, never in the host (`https:{number}.x/` has it there
  // though no `//` says so), so both must parse to the same origin.
  const url = parseOrNull(template.replaceAll(NUMBER_PLACEHOLDER, '0'))
  const other = parseOrNull(template.replaceAll(NUMBER_PLACEHOLDER, '%2B1'))
  if (!url) return { ok: false, reason: 'malformed' }
  if (url.protocol !== 'https:') return { ok: false, reason: 'not_https' }
  if (url.username || url.password) return { ok: false, reason: 'credentials' }
  if (!other || other.origin !== url.origin) return { ok: false, reason: 'malformed' }
  return { ok: true, origin: url.origin }
}

/**
 * The URL for `number`, or null when the template is unusable or its origin is not
 * the confirmed one (a template edited by hand in the settings file).
 */
export function buildScreenPopUrl(
  template: string,
  confirmedOrigin: string,
  number: string,
): string | null {
  const check = checkTemplate(template)
  if (!check.ok || check.origin !== confirmedOrigin) return null
  const digits = number.replace(/[^0-9+*#]/g, '').slice(0, 32)
  if (!digits) return null
  const url = parseOrNull(template.replaceAll(NUMBER_PLACEHOLDER, encodeURIComponent(digits)))
  return url?.origin === confirmedOrigin && url.protocol === 'https:' ? url.toString() : null
}

function parseOrNull(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}
