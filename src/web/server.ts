/**
 * The browser bridge: a development and test tool, never part of the installed app.
 * It serves the built renderer on 127.0.0.1 and carries the IPC contract over a
 * WebSocket, so the real core can be driven from Chromium where no Electron
 * binary can run. It refuses other hosts (DNS rebinding), other origins, and any
 * socket without this run's random token.
 */
import { build } from 'esbuild'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import type { AppCore } from '../main/core/app/app-core'
import { createLogger, type Logger } from '../main/log'
import { safeContentType } from '../main/shell/media-range'
import { AppError } from '../shared/result'
import { bridgeRequestSchema, type BridgeServerMessage } from './protocol'

export interface WebServerOptions {
  core: AppCore
  /** The built renderer (`out/renderer`). */
  rendererDir: string
  /** 0 (the default) picks a free port. */
  port?: number
  log?: Logger
}

export interface WebServer {
  /** The URL to open, token included. */
  url: string
  origin: string
  token: string
  port: number
  close(): Promise<void>
}

const SHIM_PATH = '/__bridge/shim.js'
const MEDIA_PATH =
  /^\/__bridge\/media\/([A-Za-z0-9_-]{1,64})\/(voicemail|recording)\/([^/]{1,200})$/
const SOCKET_PATH = '/__bridge/ws'

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wav': 'audio/wav',
}

async function bundleShim(): Promise<string> {
  const result = await build({
    entryPoints: [resolve(__dirname, 'shim.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    logLevel: 'silent',
  })
  const file = result.outputFiles[0]
  if (!file) throw new Error('the bridge shim did not build')
  return file.text
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const log = options.log ?? createLogger('web')
  const token = randomBytes(24).toString('base64url')
  const rendererDir = resolve(options.rendererDir)
  const indexHtml = await fs.readFile(join(rendererDir, 'index.html'), 'utf8').catch(() => {
    throw new Error(
      `The renderer is not built (${rendererDir}/index.html is missing): run npm run build.`,
    )
  })
  // The shim must define window.switchboard before the app's own module runs.
  const page = indexHtml.replace(
    /<script\b/,
    `<script type="module" src="${SHIM_PATH}"></script>\n    <script`,
  )
  const shim = await bundleShim()
  let port = 0
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`]
  const origin = (): string => `http://127.0.0.1:${port}`

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer): void => {
    res.writeHead(status, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Resource-Policy': 'same-origin',
    })
    res.end(body)
  }

  const serveStatic = async (pathname: string, res: ServerResponse): Promise<void> => {
    const decoded = decodeOrNull(pathname)
    if (decoded === null) return send(res, 400, 'text/plain', 'Bad request')
    const file = normalize(join(rendererDir, decoded))
    if (!file.startsWith(rendererDir + sep)) return send(res, 403, 'text/plain', 'Forbidden')
    try {
      const body = await fs.readFile(file)
      send(res, 200, mimeTypes[extname(file)] ?? 'application/octet-stream', body)
    } catch {
      send(res, 404, 'text/plain', 'Not found')
    }
  }

  // Voicemail and recordings for <audio>, with Range support so it can seek. The
  // token rides in the query: an <audio> element cannot send headers.
  const serveMedia = async (
    req: IncomingMessage,
    res: ServerResponse,
    match: RegExpExecArray,
  ): Promise<void> => {
    const given = new URL(req.url ?? '/', origin()).searchParams.get('token') ?? ''
    if (!sameToken(given, token)) return send(res, 403, 'text/plain', 'Forbidden')
    const [, accountId = '', kind = 'voicemail', rawId = ''] = match
    const id = decodeOrNull(rawId)
    if (id === null) return send(res, 400, 'text/plain', 'Bad request')
    let file
    try {
      file = await options.core.media(accountId, kind as 'voicemail' | 'recording', id)
    } catch (error) {
      // The PBX's own words may name a host or carry a token: never sent on.
      const notFound = error instanceof AppError && error.kind === 'not_found'
      if (!notFound) log.warn(`media could not be loaded (${kind})`, error)
      return send(res, notFound ? 404 : 502, 'text/plain', notFound ? 'Not found' : 'Not available')
    }
    const range = rangeOf(req.headers.range, file.data.length)
    if (range === 'invalid') {
      res.writeHead(416, { 'Content-Range': `bytes */${file.data.length}` })
      return void res.end()
    }
    const headers = {
      'Content-Type': safeContentType(file.contentType),
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    }
    if (!range) {
      res.writeHead(200, { ...headers, 'Content-Length': file.data.length })
      return void res.end(req.method === 'HEAD' ? undefined : file.data)
    }
    const body = file.data.subarray(range.start, range.end + 1)
    res.writeHead(206, {
      ...headers,
      'Content-Length': body.length,
      'Content-Range': `bytes ${range.start}-${range.end}/${file.data.length}`,
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts().includes(req.headers.host ?? '')) {
      return send(res, 403, 'text/plain', 'Forbidden host')
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'Method not allowed')
    let pathname: string
    try {
      pathname = new URL(req.url ?? '/', origin()).pathname
    } catch {
      return send(res, 400, 'text/plain', 'Bad request')
    }
    if (pathname === '/' || pathname === '/index.html')
      return send(res, 200, mimeTypes['.html']!, page)
    if (pathname === SHIM_PATH) return send(res, 200, mimeTypes['.js']!, shim)
    const media = MEDIA_PATH.exec(pathname)
    const answer = media ? serveMedia(req, res, media) : serveStatic(pathname, res)
    answer.catch((error: unknown) => {
      log.warn('a bridge request failed', error)
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error')
      else res.destroy()
    })
  })
  // A client that sends garbage or hangs up gets its own socket closed, nothing more.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 })
  const clients = new Set<WebSocket>()
  const push = (socket: WebSocket, message: BridgeServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message))
  }

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', (error) => log.warn('a bridge socket failed', error))
    let url: URL
    try {
      url = new URL(req.url ?? '/', origin())
    } catch {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
      return
    }
    const given = url.searchParams.get('token') ?? ''
    const trusted =
      url.pathname === SOCKET_PATH &&
      allowedHosts().includes(req.headers.host ?? '') &&
      req.headers.origin === origin() &&
      sameToken(given, token)
    if (!trusted) {
      log.warn('refused a bridge socket (wrong path, host, origin or token)')
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws)
      ws.on('close', () => clients.delete(ws))
      // An oversized or non-UTF-8 frame: ws closes this socket (1009/1007) and
      // reports it here; without a listener it would end the whole process.
      ws.on('error', (error) => log.warn('a bridge socket sent a bad frame', error))
      ws.on('message', (data) => {
        const request = bridgeRequestSchema.safeParse(parseOrUndefined(String(data)))
        if (!request.success) {
          // The shim never sends this: close with 1008 (policy), the socket's 400.
          log.warn('closed a bridge socket that sent a malformed message')
          ws.close(1008, 'Bad request')
          return
        }
        const { id, channel, arg } = request.data
        void options.core.dispatch(channel, arg).then((result) => {
          push(ws, { type: 'result', id, result })
        })
      })
    })
  })

  const unsubscribe = options.core.events.on((event) => {
    for (const ws of clients) push(ws, { type: 'event', name: event.name, payload: event.payload })
  })

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, '127.0.0.1', () => done())
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `${origin()}/?token=${token}`,
    origin: origin(),
    token,
    port,
    close: async () => {
      unsubscribe()
      for (const ws of clients) ws.terminate()
      sockets.close()
      await new Promise<void>((done) => server.close(() => done()))
    },
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** decodeURIComponent, or null for a malformed escape (`%E0%A4%A`) instead of a throw. */
function decodeOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}

/** One `bytes=a-b` range (the only kind <audio> asks for); null when absent. */
export function rangeOf(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'invalid' {
  if (!header) return null
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid'
  let start: number
  let end: number
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]))
    end = size - 1
  } else {
    start = Number(match[1])
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  }
  return start > end || start >= size ? 'invalid' : { start, end }
}
