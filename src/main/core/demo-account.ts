/**
 * The account the app runs when none is configured: the embedded demo PBX, over
 * whichever of its three faces was chosen. Its secrets come from the demo itself
 * and, like every secret, stay in the main process.
 */
import type { AccountConfig } from '../../shared/account-config'
import type { DemoPbx } from '../demo'
import type { RuntimeAccount } from '../providers'

export const DEMO_ACCOUNT_ID = 'demo'

/** The demo account for the chosen face of the demo PBX; secrets stay in main. */
export function demoAccount(demo: DemoPbx, dialect: AccountConfig['dialect']): RuntimeAccount {
  const common = { id: DEMO_ACCOUNT_ID, demo: true }
  switch (dialect) {
    case 'restv1':
      return {
        ...common,
        dialect,
        displayName: 'Demo office (REST API)',
        host: demo.restv1.url,
        clientId: demo.restv1.clientId,
        extensionId: String(demo.restv1.extensionId),
        ownExtension: '201',
        secret: demo.restv1.clientSecret,
      }
    case 'jade':
      return {
        ...common,
        dialect,
        displayName: 'Demo office (jade)',
        baseUrl: demo.jade.url,
        username: demo.jade.username,
        adminUsername: demo.jade.adminUsername,
        wsUrl: demo.jade.wsUrl,
        pinnedFingerprint: demo.jade.fingerprint,
        ownExtension: '201',
        secret: demo.jade.password,
        adminSecret: demo.jade.adminPassword,
      }
    default:
      return {
        ...common,
        dialect: 'pbxcloud',
        displayName: 'Demo office',
        baseUrl: demo.pbxcloud.url,
        tenant: demo.pbxcloud.tenant,
        ownExtension: `${demo.pbxcloud.ownExtension}-${demo.pbxcloud.tenant}`,
        secret: demo.pbxcloud.apiKey,
      }
  }
}
