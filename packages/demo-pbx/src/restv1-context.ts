/** What a REST handler gets and gives back, and the helpers every handler shares. */
import { RestError } from './restv1-auth'
import type { RestIds } from './restv1-ids'
import type { PbxState } from './pbx-state'
import type { SimCall } from './pbx-types'

export interface Reply {
  status: number
  json?: unknown
  /** Binary answers (audio); `type` is then the content type. */
  raw?: Buffer
  type?: string
  headers?: Record<string, string>
}

/** Per-extension chat marks the seed's PUT/DELETE set (the shared chat has no such notion). */
export interface ChatMarks {
  readUpTo: Map<string, number>
  deletedUpTo: Map<string, number>
}

export interface RestCtx {
  pbx: PbxState
  ids: RestIds
  tenant: string
  /** The PBX's numeric client (account) id. */
  clientNumId: number
  /** `{name}` parts of the matched path. */
  params: Record<string, string>
  query: URLSearchParams
  body: Buffer
  chat: ChatMarks
  /** The live calls one current_calls list shows (the face decides). */
  listedCalls: (calls: SimCall[]) => SimCall[]
}

export const ok = (json: unknown): Reply => ({ status: 200, json })
export const created = (json: unknown): Reply => ({ status: 201, json })
export const noContent = (): Reply => ({ status: 204 })

export function param(ctx: RestCtx, name: string): string {
  return ctx.params[name] ?? ''
}

/** The JSON object body of a PUT or POST (400 when it is not one). */
export function jsonBody(ctx: RestCtx): Record<string, unknown> {
  const text = ctx.body.toString('utf8').trim()
  if (text === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new RestError(400, 'Request body is not valid JSON')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RestError(400, 'Request body must be a JSON object')
  }
  return parsed as Record<string, unknown>
}

function positiveInt(raw: string | null, field: string, fallback: number, max: number): number {
  if (raw === null || raw === '') return fallback
  if (!/^\d{1,6}$/.test(raw)) throw new RestError(400, `Invalid ${field}`)
  const n = Number(raw)
  if (n < 1 || n > max) throw new RestError(400, `Invalid ${field}`)
  return n
}

export const maxPerPage = 500

/** One page of `items`, with the total in `X-Total-Count`. */
export function paged(ctx: RestCtx, items: readonly unknown[]): Reply {
  const page = positiveInt(ctx.query.get('page'), 'page', 1, 1_000_000)
  const perPage = positiveInt(ctx.query.get('per_page'), 'per_page', 50, maxPerPage)
  const start = (page - 1) * perPage
  return {
    status: 200,
    json: items.slice(start, start + perPage),
    headers: {
      'X-Total-Count': String(items.length),
      'X-Page': String(page),
      'X-Per-Page': String(perPage),
    },
  }
}
