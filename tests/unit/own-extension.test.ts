/**
 * The agent's own extension as the window shows it: a PBXCloud account may be set
 * up with its SIP user (`402-DEMO`, as the portal lists it); the agent knows 402.
 * The provider layer decides that, not the core.
 */
import { describe, expect, it } from 'vitest'
import { summarise } from '../../src/main/core/app/app-accounts'
import { ownExtensionOf } from '../../src/main/providers'
import type { AccountConfig } from '../../src/shared/account-config'

const pbxcloud = (ownExtension: string): AccountConfig => ({
  id: 'office',
  dialect: 'pbxcloud',
  displayName: 'Office',
  baseUrl: 'https://pbx.example.com/pbx/proxyapi.php',
  tenant: 'DEMO',
  ownExtension,
})

describe('the agent’s own extension', () => {
  it('shows a PBXCloud agent set up as 402-DEMO the extension 402', () => {
    expect(ownExtensionOf(pbxcloud('402-DEMO'))).toBe('402')
    expect(ownExtensionOf(pbxcloud('402'))).toBe('402')
    expect(summarise(pbxcloud('402-DEMO')).ownExtension).toBe('402')
  })

  it('takes a REST or jade extension as it was set, dashes and all', () => {
    const rest: AccountConfig = {
      id: 'rest',
      dialect: 'restv1',
      displayName: 'REST',
      host: 'https://api.example.com',
      clientId: 'client',
      ownExtension: '12-34',
    }
    expect(ownExtensionOf(rest)).toBe('12-34')
  })
})
