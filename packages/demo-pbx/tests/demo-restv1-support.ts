/**
 * Plain `fetch` against the demo PBX's REST API ver1.0 face, written from
 * docs/dialects/restv1.md (never from provider code).
 */
import type { DemoPbx } from '../src/testing'

export interface RestAnswer {
  status: number
  headers: Headers
  bytes: Buffer
  text: string
  /** Parsed JSON body, `undefined` when empty or not JSON. */
  json: unknown
}

async function read(res: Response): Promise<RestAnswer> {
  const bytes = Buffer.from(await res.arrayBuffer())
  const text = bytes.toString('utf8')
  let json: unknown
  if ((res.headers.get('content-type') ?? '').includes('json') && text !== '') {
    json = JSON.parse(text)
  }
  return { status: res.status, headers: res.headers, bytes, text, json }
}

export async function tokenRequest(
  pbx: DemoPbx,
  fields: Record<string, string> = {},
): Promise<RestAnswer> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: pbx.restv1.clientId,
    client_secret: pbx.restv1.clientSecret,
    ...fields,
  })
  const res = await fetch(`${pbx.restv1.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  })
  return read(res)
}

export async function token(pbx: DemoPbx): Promise<string> {
  const answer = await tokenRequest(pbx)
  const body = answer.json as { access_token?: string }
  if (answer.status !== 200 || !body.access_token) throw new Error(`no token: ${answer.text}`)
  return body.access_token
}

/** One API request; `path` is relative to `/api/ver1.0`. */
export async function api(
  pbx: DemoPbx,
  bearer: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<RestAnswer> {
  const res = await fetch(`${pbx.restv1.url}/api/ver1.0${path}`, {
    method,
    headers: {
      ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  return read(res)
}

/** A client bound to one token: `get('/user/')`, `put(path, body)`, … */
export function client(
  pbx: DemoPbx,
  bearer: string,
): {
  get: (path: string) => Promise<RestAnswer>
  put: (path: string, body: unknown) => Promise<RestAnswer>
  post: (path: string, body: unknown) => Promise<RestAnswer>
  del: (path: string) => Promise<RestAnswer>
} {
  return {
    get: (path) => api(pbx, bearer, 'GET', path),
    put: (path, body) => api(pbx, bearer, 'PUT', path, body),
    post: (path, body) => api(pbx, bearer, 'POST', path, body),
    del: (path) => api(pbx, bearer, 'DELETE', path),
  }
}

/** A RIFF/WAVE PCM file whose sizes agree with its length. */
export function isWav(bytes: Buffer): boolean {
  return (
    bytes.length > 44 &&
    bytes.toString('ascii', 0, 4) === 'RIFF' &&
    bytes.toString('ascii', 8, 12) === 'WAVE' &&
    bytes.toString('ascii', 12, 16) === 'fmt ' &&
    bytes.readUInt16LE(20) === 1 &&
    bytes.toString('ascii', 36, 40) === 'data' &&
    bytes.readUInt32LE(4) === bytes.length - 8 &&
    bytes.readUInt32LE(40) === bytes.length - 44
  )
}

export interface CallEntry {
  call_api_id: string
  extension_id: number
  call_flow: string
  call_state: string
  caller_id_number: string
  called_number: string
  answer_time_gmt: string | null
  callback_id: string | null
  record_uuid: string | null
}

export function callList(answer: RestAnswer): CallEntry[] {
  return (answer.json as { call_list: CallEntry[] }).call_list
}
