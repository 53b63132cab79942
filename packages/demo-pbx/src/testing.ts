/**
 * The demo PBX as tests and benchmarks drive it (the testing entry): every face
 * at once over one office, scripted scenarios, request counters and fault
 * injection, and the per-dialect table the bench and reliability suites loop
 * over (dialects.ts). The app never loads this file.
 */
import type { AutopilotOptions } from './autopilot'
import type { Clock } from './clock'
import {
  jadeAccess,
  pbxcloudAccess,
  pickFormatSeed,
  restv1Access,
  startSimulation,
  type DemoAccess,
  type DemoDialect,
} from './demo-run'
import { demoOwnExtension, demoTenant } from './demo-office-data'
import { JadeFace } from './jade-face'
import { PbxcloudFace } from './pbxcloud-face'
import type { PbxState } from './pbx-state'
import { PbxError } from './pbx-error'
import { tapFace } from './request-tap'
import { TestRestv1Face } from './restv1-testing'
import { Scenario } from './scenario'
import type { JadeEndpoint, PbxcloudEndpoint, Restv1Endpoint } from './testing-endpoints'

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
   * self-signed certificate.
   */
  jade?: boolean
  /** The face `access` describes (what the app's demo account speaks); default PBXCloud. */
  dialect?: DemoDialect
}

export interface DemoPbx {
  state: PbxState
  scenario: Scenario
  pbxcloud: PbxcloudEndpoint
  restv1: Restv1Endpoint
  jade: JadeEndpoint
  /** How the demo account reaches the face of `options.dialect` (see DemoOffice). */
  readonly access: DemoAccess
  accessOf(dialect: DemoDialect): DemoAccess
  close(): Promise<void>
}

export async function startDemoPbx(options: DemoPbxOptions = {}): Promise<DemoPbx> {
  const sim = startSimulation(options, (state, tenant) => new Scenario(state, tenant))
  const { state, keys } = sim
  const face = new PbxcloudFace(state, {
    port: options.port ?? 0,
    formatSeed: pickFormatSeed(options.formatSeed),
  })
  await face.listen()
  const tap = tapFace(face.http)
  const pbxcloud: PbxcloudEndpoint = {
    url: face.url,
    tenant: demoTenant,
    apiKey: keys.apiKey,
    readOnlyKey: keys.readOnlyKey,
    ownExtension: demoOwnExtension,
    formatSeed: face.formatSeed,
    faults: tap.faults,
    get requestCount(): number {
      return tap.requestCount
    },
    countOf: (reqtype) => tap.countOf(reqtype),
    resetCounts: () => tap.resetCounts(),
    face,
  }
  const restv1Face = new TestRestv1Face(state, {
    tenant: demoTenant,
    userExtension: demoOwnExtension,
  })
  await restv1Face.listen()
  const restTap = tapFace(restv1Face.http, { token_expiry: () => restv1Face.expireTokens() })
  const restv1: Restv1Endpoint = {
    url: restv1Face.url,
    clientId: restv1Face.clientId,
    clientSecret: restv1Face.clientSecret,
    extensionId: restv1Face.extensionId,
    faults: restTap.faults,
    get requestCount(): number {
      return restTap.requestCount
    },
    countOf: (name) => restTap.countOf(name),
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
  const accessOf = (dialect: DemoDialect): DemoAccess => {
    if (dialect === 'restv1') return restv1Access(restv1Face)
    if (dialect === 'jade') {
      if (!jadeFace)
        throw new PbxError('the jade face was not started (startDemoPbx({ jade: false }))')
      return jadeAccess(jadeFace)
    }
    return pbxcloudAccess(face, keys)
  }
  return {
    state,
    scenario: sim.calls,
    pbxcloud,
    restv1,
    get jade(): JadeEndpoint {
      if (!jade) throw new PbxError('the jade face was not started (startDemoPbx({ jade: false }))')
      return jade
    },
    get access(): DemoAccess {
      return accessOf(options.dialect ?? 'pbxcloud')
    },
    accessOf,
    async close(): Promise<void> {
      sim.stop()
      await face.close()
      await restv1Face.close()
      await jadeFace?.close()
    },
  }
}

/**
 * The app's demo, started the testing way: what `createAppCore`'s `demo.start`
 * takes in tests, so they drive the office the app is connected to.
 */
export function startDemoForApp(options: {
  dialect?: DemoDialect
  seed?: number
  office?: boolean
  officeIntervalMs?: number
  clock?: Clock
}): Promise<DemoPbx> {
  return startDemoPbx({ ...options, jade: options.dialect === 'jade' })
}

async function jadeEndpoint(jadeFace: JadeFace): Promise<JadeEndpoint> {
  await jadeFace.listen()
  const tap = tapFace(jadeFace.http, {
    token_expiry: () => jadeFace.expireTokens(),
    socket_drop: () => jadeFace.dropSockets(),
  })
  const jadeUser = jadeFace.user()
  return {
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
    faults: tap.faults,
    get requestCount(): number {
      return tap.requestCount
    },
    countOf: (name) => tap.countOf(name),
    get loginCount(): number {
      return jadeFace.loginCount
    },
    face: jadeFace,
  }
}

export { ManualClock, RealClock, type Clock } from './clock'
export type { FaultSpec, FaultKind, FaultInjector, FaultRequest } from './faults'
export type { HiddenCall } from './hidden-calls'
export { demoPhonebook } from './demo-office-data'
export { PbxState, PbxError } from './pbx-state'
export { Scenario, type Step, type InboundCallOptions, type PlacedCallOptions } from './scenario'
export type { DemoAccess, DemoDialect } from './demo-run'
export type { JadeEndpoint, PbxcloudEndpoint, Restv1Endpoint } from './testing-endpoints'
export type * from './pbx-types'
export { dialectFixtures, type DialectFixture, type SendText, type TextRequest } from './dialects'
