import { randomInt } from 'node:crypto'
/**
 * The embedded demo PBX: one simulated office behind HTTP faces (PBXCloud for
 * now), with scripted scenarios and fault injection. The app uses it when no
 * account is configured; the tests use it as their server.
 */
import { randomBytes } from 'node:crypto'
import { Autopilot, type AutopilotOptions } from './autopilot'
import { RealClock, type Clock } from './clock'
import { buildDemoTenant, demoOwnExtension, demoTenant } from './demo-office-data'
import type { FaultInjector } from './faults'
import { JadeFace } from './jade-face'
import { startOffice } from './office'
import { PbxcloudFace } from './pbxcloud-face'
import { PbxState } from './pbx-state'
import { PbxError } from './pbx-error'
import { Random } from './random'
import { Restv1Face } from './restv1-face'
import { Scenario } from './scenario'

export interface DemoPbxOptions {
  /** Defaults to the wall clock; tests pass a `ManualClock`. */
  clock?: Clock
  seed?: number
  /** Seeds the keys, passwords and ids the faces issue; random per run when absent. */
  credentialSeed?: number
  /** PBXCloud face port; 0 (the default) picks a free one. */
  port?: number
  /**
   * Picks what the PBXCloud documents leave open (column case, order, extras):
   * default from DEMO_FORMAT_SEED, else new each start, so runs vary. Reported as
   * `pbxcloud.formatSeed` to replay a failure.
   */
  formatSeed?: number
  /** Start the seeded random office traffic. */
  office?: boolean
  /** Office call spacing (default 20 s). */
  officeIntervalMs?: number
  /** How the far side answers what the app asks for; `false` turns it off. */
  autopilot?: AutopilotOptions | false
  /**
   * Start the jade face (default true). It needs the `openssl` command for its
   * self-signed certificate, which a user's machine may lack: the app starts it
   * only when the demo account speaks jade.
   */
  jade?: boolean
}

export interface PbxcloudEndpoint {
  /** Full API URL, `http://127.0.0.1:<port>/pbx/proxyapi.php`. */
  readonly url: string
  readonly tenant: string
  readonly apiKey: string
  readonly readOnlyKey: string
  readonly ownExtension: string
  /** The seed of this start's format variation (see DemoPbxOptions.formatSeed). */
  readonly formatSeed: number
  readonly faults: FaultInjector
  /** Requests received so far (faulted ones included). */
  readonly requestCount: number
  countOf(reqtype: string): number
  resetCounts(): void
  readonly face: PbxcloudFace
}

export interface Restv1Endpoint {
  /** Origin, `http://127.0.0.1:<port>`: API under `/api/ver1.0`, tokens at `/oauth/token`. */
  readonly url: string
  readonly clientId: string
  readonly clientSecret: string
  /** The agent 201's numeric extension id. */
  readonly extensionId: number
  readonly faults: FaultInjector
  /** Requests received so far (faulted ones included). */
  readonly requestCount: number
  /** `POST /oauth/token` requests so far. */
  readonly tokenRequests: number
  readonly face: Restv1Face
}

export interface JadeEndpoint {
  /** Origin, `https://127.0.0.1:<port>` (self-signed): API under `/v1`. */
  readonly url: string
  /** `wss://127.0.0.1:<port>/`: add `?authtoken=…`. */
  readonly wsUrl: string
  /** Agent 201's jade login. */
  readonly username: string
  readonly password: string
  readonly adminUsername: string
  readonly adminPassword: string
  /** SHA-256 of the current certificate, `AA:BB:…`; changes on regeneration. */
  readonly fingerprint: string
  /** A new certificate (and key); resolves to its fingerprint. */
  regenerateCertificate(): Promise<string>
  readonly faults: FaultInjector
  /** Requests received so far (faulted ones included). */
  readonly requestCount: number
  /** Successful sign-ins (user and admin). */
  readonly loginCount: number
  readonly face: JadeFace
}

export interface DemoPbx {
  state: PbxState
  scenario: Scenario
  pbxcloud: PbxcloudEndpoint
  restv1: Restv1Endpoint
  jade: JadeEndpoint
  close(): Promise<void>
}

function formatSeedFromEnv(): number | undefined {
  const value = Number.parseInt(process.env.DEMO_FORMAT_SEED ?? '', 10)
  return Number.isFinite(value) ? value : undefined
}

/** 53 random bits: the most a number seed carries exactly. */
function randomCredentialSeed(): number {
  return Number(randomBytes(8).readBigUInt64BE() >> 11n)
}

export async function startDemoPbx(options: DemoPbxOptions = {}): Promise<DemoPbx> {
  const clock = options.clock ?? new RealClock()
  const seed = options.seed ?? 1
  // The seed makes the office's traffic repeatable; the keys and passwords come
  // from a random one per run, so nobody can know them without reading them here.
  const state = new PbxState(clock, options.credentialSeed ?? randomCredentialSeed())
  const keys = buildDemoTenant(state, new Random(seed))
  const scenario = new Scenario(state, demoTenant)
  const autopilot =
    options.autopilot === false
      ? undefined
      : new Autopilot(state, options.autopilot ?? (options.office ? { talkMs: 90_000 } : {}))
  const office = options.office
    ? startOffice(state, scenario, {
        seed,
        ...(options.officeIntervalMs ? { meanIntervalMs: options.officeIntervalMs } : {}),
      })
    : undefined
  const face = new PbxcloudFace(state, {
    port: options.port ?? 0,
    formatSeed: options.formatSeed ?? formatSeedFromEnv() ?? randomInt(1, 2 ** 31),
  })
  await face.listen()
  const http = face.http
  const pbxcloud: PbxcloudEndpoint = {
    url: face.url,
    tenant: demoTenant,
    apiKey: keys.apiKey,
    readOnlyKey: keys.readOnlyKey,
    ownExtension: demoOwnExtension,
    formatSeed: face.formatSeed,
    faults: http.faults,
    get requestCount(): number {
      return http.requestCount
    },
    countOf: (reqtype) => http.countOf(reqtype),
    resetCounts: () => http.resetCounts(),
    face,
  }
  const restv1Face = new Restv1Face(state, { tenant: demoTenant, userExtension: demoOwnExtension })
  await restv1Face.listen()
  const restv1: Restv1Endpoint = {
    url: restv1Face.url,
    clientId: restv1Face.clientId,
    clientSecret: restv1Face.clientSecret,
    extensionId: restv1Face.extensionId,
    faults: restv1Face.http.faults,
    get requestCount(): number {
      return restv1Face.http.requestCount
    },
    get tokenRequests(): number {
      return restv1Face.tokenRequests
    },
    face: restv1Face,
  }
  const jadeFace =
    options.jade === false
      ? null
      : new JadeFace(state, { tenant: demoTenant, ownExtension: demoOwnExtension })
  const jade = jadeFace ? await jadeEndpoint(jadeFace) : null
  return {
    state,
    scenario,
    pbxcloud,
    restv1,
    get jade(): JadeEndpoint {
      if (!jade) throw new PbxError('the jade face was not started (startDemoPbx({ jade: false }))')
      return jade
    },
    async close(): Promise<void> {
      office?.stop()
      autopilot?.stop()
      if (clock instanceof RealClock && !options.clock) clock.clearAll()
      await face.close()
      await restv1Face.close()
      await jadeFace?.close()
    },
  }
}

async function jadeEndpoint(jadeFace: JadeFace): Promise<JadeEndpoint> {
  await jadeFace.listen()
  const jadeUser = jadeFace.user()
  const jade: JadeEndpoint = {
    url: jadeFace.url,
    wsUrl: jadeFace.wsUrl,
    username: jadeUser.username,
    password: jadeUser.password,
    adminUsername: jadeFace.directory.admin.username,
    adminPassword: jadeFace.directory.admin.password,
    get fingerprint(): string {
      return jadeFace.fingerprint
    },
    regenerateCertificate: () => jadeFace.regenerateCertificate(),
    faults: jadeFace.http.faults,
    get requestCount(): number {
      return jadeFace.http.requestCount
    },
    get loginCount(): number {
      return jadeFace.loginCount
    },
    face: jadeFace,
  }
  return jade
}

export { ManualClock, RealClock, type Clock } from './clock'
export type { FaultSpec, FaultKind } from './faults'
export { PbxState, PbxError } from './pbx-state'
export { Scenario, type Step, type InboundCallOptions, type PlacedCallOptions } from './scenario'
export type * from './pbx-types'
