/**
 * The account the app runs when none is configured: the embedded demo PBX, over
 * whichever of its three faces was chosen. Its secrets come from the demo itself
 * and, like every secret, stay in the main process.
 */
import type { DemoAccess } from '@switchboard/demo-pbx'
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
