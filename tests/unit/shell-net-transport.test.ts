/**
 * The providers' HTTP through Electron's `net` (system proxy, PAC, OS
 * certificates), with a fake `net`; and the seam in providers/http.ts that
 * picks it, leaving pinned clients on Node's TLS.
 */
import { EventEmitter } from 'node:events'
import { createServer, type Server } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  HttpClient,
  setCheckedHttpTransport,
  setDefaultHttpTransport,
  type CertificatePolicy,
  type HttpTransport,
} from '../../src/main/providers/http'
import { JadeProvider } from '../../src/main/providers/jade'
import { createNetTransport, type NetModule } from '../../src/main/shell/net-transport'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

class FakeResponse extends EventEmitter {
  constructor(
    public statusCode: number,
    public headers: Record<string, string | string[]>,
  ) {
    super()
  }
}

class FakeRequest extends EventEmitter {
  headers: Record<string, string> = {}
  written: (string | Buffer)[] = []
  ended = false
  aborted = false
  constructor(public options: Record<string, unknown>) {
    super()
  }
  setHeader(name: string, value: string): void {
    this.headers[name] = value
  }
  write(chunk: string | Buffer): void {
    this.written.push(chunk)
  }
  end(): void {
    this.ended = true
  }
  abort(): void {
    this.aborted = true
  }
}

let requests: FakeRequest[]
const fakeNet: NetModule = {
  request: (options) => {
    const request = new FakeRequest(options)
    requests.push(request)
    return request as unknown as ReturnType<NetModule['request']>
  },
}
const base = {
  method: 'POST' as const,
  headers: { 'User-Agent': 'Switchboard', 'Content-Type': 'application/json' },
  body: '{"a":1}',
  timeoutMs: 8000,
  maxBytes: 100,
  label: 'the jade server',
}
const send = (url = 'https://pbx.example:8443/v1/calls?token=abc') =>
  createNetTransport(fakeNet)({ ...base, url: new URL(url) })

beforeEach(() => {
  requests = []
})
afterEach(() => {
  vi.useRealTimers()
  setDefaultHttpTransport(null)
  setCheckedHttpTransport(null)
})

describe('requests through the system network stack', () => {
  it('send method, headers and body, without cookies and without following redirects', async () => {
    const pending = send()
    const request = requests[0]!
    expect(request.options).toEqual({
      method: 'POST',
      url: 'https://pbx.example:8443/v1/calls?token=abc',
      redirect: 'manual',
      useSessionCookies: false,
      credentials: 'omit',
    })
    expect(request.headers['Content-Type']).toBe('application/json')
    expect(request.written).toEqual(['{"a":1}'])
    expect(request.ended).toBe(true)
    const response = new FakeResponse(200, { 'Content-Type': 'application/json', 'X-Rate': ['1'] })
    request.emit('response', response)
    response.emit('data', Buffer.from('{"ok"'))
    response.emit('data', Buffer.from(':true}'))
    response.emit('end')
    const answer = await pending
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('application/json')
    expect(answer.body.toString()).toBe('{"ok":true}')
  })

  it('answer a redirect with the redirect itself, as Node does', async () => {
    const pending = send()
    requests[0]!.emit('redirect', 302, 'POST', 'https://elsewhere/', { Location: ['x'] })
    await expect(pending).resolves.toMatchObject({ status: 302, headers: { location: ['x'] } })
    expect(requests[0]!.aborted).toBe(true)
  })

  it('refuse an answer over the size cap', async () => {
    const pending = send()
    const response = new FakeResponse(200, {})
    requests[0]!.emit('response', response)
    response.emit('data', Buffer.alloc(101))
    await expect(pending).rejects.toMatchObject({ kind: 'bad_response' })
    expect(requests[0]!.aborted).toBe(true)
  })

  it('give up after the timeout', async () => {
    vi.useFakeTimers()
    const pending = send()
    const failed = expect(pending).rejects.toMatchObject({
      kind: 'timeout',
      message: 'the jade server (pbx.example:8443) did not answer within 8 s.',
    })
    await vi.advanceTimersByTimeAsync(8000)
    await failed
  })

  it('say in words what went wrong, naming the host but never the URL', async () => {
    const cases: [string, RegExp][] = [
      [
        'net::ERR_CERT_AUTHORITY_INVALID',
        /certificate .* is not trusted \(ERR_CERT_AUTHORITY_INVALID\)/,
      ],
      ['net::ERR_PROXY_CONNECTION_FAILED', /through the proxy set on this computer/],
      ['net::ERR_NAME_NOT_RESOLVED', /the name pbx.example:8443 could not be found/],
      ['net::ERR_CONNECTION_REFUSED', /the connection was refused/],
    ]
    for (const [error, words] of cases) {
      const pending = send()
      requests.at(-1)!.emit('error', new Error(error))
      const failure = (await pending.catch((e: unknown) => e)) as Error & { kind: string }
      expect(failure.kind).toBe('network')
      expect(failure.message).toMatch(words)
      expect(failure.message).not.toContain('token=abc')
    }
  })

  it('say so when the proxy asks for a password, instead of showing a dialog', async () => {
    const pending = send()
    requests[0]!.emit('login', {}, () => undefined)
    await expect(pending).rejects.toThrow(/proxy on this computer asks for a password/)
  })
})

describe('the providers’ HTTP client', () => {
  let server: Server
  let url: string
  beforeEach(async () => {
    server = createServer((_req, res) => res.end('from node'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  })
  afterEach(() => new Promise((resolve) => server.close(resolve)))

  it('goes through the shell’s transport when one is set, with the same error rules', async () => {
    const seen: string[] = []
    const transport: HttpTransport = (req) => {
      seen.push(`${req.method} ${req.url.host} ${req.label}`)
      return Promise.resolve({
        status: 429,
        headers: { 'retry-after': '7' },
        body: Buffer.from(''),
      })
    }
    setDefaultHttpTransport(transport)
    const client = new HttpClient({ label: 'the PBXCloud portal' })
    await expect(client.send({ url })).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 7000,
    })
    expect(seen).toEqual([`GET ${new URL(url).host} the PBXCloud portal`])
  })

  it('keeps a client with its own certificate check (jade’s pin) on Node’s TLS', async () => {
    setDefaultHttpTransport(() => Promise.reject(new Error('must not be used')))
    const client = new HttpClient({
      label: 'the jade server',
      httpsAgent: new HttpsAgent(),
      certificatePolicy: { label: 'the jade server' },
    })
    const answer = await client.send({ url })
    expect(answer.text()).toBe('from node')
    client.close()
  })

  it('sends jade through the shell’s checked transport with the account’s pin', async () => {
    const pin = 'AB:'.repeat(31) + 'AB'
    const seen: { policy: CertificatePolicy; url: string }[] = []
    setDefaultHttpTransport(() => Promise.reject(new Error('not for a pinned client')))
    setCheckedHttpTransport((policy) => (req) => {
      seen.push({ policy, url: `${req.method} ${req.url.origin}${req.url.pathname}` })
      return Promise.resolve({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ result: { authtoken: 'token-1' } })),
      })
    })
    const jade = new JadeProvider(
      'acc',
      { baseUrl: 'https://pbx.example:8081', username: 'agent', pinnedFingerprint: pin },
      { password: 'pw' },
    )
    await expect(jade.client.token('user')).resolves.toBe('token-1')
    expect(seen).toEqual([
      {
        policy: { label: 'the jade server', pinnedFingerprint: pin },
        url: 'POST https://pbx.example:8081/v1/me/login',
      },
    ])
    await jade.close()
  })
})
