/**
 * One entry per dialect the demo PBX speaks: how to point a real provider at the
 * demo's face, how to count the requests that face received, and where its faults
 * are injected. Everything in bench/ and tests/reliability/ loops over this table,
 * so a new dialect (REST ver1.0 `restv1`, `jade`) is one more entry here once the
 * demo exposes its face and `createProvider` builds its provider.
 */
import type { DemoPbx } from '../../src/main/demo'
import type { FaultInjector } from '../../src/main/demo/faults'
import type { RuntimeAccount } from '../../src/main/providers'
import { PbxCloudProvider } from '../../src/main/providers/pbxcloud/pbxcloud-provider'
import type { PbxProvider } from '../../src/main/providers/provider'

export interface ProviderTuning {
  now?: () => number
  /** Per-request timeout (real milliseconds); short in soaks so a hang costs little. */
  timeoutMs?: number
}

export interface DialectRunner {
  dialect: RuntimeAccount['dialect']
  /** Whether this demo exposes the dialect's face. */
  available(demo: DemoPbx): boolean
  /** The account a session uses to reach the demo's face (secret included). */
  account(demo: DemoPbx, id?: string): RuntimeAccount
  /** The credential that must never leak (logs, bridge traffic, DOM, files). */
  secret(demo: DemoPbx): string
  /** The real provider for `account`, tuned for a simulation. */
  provider(account: RuntimeAccount, tuning: ProviderTuning): PbxProvider
  /** Requests the face has received so far (faulted ones included). */
  requestCount(demo: DemoPbx): number
  faults(demo: DemoPbx): FaultInjector
  /** The request whose round trip is the latency floor's network part (the calls poll). */
  callsRequest(demo: DemoPbx): { url: string; init?: RequestInit }
  /** The agent the demo office is built around. */
  ownExtension: string
}

const pbxcloud: DialectRunner = {
  dialect: 'pbxcloud',
  available: () => true,
  account: (demo, id = 'bench') => ({
    id,
    dialect: 'pbxcloud',
    displayName: 'Bench office',
    baseUrl: demo.pbxcloud.url,
    tenant: demo.pbxcloud.tenant,
    ownExtension: `${demo.pbxcloud.ownExtension}-${demo.pbxcloud.tenant}`,
    secret: demo.pbxcloud.apiKey,
  }),
  secret: (demo) => demo.pbxcloud.apiKey,
  provider: (account, tuning) => {
    if (account.dialect !== 'pbxcloud') throw new Error('not a PBXCloud account')
    return new PbxCloudProvider(
      account.id,
      { baseUrl: account.baseUrl, tenant: account.tenant, ownExtension: account.ownExtension },
      account.secret,
      tuning,
    )
  },
  requestCount: (demo) => demo.pbxcloud.requestCount,
  faults: (demo) => demo.pbxcloud.faults,
  callsRequest: (demo) => {
    const url = new URL(demo.pbxcloud.url)
    url.searchParams.set('reqtype', 'CHANNELS')
    url.searchParams.set('key', demo.pbxcloud.apiKey)
    url.searchParams.set('tenant', demo.pbxcloud.tenant)
    url.searchParams.set('format', 'json')
    return { url: url.href }
  },
  ownExtension: '201',
}

/** Add `restv1` and `jade` here when the demo and `createProvider` support them. */
export const dialectRunners: readonly DialectRunner[] = [pbxcloud]

export function runnersFor(demo: DemoPbx): DialectRunner[] {
  return dialectRunners.filter((runner) => runner.available(demo))
}
