import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SettingsFile, defaultSettings } from '../../src/main/settings'

async function dir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'sb-settings-'))
}

const account = {
  id: 'office',
  dialect: 'pbxcloud' as const,
  displayName: 'Office',
  baseUrl: 'https://portal.pbxcloud.eu/pbx/proxyapi.php',
  tenant: 'DEMO',
  ownExtension: '402-DEMO',
}

describe('the settings file', () => {
  it('starts with defaults when there is no file', async () => {
    const file = new SettingsFile(await dir())
    const loaded = await file.load()
    expect(loaded.settings).toEqual(defaultSettings())
    expect(loaded.notice).toBeUndefined()
  })

  it('keeps what was saved, and leaves no temp files behind', async () => {
    const where = await dir()
    const file = new SettingsFile(where)
    const settings = { ...defaultSettings(), accounts: [account] }
    await file.save(settings)
    expect((await new SettingsFile(where).load()).settings.accounts).toEqual([account])
    expect(await readdir(where)).toEqual(['settings.json'])
  })

  it('sets a corrupt file aside as .bak, starts with defaults and says so', async () => {
    const where = await dir()
    await writeFile(join(where, 'settings.json'), '{"version": 1, "accounts": [')
    const loaded = await new SettingsFile(where).load()
    expect(loaded.settings).toEqual(defaultSettings())
    expect(loaded.notice).toMatch(/could not be read \(it is not valid JSON\)/)
    expect(await readFile(join(where, 'settings.json.bak'), 'utf8')).toBe(
      '{"version": 1, "accounts": [',
    )
  })

  it('sets aside a file whose contents break the schema', async () => {
    const where = await dir()
    await writeFile(
      join(where, 'settings.json'),
      JSON.stringify({ version: 1, accounts: 'not a list' }),
    )
    const loaded = await new SettingsFile(where).load()
    expect(loaded.notice).toMatch(/contents are not valid/)
    expect(loaded.settings.accounts).toEqual([])
  })

  it('keeps the rest of an older file when one account or preference fails today’s checks', async () => {
    const where = await dir()
    const old = {
      version: 1,
      accounts: [
        account,
        { ...account, id: 'lan', baseUrl: 'http://pbx.lan/pbx/proxyapi.php' },
        { id: '../x' },
      ],
      preferences: { dialShortcut: 'F9', theme: 'dark' },
    }
    await writeFile(join(where, 'settings.json'), JSON.stringify(old))
    const loaded = await new SettingsFile(where).load()
    expect(loaded.settings.accounts).toEqual([account])
    expect(loaded.settings.preferences.theme).toBe('dark')
    expect(loaded.settings.preferences.dialShortcut).toBe('CommandOrControl+Shift+D')
    expect(loaded.notice).toMatch(/left out \(account lan, account #3, preference dialShortcut\)/)
    expect(JSON.parse(await readFile(join(where, 'settings.json.bak'), 'utf8'))).toEqual(old)
  })

  it('migrates a file written before settings had a version, keeping its accounts', async () => {
    const where = await dir()
    await writeFile(join(where, 'settings.json'), JSON.stringify({ accounts: [account] }))
    const loaded = await new SettingsFile(where).load()
    expect(loaded.notice).toBeUndefined()
    expect(loaded.settings.version).toBe(1)
    expect(loaded.settings.accounts).toEqual([account])
    expect(loaded.settings.preferences.defaultCountry).toBe('DK')
  })
})
