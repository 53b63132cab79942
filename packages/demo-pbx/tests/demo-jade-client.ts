/**
 * A tiny HTTPS/WSS client for the demo jade face's tests. It trusts the face's
 * self-signed certificate (tests only) and reports which certificate it saw.
 */
import { request } from 'node:https'
import type { TLSSocket } from 'node:tls'
import WebSocket from 'ws'
import type { DemoPbx } from '../src/testing'

export interface JadeAnswer {
  status: number
  text: string
  json: Record<string, unknown>
  /** The SHA-256 fingerprint of the certificate the server presented. */
  fingerprint: string
}

export interface JadeCall {
  token?: string
  query?: Record<string, string>
  body?: unknown
  /** `[user, password]`; leave out for no Authorization header. */
  basic?: [string, string]
}

export function jade(
  pbx: DemoPbx,
  method: string,
  path: string,
  opts: JadeCall = {},
): Promise<JadeAnswer> {
  const url = new URL(path, pbx.jade.url)
  if (opts.token) url.searchParams.set('authtoken', opts.token)
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v)
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body)
  const headers: Record<string, string> = {}
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    // A GET carries its body only with a length (jade's /device_states/ reads one).
    headers['Content-Length'] = String(Buffer.byteLength(body))
  }
  if (opts.basic) {
    headers.Authorization = `Basic ${Buffer.from(opts.basic.join(':')).toString('base64')}`
  }
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers, rejectUnauthorized: false, agent: false },
      (res) => {
        const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256 ?? ''
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: Record<string, unknown> = {}
          try {
            json = JSON.parse(text) as Record<string, unknown>
          } catch {
            // not JSON (a fault): the test looks at `text`
          }
          resolve({ status: res.statusCode ?? 0, text, json, fingerprint })
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

export async function signIn(pbx: DemoPbx, kind: 'user' | 'admin' = 'user'): Promise<string> {
  const basic: [string, string] =
    kind === 'user'
      ? [pbx.jade.username, pbx.jade.password]
      : [pbx.jade.adminUsername, pbx.jade.adminPassword]
  const a = await jade(pbx, 'POST', `/v1/${kind === 'user' ? 'me' : 'admin'}/login`, { basic })
  const token = (a.json.result as { authtoken?: string } | undefined)?.authtoken
  if (a.status !== 200 || !token) throw new Error(`sign-in failed: ${a.status} ${a.text}`)
  return token
}

/** The items of a list answer, whichever shape it came in. */
export function items(a: JadeAnswer): Record<string, unknown>[] {
  const result = a.json.result
  if (Array.isArray(result)) return result as Record<string, unknown>[]
  const list = (result as { list?: unknown } | undefined)?.list
  if (!Array.isArray(list)) throw new Error(`not a list answer: ${a.text}`)
  return list as Record<string, unknown>[]
}

export interface Frame {
  topic: string
  event: string
  object: Record<string, unknown>
}

export interface EventSocket {
  ws: WebSocket
  frames: Frame[]
  /** Resolves with the first frame (seen or still to come) that matches. */
  waitFor(match: (f: Frame) => boolean, timeoutMs?: number): Promise<Frame>
  closed: Promise<void>
}

export function openEvents(pbx: DemoPbx, token: string): Promise<EventSocket> {
  const ws = new WebSocket(`${pbx.jade.wsUrl}?authtoken=${token}`, { rejectUnauthorized: false })
  const frames: Frame[] = []
  const waiters = new Set<() => void>()
  ws.on('message', (data: Buffer) => {
    const outer = JSON.parse(data.toString('utf8')) as Record<string, Record<string, unknown>>
    for (const [topic, inner] of Object.entries(outer)) {
      for (const [event, object] of Object.entries(inner)) {
        frames.push({ topic, event, object: object as Record<string, unknown> })
      }
    }
    for (const w of [...waiters]) w()
  })
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()))
  const waitFor = (match: (f: Frame) => boolean, timeoutMs = 3000): Promise<Frame> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = frames.find(match)
        if (!found) return
        waiters.delete(check)
        clearTimeout(timer)
        resolve(found)
      }
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(new Error(`no matching frame; got ${JSON.stringify(frames.map((f) => f.event))}`))
      }, timeoutMs)
      waiters.add(check)
      check()
    })
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, frames, waitFor, closed }))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
}
