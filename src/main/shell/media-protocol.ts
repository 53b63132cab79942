/**
 * `switchboard-media://<accountId>/<voicemail|recording>/<id>`: voicemail and
 * recordings streamed to `<audio>` from the core, never as bytes over IPC. Only
 * our own pages may ask (another origin could otherwise probe an account's audio).
 */
import { protocol } from 'electron'
import type { MediaFile } from '../providers/provider'
import { AppError } from '../../shared/result'
import type { Logger } from '../log'
import { isAppUrl, MEDIA_SCHEME } from './app-protocol'
import {
  mediaResponse,
  parseMediaUrl,
  resolveAccountId,
  textResponse,
  type MediaKind,
} from './media-range'

export type MediaLoader = (accountId: string, kind: MediaKind, id: string) => Promise<MediaFile>

/** The request facts the origin check reads (a Fetch API Request has them). */
export interface MediaRequestLike {
  url: string
  method: string
  referrer?: string
  headers: { get(name: string): string | null }
}

/**
 * From one of our pages: Chromium sends the page (or its origin) as referrer
 * and, for CORS-mode loads, an Origin header. No referrer at all is refused.
 */
export function isFromApp(request: MediaRequestLike): boolean {
  const candidates = [
    request.headers.get('origin'),
    request.referrer,
    request.headers.get('referer'),
  ]
  return candidates.some((value) => typeof value === 'string' && isAppUrl(value))
}

export interface MediaCacheOptions {
  max?: number
  ttlMs?: number
  now?: () => number
}

/**
 * `<audio>` asks for the same file several times while it probes and seeks;
 * fetching it from the PBX each time would spend the request budget. A few
 * recent files are kept for a minute; a failed load is not kept.
 */
export function createMediaCache(load: MediaLoader, options: MediaCacheOptions = {}): MediaLoader {
  const max = options.max ?? 3
  const ttlMs = options.ttlMs ?? 60_000
  const now = options.now ?? Date.now
  const entries = new Map<string, { at: number; file: Promise<MediaFile> }>()
  return (accountId, kind, id) => {
    const key = `${accountId}/${kind}/${id}`
    const hit = entries.get(key)
    if (hit && now() - hit.at < ttlMs) return hit.file
    const file = load(accountId, kind, id)
    entries.delete(key)
    entries.set(key, { at: now(), file })
    file.catch(() => entries.delete(key))
    while (entries.size > max) entries.delete(entries.keys().next().value as string)
    return file
  }
}

export interface MediaServerOptions {
  load: MediaLoader
  accountIds: () => readonly string[]
  log?: Logger
}

/** One answer of the media protocol. */
export async function serveMediaRequest(
  request: MediaRequestLike,
  options: MediaServerOptions,
): Promise<Response> {
  if (request.method !== 'GET') return textResponse(405, 'Method not allowed.')
  if (!isFromApp(request)) {
    options.log?.warn('refused a media request that did not come from our own page')
    return textResponse(403, 'Forbidden.')
  }
  const ref = parseMediaUrl(request.url, MEDIA_SCHEME)
  const accountId = ref && resolveAccountId(ref.accountId, options.accountIds())
  if (!ref || !accountId) return textResponse(404, 'Not found.')
  try {
    const file = await options.load(accountId, ref.kind, ref.id)
    return mediaResponse(file, request.headers.get('range'))
  } catch (error) {
    const notFound = error instanceof AppError && error.kind === 'not_found'
    if (!notFound) options.log?.warn(`media could not be loaded (${ref.kind})`, error)
    return textResponse(notFound ? 404 : 502, notFound ? 'Not found.' : 'Not available.')
  }
}

export function setupMediaProtocol(options: MediaServerOptions): void {
  const load = createMediaCache(options.load)
  protocol.handle(MEDIA_SCHEME, (request) => serveMediaRequest(request, { ...options, load }))
}
