/**
 * Nothing a client sends ends the browser bridge: a malformed path or socket URL
 * gets a 400, a bad frame closes only that socket, and the media route neither
 * passes on the PBX's content type nor its error text.
 */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { AppCore } from '../../src/main/core/app/app-core'
import { memoryLogger } from '../../src/main/log'
import { AppError } from '../../src/shared/result'
import { startWebServer, type WebServer } from '../../src/web/server'

let server: WebServer
const media = new Map<string, () => Promise<{ data: Buffer; contentType: string }>>()

beforeAll(async () => {
  const renderer = await mkdtemp(join(tmpdir(), 'sb-renderer-'))
  await writeFile(join(renderer, 'index.html'), '<!doctype html><script src="x.js"></script>')
  const core = {
    events: { on: () => () => undefined },
    dispatch: async () => ({ ok: true, data: null }),
    media: (_account: string, _kind: string, id: string) => {
      const load = media.get(id)
      if (!load) throw new AppError('not_found', 'no such message')
      return load()
    },
  } as unknown as AppCore
  server = await startWebServer({ core, rendererDir: renderer, log: memoryLogger() })
})

afterAll(async () => {
  await server.close()
})

function get(path: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}` } },
      (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            type: String(res.headers['content-type'] ?? ''),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** A raw HTTP request, for what a well-behaved client library would not send. */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(text))
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk.toString()))
    socket.on('end', () => resolve(answer))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
  })
}

async function stillServes(): Promise<void> {
  expect((await get('/')).status).toBe(200)
}

function openSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/__bridge/ws?token=${server.token}`, {
      origin: server.origin,
    })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

const closeCode = (ws: WebSocket): Promise<number> =>
  new Promise((resolve) => ws.once('close', (code) => resolve(code)))

const mediaPath = (id: string) =>
  `/__bridge/media/demo/voicemail/${id}?token=${encodeURIComponent(server.token)}`

describe('the browser bridge under hostile input', () => {
  it('answers 400 to a malformed escape in a path and keeps serving', async () => {
    expect((await get('/assets/%E0%A4%A')).status).toBe(400)
    expect((await get(mediaPath('%E0%A4%A'))).status).toBe(400)
    await stillServes()
  })

  it('answers 400 to a socket URL that cannot be parsed and keeps serving', async () => {
    const answer = await raw(
      `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 400/)
    await stillServes()
  })

  it('closes only the socket that sends an oversized frame', async () => {
    const ws = await openSocket()
    const closed = closeCode(ws)
    ws.send(Buffer.alloc(1024 * 1024 + 1, 0x61))
    expect(await closed).toBe(1009)
    const again = await openSocket()
    again.close()
    await stillServes()
  })

  it('closes only the socket that sends text that is not UTF-8', async () => {
    const ws = await openSocket()
    const closed = closeCode(ws)
    ws.send(Buffer.from([0xff, 0xfe, 0xfd]), { binary: false })
    expect(await closed).toBe(1007)
    await stillServes()
  })

  it('closes a socket that sends a message that is not a request (the socket’s 400)', async () => {
    for (const message of ['{not json', JSON.stringify({ id: 'x', channel: 1 })]) {
      const ws = await openSocket()
      const closed = closeCode(ws)
      ws.send(message)
      expect(await closed).toBe(1008)
    }
    await stillServes()
  })

  it('serves only audio types from the PBX, anything else as opaque bytes', async () => {
    media.set('html', async () => ({
      data: Buffer.from('<script>x</script>'),
      contentType: 'text/html',
    }))
    media.set('wav', async () => ({ data: Buffer.from('RIFF'), contentType: 'audio/wav' }))
    expect((await get(mediaPath('html'))).type).toBe('application/octet-stream')
    expect((await get(mediaPath('wav'))).type).toBe('audio/wav')
  })

  it('never passes the PBX error text on', async () => {
    media.set('broken', async () => {
      throw new AppError('network', 'https://pbx.example.com/?key=s3cr3t did not answer')
    })
    const answer = await get(mediaPath('broken'))
    expect(answer.status).toBe(502)
    expect(answer.body).not.toContain('s3cr3t')
    const missing = await get(mediaPath('nothing'))
    expect(missing).toMatchObject({ status: 404, body: 'Not found' })
  })
})
