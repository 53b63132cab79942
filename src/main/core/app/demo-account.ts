/**
 * The account the app runs when none is configured: the embedded demo PBX, over
 * whichever of its three faces was chosen. Its secrets come from the demo itself
 * and, like every secret, stay in the main process.
 */
import type {
  Clock as DemoClock,
  DemoAccess,
  DemoOffice,
  DemoOfficeOptions,
} from '@switchboard/demo-pbx'
import type { AccountConfig } from '../../../shared/account-config'
import type { RuntimeAccount } from '../../providers'

export const DEMO_ACCOUNT_ID = 'demo'

/** The demo account for the face of the demo PBX that was started; secrets stay in main. */
export function demoAccount(access: DemoAccess): RuntimeAccount {
  const common = { id: DEMO_ACCOUNT_ID, demo: true }
  switch (access.dialect) {
    case 'restv1':
      return {
        ...common,
        dialect: 'restv1',
        displayName: 'Demo office (REST API)',
        host: access.url,
        clientId: access.clientId,
        extensionId: String(access.extensionId),
        ownExtension: access.ownExtension,
        secret: access.clientSecret,
      }
    case 'jade':
      return {
        ...common,
        dialect: 'jade',
        displayName: 'Demo office (jade)',
        baseUrl: access.url,
        username: access.username,
        adminUsername: access.adminUsername,
        wsUrl: access.wsUrl,
        pinnedFingerprint: access.fingerprint,
        ownExtension: access.ownExtension,
        secret: access.password,
        adminSecret: access.adminPassword,
      }
    case 'pbxcloud':
      return {
        ...common,
        dialect: 'pbxcloud',
        displayName: 'Demo office',
        baseUrl: access.url,
        tenant: access.tenant,
        ownExtension: `${access.ownExtension}-${access.tenant}`,
        secret: access.apiKey,
      }
  }
}

export interface DemoOptions<D extends DemoOffice = DemoOffice> {
  /** Which face of the demo PBX the demo account speaks (default PBXCloud). */
  dialect?: AccountConfig['dialect']
  seed?: number
  /** Random office traffic (default true). */
  office?: boolean
  officeIntervalMs?: number
  /** The demo's own clock (tests); defaults to wall time. */
  clock?: DemoClock
  /**
   * Starts the demo. The app loads the demo package's product entry lazily, only
   * when no account exists; tests pass the testing entry's `startDemoForApp` to
   * drive the office (scenarios, faults) the app is connected to.
   */
  start?: (options: DemoOfficeOptions) => Promise<D>
}

/** The app's demo: the demo package's product entry, loaded only when first needed. */
async function startProductDemo(options: DemoOfficeOptions): Promise<DemoOffice> {
  const { startDemoOffice } = await import('@switchboard/demo-pbx')
  return startDemoOffice(options)
}

/** Starts only the face the account speaks (jade's needs openssl for its certificate). */
export function startDemo<D extends DemoOffice>(options: DemoOptions<D>): Promise<D> {
  // Without `start`, D is the default DemoOffice: the product entry's own type.
  const start = options.start ?? (startProductDemo as (o: DemoOfficeOptions) => Promise<D>)
  return start({
    dialect: options.dialect ?? 'pbxcloud',
    seed: options.seed ?? 7,
    office: options.office ?? true,
    ...(options.officeIntervalMs ? { officeIntervalMs: options.officeIntervalMs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  })
}
