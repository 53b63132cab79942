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
const secrets = new Set<string>()

/** Register a secret value so that it is scrubbed from every later message. */
export function registerSecret(value: string | undefined | null): void {
  // Very short values would mask ordinary words; they are caught by shape instead.
  if (value && value.length >= 4) secrets.add(value)
}

export function forgetSecret(value: string | undefined | null): void {
  if (value) secrets.delete(value)
}

const SENSITIVE_NAMES =
  'key|api_?key|apikey|token|authtoken|access_token|refresh_token|client_secret|secret|password|passwd|pass|pwd|auth'

const queryParam = new RegExp(`([?&;](?:${SENSITIVE_NAMES})=)[^&#\\s"']*`, 'gi')
const jsonField = new RegExp(`("(?:${SENSITIVE_NAMES})"\\s*:\\s*")[^"]*(")`, 'gi')
const authHeader = /\b(authorization\s*[:=]\s*)(bearer|basic)?\s*[^\s,;"']+/gi
const userInfo = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export function redact(text: string): string {
  let out = text
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.replace(new RegExp(escapeRegExp(secret), 'g'), MASK)
    // Secrets also travel URL-encoded in query strings.
    const encoded = encodeURIComponent(secret)
    if (encoded !== secret && out.includes(encoded)) {
      out = out.replace(new RegExp(escapeRegExp(encoded), 'g'), MASK)
    }
  }
  return out
    .replace(queryParam, `$1${MASK}`)
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
