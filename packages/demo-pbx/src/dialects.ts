/**
 * The dialect fixture table: one entry per face of the demo PBX — how to count
 * the requests that face received, where its faults are injected, what one calls
 * poll looks like on the wire, which of its values are secrets. bench/ and
 * tests/reliability/ loop over it (bench/lib/dialects.ts adds the app's side: the
 * account and provider), so a new dialect is one more entry here once the demo
 * exposes its face. Testing entry only.
 */
import type { DemoDialect } from './demo-run'
import type { FaultInjector } from './faults'
import type { HiddenCall } from './hidden-calls'
import type { DemoPbx, DemoPbxOptions } from './testing'

/** A plain HTTP(S) request to a face, outside any provider. */
export interface TextRequest {
  url: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** The one certificate an https:// URL is trusted with (PEM). */
  ca?: string
}

/** Sends a TextRequest (the caller's HTTP client). */
export type SendText = (req: TextRequest) => Promise<{ status: number; text: string }>

/** The JSON of an answer that must be 200. */
async function jsonFrom(send: SendText, req: TextRequest, what: string): Promise<unknown> {
  const answer = await send(req)
  if (answer.status !== 200) throw new Error(`${what}: HTTP ${answer.status}`)
  return JSON.parse(answer.text) as unknown
}

export interface DialectFixture {
  dialect: DemoDialect
  /** What `startDemoPbx` needs for this face (the jade face is started only when asked). */
  demoOptions: Pick<DemoPbxOptions, 'jade'>
  /** Whether this demo exposes the dialect's face. */
  available(demo: DemoPbx): boolean
  /** Every credential that must never leak (logs, bridge traffic, DOM, files). */
  secrets(demo: DemoPbx): string[]
  /**
   * Dialects with tokens: calls `issued` with each token the face hands out from now
   * on (tokens are secrets too).
   */
  watchTokens?(demo: DemoPbx, issued: (token: string) => void): void
  /** Requests the face has received so far (faulted ones included). */
  requestCount(demo: DemoPbx): number
  faults(demo: DemoPbx): FaultInjector
  /**
   * The request a calls poll sends, signed as the provider signs it (for the
   * latency floor's round trip). Fetches a token first where the dialect needs one.
   */
  callsRequest(demo: DemoPbx, send: SendText): Promise<TextRequest>
  /**
   * The fewest requests one presence + calls tick can cost for an office of
   * `extensions`, with the provider's caches warm (the floor of "requests per tick").
   */
  tickFloor(extensions: number): number
  /** The id the provider reports for a call the simulator made (the face's name for it). */
  callId(demo: DemoPbx, simCallId: string): string
  /**
   * Where a call record may name a call otherwise than its live id (REST: each
   * extension's live entry has its own id, the record names the call): that name.
   */
  recordCallId?(demo: DemoPbx, simCallId: string): string
  /**
   * Leaves the simulator's call out of the next calls answer the face serves, as a
   * PBX that drops a live call from one snapshot does.
   */
  hideCall(demo: DemoPbx, simCallId: string): HiddenCall
  /** Dialects with live events: whether every socket the demo account opens is connected. */
  pushConnected?(demo: DemoPbx): boolean
  /** Dialects with live events: event frames the face has sent so far. */
  pushFramesSent?(demo: DemoPbx): number
  /** The agent the demo office is built around. */
  ownExtension: string
}

const pbxcloud: DialectFixture = {
  dialect: 'pbxcloud',
  demoOptions: { jade: false },
  available: () => true,
  secrets: (demo) => [demo.pbxcloud.apiKey],
  requestCount: (demo) => demo.pbxcloud.requestCount,
  faults: (demo) => demo.pbxcloud.faults,
  callsRequest: (demo) => {
    const url = new URL(demo.pbxcloud.url)
    url.searchParams.set('reqtype', 'CHANNELS')
    url.searchParams.set('key', demo.pbxcloud.apiKey)
    url.searchParams.set('tenant', demo.pbxcloud.tenant)
    url.searchParams.set('format', 'json')
    return Promise.resolve({ url: url.href })
  },
  // BLFS (every lamp of the tenant) + CHANNELS (every live call).
  tickFloor: () => 2,
  callId: (_demo, simCallId) => simCallId,
  hideCall: (demo, simCallId) => {
    let served = 0
    demo.pbxcloud.face.addChannelFilter({
      times: 1,
      filter: (rows) => {
        served++
        return rows.filter((row) => row.LinkedID !== simCallId)
      },
    })
    return {
      get served(): number {
        return served
      },
    }
  },
  ownExtension: '201',
}

const restv1: DialectFixture = {
  dialect: 'restv1',
  demoOptions: { jade: false },
  available: () => true,
  secrets: (demo) => [demo.restv1.clientSecret],
  watchTokens: (demo, issued) => {
    const auth = demo.restv1.face.auth
    const issue = auth.issue.bind(auth)
    auth.issue = (form) => {
      const answer = issue(form)
      issued(String(answer.access_token))
      return answer
    }
  },
  requestCount: (demo) => demo.restv1.requestCount,
  faults: (demo) => demo.restv1.faults,
  callsRequest: async (demo, send) => {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: demo.restv1.clientId,
      client_secret: demo.restv1.clientSecret,
    }).toString()
    const tokenRequest: TextRequest = {
      url: `${demo.restv1.url}/oauth/token`,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    }
    const answer = await jsonFrom(send, tokenRequest, 'restv1 token')
    const { access_token: token } = answer as { access_token: string }
    return {
      url: `${demo.restv1.url}/api/ver1.0/client/@me/current_calls/`,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    }
  },
  // One client-level current_calls (presence reuses it) + registrations, 100 ids a request.
  tickFloor: (extensions) => 1 + Math.ceil(extensions / 100),
  // REST never shows the simulator's ids: a call is the agent's entry's opaque call_api_id
  // (each extension on a call has its own, R4), its record the call's `call_uuid`.
  callId: (demo, simCallId) => demo.restv1.face.callApiIdOf(simCallId),
  recordCallId: (demo, simCallId) => demo.restv1.face.callUuidOf(simCallId),
  hideCall: (demo, simCallId) => demo.restv1.face.hideCall(simCallId),
  ownExtension: '201',
}

/** The jade face was started (it is only when asked: it needs openssl). */
function hasJade(demo: DemoPbx): boolean {
  try {
    return demo.jade.url !== ''
  } catch {
    return false
  }
}

const jade: DialectFixture = {
  dialect: 'jade',
  demoOptions: { jade: true },
  available: hasJade,
  // The passwords, and the HTTP Basic header values made of them.
  secrets: (demo) => [
    demo.jade.password,
    demo.jade.adminPassword,
    Buffer.from(`${demo.jade.username}:${demo.jade.password}`).toString('base64'),
    Buffer.from(`${demo.jade.adminUsername}:${demo.jade.adminPassword}`).toString('base64'),
  ],
  watchTokens: (demo, issued) => {
    const tokens = demo.jade.face.tokens
    const issue = tokens.issue.bind(tokens)
    tokens.issue = (kind, extension) => {
      const token = issue(kind, extension)
      issued(token)
      return token
    }
  },
  requestCount: (demo) => demo.jade.requestCount,
  faults: (demo) => demo.jade.faults,
  callsRequest: async (demo, send) => {
    const ca = demo.jade.face.certificatePem
    const basic = Buffer.from(`${demo.jade.adminUsername}:${demo.jade.adminPassword}`)
    const login: TextRequest = {
      url: `${demo.jade.url}/v1/admin/login`,
      method: 'POST',
      headers: { Authorization: `Basic ${basic.toString('base64')}` },
      ca,
    }
    const answer = await jsonFrom(send, login, 'jade sign-in')
    const { result } = answer as { result: { authtoken: string } }
    const url = new URL(`${demo.jade.url}/v1/admin/core/channels`)
    url.searchParams.set('authtoken', result.authtoken)
    return { url: url.href, headers: { Accept: 'application/json' }, ca }
  },
  // admin core/channels + the /device_states list + one /device_states/ per device
  // read (jade has no list of states; the provider reads at most 24 a poll).
  tickFloor: (extensions) => 2 + Math.min(24, extensions),
  // A call is its channels' linked_id, the simulator's id.
  callId: (_demo, simCallId) => simCallId,
  hideCall: (demo, simCallId) => demo.jade.face.hideCall(simCallId),
  // The demo account signs in as the user and as the admin: one socket each.
  pushConnected: (demo) =>
    demo.jade.face.events.socketCount('user') > 0 && demo.jade.face.events.socketCount('admin') > 0,
  pushFramesSent: (demo) => demo.jade.face.framesSent,
  ownExtension: '201',
}

export const dialectFixtures: readonly DialectFixture[] = [pbxcloud, restv1, jade]
