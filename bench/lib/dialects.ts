/**
 * The app's side of the demo package's dialect fixture table: for each face, the
 * account a session uses to reach it and the real provider that reads it. What
 * is the demo's (counters, faults, secrets, hidden calls) is in
 * `@switchboard/demo-pbx/testing` (dialects.ts there). Everything in bench/ and
 * tests/reliability/ loops over these runners.
 */
import { dialectFixtures, type DemoPbx, type DialectFixture } from '@switchboard/demo-pbx/testing'
import { demoAccount } from '../../src/main/core/app/demo-account'
import { createProvider, type ProviderOptions, type RuntimeAccount } from '../../src/main/providers'
import type { PbxProvider } from '../../src/main/providers/provider'
import { sendText, type TextRequest } from './fetch-text'

export type ProviderTuning = ProviderOptions

export interface DialectRunner extends Omit<DialectFixture, 'callsRequest'> {
  /** The account a session uses to reach the demo's face (secrets included). */
  account(demo: DemoPbx, id?: string): RuntimeAccount
  /** The real provider for `account`, tuned for a simulation. */
  provider(account: RuntimeAccount, tuning: ProviderTuning): PbxProvider
  /**
   * The request a calls poll sends, signed as the provider signs it (for the
   * latency floor's round trip). Fetches a token first where the dialect needs one.
   */
  callsRequest(demo: DemoPbx): Promise<TextRequest>
}

const runnerFor = (fixture: DialectFixture): DialectRunner => ({
  ...fixture,
  account: (demo, id = 'bench') => ({
    ...demoAccount(demo.accessOf(fixture.dialect)),
    id,
    displayName: 'Bench office',
    demo: false,
  }),
  provider: (account, tuning) => createProvider(account, tuning),
  callsRequest: (demo) => fixture.callsRequest(demo, (req) => sendText(req)),
})

export const dialectRunners: readonly DialectRunner[] = dialectFixtures.map(runnerFor)

export function runnerOf(dialect: RuntimeAccount['dialect']): DialectRunner {
  const found = dialectRunners.find((runner) => runner.dialect === dialect)
  if (!found) throw new Error(`no runner for ${dialect}`)
  return found
}

export function runnersFor(demo: DemoPbx): DialectRunner[] {
  return dialectRunners.filter((runner) => runner.available(demo))
}
