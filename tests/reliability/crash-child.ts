/**
 * Child process of the crash-safety test: writes the settings file and a session
 * store as fast as it can, for ever, until the parent kills it (SIGKILL). Prints
 * `ready` once a first complete state is on disk.
 */
import { SessionStore } from '../../src/main/core/session/store'
import { SettingsFile, defaultSettings, type Settings } from '../../src/main/settings'

export const ACCOUNTS = ['office', 'support', 'home']

export function settingsFor(round: number): Settings {
  const settings = defaultSettings()
  settings.accounts = ACCOUNTS.map((id) => ({
    id,
    dialect: 'pbxcloud' as const,
    displayName: `${id} ${round}`,
    baseUrl: 'https://portal.pbxcloud.eu/pbx/proxyapi.php',
    tenant: 'DEMO',
    ownExtension: '201-DEMO',
  }))
  return settings
}

async function main(): Promise<void> {
  const dir = process.argv[2]
  if (!dir) throw new Error('usage: crash-child <dir>')
  const file = new SettingsFile(dir)
  const store = await SessionStore.open(dir, 'office', Date.now())
  for (let round = 0; ; round++) {
    await file.save(settingsFor(round))
    for (let i = 0; i < 20; i++)
      store.claim(`call:${round}-${i}`, `office:${round}-${i}:ringing`, Date.now())
    await store.save(Date.now())
    if (round === 0) process.stdout.write('ready\n')
  }
}

if (process.argv[1]?.includes('crash-child')) void main()
