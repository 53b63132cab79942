/**
 * The benchmarks' own reads of the demo's faces: plain HTTP(S) requests from Node,
 * outside any provider. HTTPS (the jade face) trusts exactly the demo's own
 * self-signed certificate, passed as `ca`.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

export interface TextRequest {
  url: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** The one certificate an https:// URL is trusted with (PEM). */
  ca?: string
}

export interface TextAnswer {
  status: number
  text: string
}

/**
 * One request. Without `agent`, on a fresh connection; with one (see
 * `keepAliveAgent`), on the connection it keeps, as the providers send theirs.
 */
export function sendText(req: TextRequest, agent?: HttpAgent | HttpsAgent): Promise<TextAnswer> {
  const url = new URL(req.url)
  const https = url.protocol === 'https:'
  const headers: Record<string, string> = { ...req.headers }
  if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body))
  return new Promise((resolve, reject) => {
    const options = {
      method: req.method ?? 'GET',
      headers,
      agent: agent ?? false,
      ...(https && req.ca ? { ca: req.ca } : {}),
    }
    const request = (https ? httpsRequest : httpRequest)(url, options, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      )
      res.on('error', reject)
    })
    request.on('error', reject)
    if (req.body !== undefined) request.write(req.body)
    request.end()
  })
}

/** A GET on a fresh connection. */
export function getText(url: string): Promise<TextAnswer> {
  return sendText({ url })
}

/** An agent that keeps one connection open (TLS trusting `req.ca` for https://). */
export function keepAliveAgent(req: TextRequest): HttpAgent | HttpsAgent {
  return new URL(req.url).protocol === 'https:'
    ? new HttpsAgent({ keepAlive: true, maxSockets: 1, ...(req.ca ? { ca: req.ca } : {}) })
    : new HttpAgent({ keepAlive: true, maxSockets: 1 })
}

/** The JSON of an answer that must be 200. */
export function jsonOf(answer: TextAnswer, what: string): unknown {
  if (answer.status !== 200) throw new Error(`${what}: HTTP ${answer.status}`)
  return JSON.parse(answer.text) as unknown
}
