/**
 * The browser bridge refuses everything but its own page: wrong host, wrong
 * origin, wrong token, paths outside the renderer. And it carries the contract.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createAppCore, type AppCore } from '../../src/main/core/app/app-core'
import { memoryLogger } from '../../src/main/log'
import { startWebServer, type WebServer } from '../../src/web/server'

let core: AppCore
let server: WebServer

beforeAll(async () => {
  const renderer = await mkdtemp(join(tmpdir(), 'sb-renderer-'))
  await mkdir(join(renderer, 'assets'))
  await writeFile(
    join(renderer, 'index.html'),
    '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  )
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)')
  core = await createAppCore({
    dataDir: await mkdtemp(join(tmpdir(), 'sb-data-')),
    shell: 'browser',
    version: '0.0.0-test',
    log: memoryLogger(),
  })
  server = await startWebServer({ core, rendererDir: renderer, log: memoryLogger() })
})

afterAll(async () => {
  await server.close()
})

function get(
  path: string,
  host = `127.0.0.1:${server.port}`,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, headers: { host } },
      (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

function open(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
}

describe('the browser bridge', () => {
  it('listens on 127.0.0.1 only and serves the page with the shim before the app', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/)
    const page = await get('/')
    expect(page.status).toBe(200)
    expect(page.body.indexOf('/__bridge/shim.js')).toBeLessThan(
      page.body.indexOf('./assets/app.js'),
    )
    const shim = await get('/__bridge/shim.js')
    expect(shim.body).toContain('switchboard')
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get('/', 'evil.example:80')).status).toBe(403)
  })

  it('refuses paths outside the renderer folder', async () => {
    expect((await get('/assets/app.js')).status).toBe(200)
    expect((await get('/..%2f..%2fetc%2fpasswd')).status).toBe(403)
    expect((await get('/nothing-here.js')).status).toBe(404)
  })

  it('refuses a socket without the token or from another origin', async () => {
    const ws = `ws://127.0.0.1:${server.port}/__bridge/ws`
    await expect(open(`${ws}?token=wrong`, server.origin)).rejects.toThrow(/403/)
    await expect(open(`${ws}?token=${server.token}`, 'http://evil.example')).rejects.toThrow(/403/)
  })

  it('carries requests of the contract and their typed errors', async () => {
    const ws = await open(
      `ws://127.0.0.1:${server.port}/__bridge/ws?token=${server.token}`,
      server.origin,
    )
    const ask = (id: number, channel: string, arg?: unknown) =>
      new Promise<unknown>((resolve) => {
        ws.on('message', (data) => {
          const message = JSON.parse(String(data)) as { id: number; result: unknown }
          if (message.id === id) resolve(message.result)
        })
        ws.send(JSON.stringify({ id, channel, arg }))
      })
    const accounts = (await ask(1, 'accounts:list')) as { ok: boolean; data: { id: string }[] }
    expect(accounts.ok).toBe(true)
    expect(accounts.data.map((a) => a.id)).toEqual(['demo'])
    expect(await ask(2, 'no:such')).toEqual({
      ok: false,
      error: { kind: 'invalid_argument', message: 'Unknown request channel.' },
    })
    ws.close()
  })
})
