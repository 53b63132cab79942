/** Adding accounts up to the cap the settings file holds. */
import { describe, expect, it } from 'vitest'
import { accountAdmin, MAX_ACCOUNTS } from '../../src/main/core/app/account-admin'
import { createMemoryBackend, SecretStore } from '../../src/main/secrets/secret-store'
import { defaultSettings, settingsSchema } from '../../src/main/settings'
import type { AccountConfig } from '../../src/shared/account-config'

function account(n: number): AccountConfig {
  return {
    id: `a${n}`,
    dialect: 'pbxcloud',
    displayName: `Account ${n}`,
    baseUrl: 'https://pbx.example.com/pbx/proxyapi.php',
    tenant: 'T',
    ownExtension: '201',
  }
}

describe('the account cap', () => {
  it('refuses a 51st account before adding it, so the 50 keep saving', async () => {
    const settings = defaultSettings()
    for (let n = 0; n < MAX_ACCOUNTS; n++) settings.accounts.push(account(n))
    const secrets = new SecretStore(createMemoryBackend())
    let saves = 0
    const admin = accountAdmin({
      settings,
      secrets,
      changed: async () => {
        saves += 1
        settingsSchema.parse(settings)
        return []
      },
    })
    await expect(admin.save({ config: account(MAX_ACCOUNTS), secret: 'k' })).rejects.toMatchObject({
      kind: 'invalid_argument',
      detail: { code: 'invalid_argument.too_many_accounts' },
    })
    expect(settings.accounts).toHaveLength(MAX_ACCOUNTS)
    expect(await secrets.get(`a${MAX_ACCOUNTS}`, 'apiKey')).toBeNull()
    expect(saves).toBe(0)
    // Editing one of the 50 still works.
    await admin.save({ config: { ...account(3), displayName: 'Renamed' } })
    expect(saves).toBe(1)
  })
})
