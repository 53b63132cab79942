/** What the testing entry hands a test for each face: its address, secrets, counters and faults. */
import type { FaultInjector } from './faults'
import type { TestingJadeFace } from './testing-jade-face'
import type { TestingPbxcloudFace } from './testing-pbxcloud-face'
import type { TestingRestv1Face } from './testing-restv1-face'

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
  readonly face: TestingPbxcloudFace
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
  countOf(name: string): number
  /** `POST /oauth/token` requests so far. */
  readonly tokenRequests: number
  /** The face with the tests' hooks (restv1-testing.ts, testing-restv1-face.ts). */
  readonly face: TestingRestv1Face
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
  countOf(name: string): number
  /** Successful sign-ins (user and admin). */
  readonly loginCount: number
  readonly face: TestingJadeFace
}
