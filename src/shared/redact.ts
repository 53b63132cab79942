/**
 * The one redaction helper. The logger and every error that may carry a URL or a
 * response excerpt pass text through `redact()` before it goes anywhere.
 *
 * Two layers: every secret value the main process holds is registered here and
 * replaced wherever it appears; and anything that looks like a credential in a
 * URL query, an Authorization header or a JSON field is masked by shape, so an
 * unregistered secret is still caught.
 */

const MASK = '[redacted]'
/** Each secret with the patterns of every form it travels in. */
const secrets = new Map<string, RegExp[]>()
/** The current value of each rotating secret (an access token), by slot. */
const rotating = new Map<string, string>()

/** Below this length a secret is masked only as a whole token, not inside words. */
const SHORT = 4

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The forms a secret takes on the way out: as is, URL-encoded (a query),
 * form-encoded (`+` for spaces, a POST body), and JSON-escaped once or twice.
 */
function formsOf(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1)
  const forms = new Set([
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    json,
    // JSON inside a JSON string (a logged request body).
    JSON.stringify(json).slice(1, -1),
  ])
  return [...forms]
}

function patternsOf(value: string): RegExp[] {
  return formsOf(value).map((form) =>
    value.length < SHORT
      ? new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(form)}(?![A-Za-z0-9])`, 'g')
      : new RegExp(escapeRegExp(form), 'g'),
  )
}

/** Register a secret value so that it is scrubbed from every later message. */
export function registerSecret(value: string | undefined | null): void {
  if (value && !secrets.has(value)) secrets.set(value, patternsOf(value))
}

export function forgetSecret(value: string | undefined | null): void {
  if (value) secrets.delete(value)
}

/**
 * A secret that is replaced over time (an access token): registering a new value
 * for the same slot forgets the old one, so a long run does not keep every token
 * it ever had. `slot` names the holder, e.g. `restv1-token:<accountId>`.
 */
export function registerRotatingSecret(slot: string, value: string | undefined | null): void {
  const previous = rotating.get(slot)
  if (previous === value) return
  if (previous !== undefined) forgetSecret(previous)
  if (value) {
    rotating.set(slot, value)
    registerSecret(value)
  } else rotating.delete(slot)
}

/** How many secrets are registered (for tests of forgetting). */
export function registeredSecretCount(): number {
  return secrets.size
}

const SENSITIVE_NAMES =
  'key|api_?key|apikey|token|authtoken|access_token|refresh_token|client_secret|secret|password|passwd|pass|pwd|auth'

// A query (`?key=`), a form body (`key=…&`, at the start or after a space) or `;key=`.
const queryParam = new RegExp(`((?:^|[?&;\\s(,])(?:${SENSITIVE_NAMES})=)[^&#\\s"']*`, 'gim')
// A JSON string value, escaped quotes included; also inside JSON-escaped JSON (`\\"key\\":`).
const jsonField = new RegExp(`("(?:${SENSITIVE_NAMES})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*(")`, 'gi')
const escapedJsonField = new RegExp(
  `(\\\\"(?:${SENSITIVE_NAMES})\\\\"\\s*:\\s*\\\\")(?:[^"\\\\]|\\\\[^"])*(\\\\")`,
  'gi',
)
const authHeader = /\b(authorization\s*[:=]\s*)(bearer|basic)?\s*[^\s,;"']+/gi
const userInfo = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi

export function redact(text: string): string {
  let out = text
  // Longest first, so a secret that contains another is masked whole.
  const ordered = [...secrets].sort((a, b) => b[0].length - a[0].length)
  for (const [, patterns] of ordered) {
    for (const pattern of patterns) out = out.replace(pattern, MASK)
  }
  return out
    .replace(queryParam, `$1${MASK}`)
    .replace(escapedJsonField, `$1${MASK}$2`)
    .replace(jsonField, `$1${MASK}$2`)
    .replace(authHeader, (_m, head: string, scheme: string | undefined) =>
      scheme ? `${head}${scheme} ${MASK}` : `${head}${MASK}`,
    )
    .replace(userInfo, `$1${MASK}@`)
}

/** A short, secret-free excerpt of an untrusted body, for error messages. */
export function excerpt(body: string, max = 80): string {
  const flat = body.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  const cut = flat.length > max ? `${flat.slice(0, max)}…` : flat
  return redact(cut)
}
