/**
 * `net.request` of the fake `electron`, over Node's http: the demo PBX the
 * bootstrap talks to is plain http on 127.0.0.1. Errors carry Chromium's
 * `net::ERR_…` names as Electron's do.
 */
import { EventEmitter } from 'node:events'
import { request as httpRequest, type ClientRequest } from 'node:http'

/** Every URL requested through the fake `net`, for tests to check what used it. */
export const netRequested: string[] = []

export function fakeNetRequest(options: { method: string; url: string }) {
  netRequested.push(options.url)
  const emitter = new EventEmitter()
  const headers: Record<string, string> = {}
  const chunks: (string | Buffer)[] = []
  let sent: ClientRequest | null = null
  return Object.assign(emitter, {
    setHeader: (name: string, value: string) => void (headers[name] = value),
    write: (chunk: string | Buffer) => void chunks.push(chunk),
    abort: () => void sent?.destroy(),
    end: () => {
      sent = httpRequest(options.url, { method: options.method, headers }, (response) =>
        emitter.emit('response', response),
      )
      sent.on('error', (error) =>
        emitter.emit('error', new Error(`net::ERR_CONNECTION_REFUSED (${error.message})`)),
      )
      for (const chunk of chunks) sent.write(chunk)
      sent.end()
    },
  })
}
