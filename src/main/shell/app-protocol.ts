/**
 * The renderer is served from `app://switchboard/`, not `file://`: on a file://
 * page `'self'` in the CSP covers every local file, and any file the page can
 * name is readable. A privileged custom scheme gives the bundle its own origin,
 * a CSP response header, and nothing outside out/renderer.
 */
import { protocol } from 'electron'
import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

export const APP_SCHEME = 'app'
export const APP_HOST = 'switchboard'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`
export const POPUP_URL = `${APP_INDEX_URL}#popup`
export const MEDIA_SCHEME = 'switchboard-media'

export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  `media-src 'self' ${MEDIA_SCHEME}:`,
  "object-src 'none'",
  "base-uri 'none'",
  "connect-src 'self'",
  "form-action 'none'",
].join('; ')

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
}

export function contentTypeOf(path: string): string {
  return contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * True for our own origin. Compared by parts: WHATWG URL gives a non-special
 * scheme the opaque origin "null", so `new URL(x).origin` cannot be used.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
  } catch {
    return false
  }
}

/**
 * The file under `root` a request names, or null when it names anything else:
 * another host, an encoded `..`, a NUL byte, a backslash (a separator on Windows).
 */
export function resolveAppFile(root: string, url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\')) return null
  if (path === '/' || path === '') path = '/index.html'
  const base = resolve(root)
  const file = resolve(base, `.${path}`)
  return file.startsWith(base + sep) ? file : null
}

function answer(status: number, body: Buffer | null, type?: string): Response {
  const headers: Record<string, string> = {
    'Content-Security-Policy': APP_CSP,
    'X-Content-Type-Options': 'nosniff',
  }
  if (type) headers['Content-Type'] = type
  return new Response(body === null ? null : new Uint8Array(body), { status, headers })
}

/** One answer of the app protocol; `read` is injectable for tests. */
export async function serveAppRequest(
  root: string,
  request: { url: string; method: string },
  read: (path: string) => Promise<Buffer> = readFile,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, null)
  const file = resolveAppFile(root, request.url)
  if (!file) return answer(404, null)
  try {
    const data = await read(file)
    return answer(200, request.method === 'HEAD' ? null : data, contentTypeOf(file))
  } catch {
    return answer(404, null)
  }
}

/**
 * Before `app.whenReady()`, and only once: both schemes are secure (so
 * `'self'`, cookies-less fetch and media work as on https) and standard (so
 * relative URLs resolve). The media scheme streams, which `<audio>` seeking needs.
 */
export function registerAppSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
    {
      scheme: MEDIA_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    },
  ])
}

/** After ready: serve out/renderer under app://switchboard/. */
export function setupAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request))
}
