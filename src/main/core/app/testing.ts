/**
 * The core for tests and benchmarks: the same wiring as `createAppCore`, plus the
 * internals they drive (the sessions, the demo office). The shell and the browser
 * bridge never import this (ESLint); they see only `AppCore`.
 */
import type { DemoOffice } from '@switchboard/demo-pbx'
import { wireCore, type AppCore, type CoreInternals, type CoreOptions } from './app-core'

export type TestingCore<D extends DemoOffice = DemoOffice> = AppCore & {
  sessions: CoreInternals<D>['sessions']
  /** The running demo PBX, when the demo account was used. */
  readonly demo: D | null
}

export async function createTestingCore<D extends DemoOffice = DemoOffice>(
  options: CoreOptions<D>,
): Promise<TestingCore<D>> {
  const { core, internals } = await wireCore(options)
  return Object.defineProperties(
    { ...core, sessions: internals.sessions },
    { demo: { get: () => internals.demo(), enumerable: true } },
  ) as TestingCore<D>
}
