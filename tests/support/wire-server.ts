/**
 * A server that answers with recorded wire fixtures, chosen per request by a
 * function of the query, so a provider can be run over answers written from the
 * sources (tests/fixtures/wire/) rather than over the demo PBX.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

export interface WireAnswer {
  body: string | Buffer
  type?: string
  status?: number
}

export interface WireServer {
  url: string
  /** Every request's query, in order. */
  seen: URLSearchParams[]
  close(): Promise<void>
}

export function fixture(dialect: string, name: string): string {
  return readFileSync(join(__dirname, '..', 'fixtures', 'wire', dialect, name), 'utf8')
}

export async function startWireServer(
  path: string,
  answer: (query: URLSearchParams) => WireAnswer,
): Promise<WireServer> {
  const seen: URLSearchParams[] = []
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    seen.push(url.searchParams)
    if (url.pathname !== path) {
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not Found</h1>')
      return
    }
    const a = answer(url.searchParams)
    res.writeHead(a.status ?? 200, { 'Content-Type': a.type ?? 'text/html; charset=UTF-8' })
    res.end(a.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${path}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
