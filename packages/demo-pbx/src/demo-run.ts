/**
 * What both entries start: the simulated office on its clock (tenant, keys,
 * autopilot, the seeded office traffic), and how the demo account reaches each
 * face. The entries differ only in what they put on top (the testing entry: every
 * face, scripted scenarios, counters and faults).
 */
import { randomBytes, randomInt } from 'node:crypto'
import { Autopilot, type AutopilotOptions } from './autopilot'
import type { CallScript } from './call-script'
import { RealClock, type Clock } from './clock'
import { buildDemoTenant, demoOwnExtension, demoTenant, type DemoKeys } from './demo-office-data'
import type { JadeFace } from './jade-face'
import { startOffice } from './office'
import type { PbxcloudFace } from './pbxcloud-face'
import { PbxState } from './pbx-state'
import { Random } from './random'
import type { Restv1Face } from './restv1-face'

export type DemoDialect = 'pbxcloud' | 'restv1' | 'jade'

export interface SimulationOptions {
  /** Defaults to the wall clock; tests pass a `ManualClock`. */
  clock?: Clock
  seed?: number
  /** Seeds the keys, passwords and ids the faces issue; random per run when absent. */
  credentialSeed?: number
  /** Start the seeded random office traffic. */
  office?: boolean
  /** Office call spacing (default 20 s). */
  officeIntervalMs?: number
  /** How the far side answers what the app asks for; `false` turns it off. */
  autopilot?: AutopilotOptions | false
}

export interface Simulation<S extends CallScript> {
  state: PbxState
  keys: DemoKeys
  calls: S
  stop(): void
}

/** 53 random bits: the most a number seed carries exactly. */
function randomCredentialSeed(): number {
  return Number(randomBytes(8).readBigUInt64BE() >> 11n)
}

export function startSimulation<S extends CallScript>(
  options: SimulationOptions,
  script: (state: PbxState, tenant: string) => S,
): Simulation<S> {
  const clock = options.clock ?? new RealClock()
  const seed = options.seed ?? 1
  // The seed makes the office's traffic repeatable; the keys and passwords come
  // from a random one per run, so nobody can know them without reading them here.
  const state = new PbxState(clock, options.credentialSeed ?? randomCredentialSeed())
  const keys = buildDemoTenant(state, new Random(seed))
  const calls = script(state, demoTenant)
  const autopilot =
    options.autopilot === false
      ? undefined
      : new Autopilot(state, options.autopilot ?? (options.office ? { talkMs: 90_000 } : {}))
  const office = options.office
    ? startOffice(state, calls, {
        seed,
        ...(options.officeIntervalMs ? { meanIntervalMs: options.officeIntervalMs } : {}),
      })
    : undefined
  return {
    state,
    keys,
    calls,
    stop(): void {
      office?.stop()
      autopilot?.stop()
      if (clock instanceof RealClock && !options.clock) clock.clearAll()
    },
  }
}

/**
 * The PBXCloud face's format seed: DEMO_FORMAT_SEED when set (to replay a
 * failure), else new each start, so runs vary.
 */
export function pickFormatSeed(given: number | undefined): number {
  const fromEnv = Number.parseInt(process.env.DEMO_FORMAT_SEED ?? '', 10)
  return given ?? (Number.isFinite(fromEnv) ? fromEnv : randomInt(1, 2 ** 31))
}

/** How the demo account reaches one face; secrets included, so it stays in main. */
export type DemoAccess =
  | {
      dialect: 'pbxcloud'
      /** Full API URL, `http://127.0.0.1:<port>/pbx/proxyapi.php`. */
      url: string
      tenant: string
      apiKey: string
      ownExtension: string
    }
  | {
      dialect: 'restv1'
      /** Origin: API under `/api/ver1.0`, tokens at `/oauth/token`. */
      url: string
      clientId: string
      clientSecret: string
      extensionId: number
      ownExtension: string
    }
  | {
      dialect: 'jade'
      /** Origin, `https://127.0.0.1:<port>` (self-signed): API under `/v1`. */
      url: string
      wsUrl: string
      username: string
      password: string
      adminUsername: string
      adminPassword: string
      /** SHA-256 of the certificate, `AA:BB:…`. */
      fingerprint: string
      ownExtension: string
    }

export function pbxcloudAccess(face: PbxcloudFace, keys: DemoKeys): DemoAccess {
  return {
    dialect: 'pbxcloud',
    url: face.url,
    tenant: demoTenant,
    apiKey: keys.apiKey,
    ownExtension: demoOwnExtension,
  }
}

export function restv1Access(face: Restv1Face): DemoAccess {
  return {
    dialect: 'restv1',
    url: face.url,
    clientId: face.clientId,
    clientSecret: face.clientSecret,
    extensionId: face.extensionId,
    ownExtension: demoOwnExtension,
  }
}

export function jadeAccess(face: JadeFace): DemoAccess {
  const user = face.user()
  return {
    dialect: 'jade',
    url: face.url,
    wsUrl: face.wsUrl,
    username: user.username,
    password: user.password,
    adminUsername: face.directory.admin.username,
    adminPassword: face.directory.admin.password,
    fingerprint: face.fingerprint,
    ownExtension: demoOwnExtension,
  }
}
