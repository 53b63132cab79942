/**
 * The demo PBX as the app runs it when no account is configured (the product
 * entry): one simulated office behind only the face the demo account speaks.
 * The app loads this lazily, with `import()`, only when it needs the demo. Test
 * hooks (every face at once, scripted scenarios, request counters, fault
 * injection) are in the testing entry, `@switchboard/demo-pbx/testing`.
 */
import { CallScript } from './call-script'
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
import { Restv1Face } from './restv1-face'

export interface DemoOfficeOptions {
  /** The face the demo account speaks (default PBXCloud); only that one is started. */
  dialect?: DemoDialect
  seed?: number
  /** Start the seeded random office traffic. */
  office?: boolean
  /** Office call spacing (default 20 s). */
  officeIntervalMs?: number
  /** Defaults to the wall clock. */
  clock?: Clock
}

/** What the app holds of a running demo: how to reach it, its state, and its end. */
export interface DemoOffice {
  readonly state: PbxState
  readonly access: DemoAccess
  close(): Promise<void>
}

export async function startDemoOffice(options: DemoOfficeOptions = {}): Promise<DemoOffice> {
  const sim = startSimulation(options, (state, tenant) => new CallScript(state, tenant))
  const face = await startFace(options.dialect ?? 'pbxcloud', sim.state, sim.keys)
  return {
    state: sim.state,
    access: face.access,
    async close(): Promise<void> {
      sim.stop()
      await face.close()
    },
  }
}

async function startFace(
  dialect: DemoDialect,
  state: PbxState,
  keys: Parameters<typeof pbxcloudAccess>[1],
): Promise<{ access: DemoAccess; close(): Promise<void> }> {
  switch (dialect) {
    case 'restv1': {
      const face = new Restv1Face(state, { tenant: demoTenant, userExtension: demoOwnExtension })
      await face.listen()
      return { access: restv1Access(face), close: () => face.close() }
    }
    case 'jade': {
      // Needs the `openssl` command for its self-signed certificate.
      const face = new JadeFace(state, { tenant: demoTenant, ownExtension: demoOwnExtension })
      await face.listen()
      return { access: jadeAccess(face), close: () => face.close() }
    }
    default: {
      const face = new PbxcloudFace(state, { port: 0, formatSeed: pickFormatSeed(undefined) })
      await face.listen()
      return { access: pbxcloudAccess(face, keys), close: () => face.close() }
    }
  }
}

export type { DemoAccess, DemoDialect } from './demo-run'
export type { Clock } from './clock'
