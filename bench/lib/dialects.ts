/**
 * One entry per dialect the demo PBX speaks: how to point a real provider at the
 * demo's face, how to count the requests that face received, where its faults
 * are injected, and what one calls poll looks like on the wire. Everything in
 * bench/ and tests/reliability/ loops over this table, so a new dialect is one
 * more entry here once the demo exposes its face and `createProvider` builds its
 * provider.
 */
import { demoAccount } from '../../src/main/core/demo-account'
import type { DemoPbx, DemoPbxOptions } from '../../src/main/demo'
import type { FaultInjector } from '../../src/main/demo/faults'
import type { HiddenCall } from '../../src/main/demo/hidden-calls'
import { createProvider, type ProviderOptions, type RuntimeAccount } from '../../src/main/providers'
import type { PbxProvider } from '../../src/main/providers/provider'
import { jsonOf, sendText, type TextRequest } from './fetch-text'

export type ProviderTuning = ProviderOptions

export interface DialectRunner {
  dialect: RuntimeAccount['dialect']
  /** What `startDemoPbx` needs for this face (the jade face is started only when asked). */
  demoOptions: Pick<DemoPbxOptions, 'jade'>
  /** Whether this demo exposes the dialect's face. */
  available(demo: DemoPbx): boolean
  /** The account a session uses to reach the demo's face (secrets included). */
  account(demo: DemoPbx, id?: string): RuntimeAccount
  /** Every credential that must never leak (logs, bridge traffic, DOM, files). */
  secrets(demo: DemoPbx): string[]
  /**
   * Dialects with tokens: calls `issued` with each token the face hands out from now
   * on (tokens are secrets too).
   */
  watchTokens?(demo: DemoPbx, issued: (token: string) => void): void
  /** The real provider for `account`, tuned for a simulation. */
  provider(account: RuntimeAccount, tuning: ProviderTuning): PbxProvider
  /** Requests the face has received so far (faulted ones included). */
  requestCount(demo: DemoPbx): number
  faults(demo: DemoPbx): FaultInjector
  /**
   * The request a calls poll sends, signed as the provider signs it (for the
   * latency floor's round trip). Fetches a token first where the dialect needs one.
   */
  callsRequest(demo: DemoPbx): Promise<TextRequest>
  /**
   * The fewest requests one presence + calls tick can cost for an office of
   * `extensions`, with the provider's caches warm (the floor of "requests per tick").
   */
  tickFloor(extensions: number): number
  /** The id the provider reports for a call the simulator made (the face's name for it). */
  callId(demo: DemoPbx, simCallId: string): string
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

const bench = (demo: DemoPbx, dialect: RuntimeAccount['dialect'], id: string): RuntimeAccount => ({
  ...demoAccount(demo, dialect),
  id,
  displayName: 'Bench office',
  demo: false,
})

const pbxcloud: DialectRunner = {
  dialect: 'pbxcloud',
  demoOptions: { jade: false },
  available: () => true,
  account: (demo, id = 'bench') => bench(demo, 'pbxcloud', id),
  secrets: (demo) => [demo.pbxcloud.apiKey],
  provider: (account, tuning) => createProvider(account, tuning),
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

const restv1: DialectRunner = {
  dialect: 'restv1',
  demoOptions: { jade: false },
  available: () => true,
  account: (demo, id = 'bench') => bench(demo, 'restv1', id),
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
  provider: (account, tuning) => createProvider(account, tuning),
  requestCount: (demo) => demo.restv1.requestCount,
  faults: (demo) => demo.restv1.faults,
  callsRequest: async (demo) => {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: demo.restv1.clientId,
      client_secret: demo.restv1.clientSecret,
    }).toString()
    const answer = await sendText({
      url: `${demo.restv1.url}/oauth/token`,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    })
    const { access_token: token } = jsonOf(answer, 'restv1 token') as { access_token: string }
    return {
      url: `${demo.restv1.url}/api/ver1.0/client/@me/current_calls/`,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    }
  },
  // One client-level current_calls (presence reuses it) + registrations, 100 ids a request.
  tickFloor: (extensions) => 1 + Math.ceil(extensions / 100),
  // REST never shows the simulator's ids: a call is its opaque call_api_id.
  callId: (demo, simCallId) => demo.restv1.face.callApiIdOf(simCallId),
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

const jade: DialectRunner = {
  dialect: 'jade',
  demoOptions: { jade: true },
  available: hasJade,
  account: (demo, id = 'bench') => bench(demo, 'jade', id),
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
  provider: (account, tuning) => createProvider(account, tuning),
  requestCount: (demo) => demo.jade.requestCount,
  faults: (demo) => demo.jade.faults,
  callsRequest: async (demo) => {
    const ca = demo.jade.face.certificatePem
    const basic = Buffer.from(`${demo.jade.adminUsername}:${demo.jade.adminPassword}`)
    const answer = await sendText({
      url: `${demo.jade.url}/v1/admin/login`,
      method: 'POST',
      headers: { Authorization: `Basic ${basic.toString('base64')}` },
      ca,
    })
    const { result } = jsonOf(answer, 'jade sign-in') as { result: { authtoken: string } }
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

export const dialectRunners: readonly DialectRunner[] = [pbxcloud, restv1, jade]

export function runnerOf(dialect: RuntimeAccount['dialect']): DialectRunner {
  const found = dialectRunners.find((runner) => runner.dialect === dialect)
  if (!found) throw new Error(`no runner for ${dialect}`)
  return found
}

export function runnersFor(demo: DemoPbx): DialectRunner[] {
  return dialectRunners.filter((runner) => runner.available(demo))
}
