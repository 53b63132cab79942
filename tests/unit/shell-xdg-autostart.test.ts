/**
 * Linux: start at login through an XDG autostart entry, and the AppImage's own
 * application entry for tel:/callto:/sip: links; every file in a temporary HOME.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import { fakeCore } from '../support/fake-electron-core'
import {
  applicationsFile,
  autostartFile,
  installAppImageEntry,
  quoteExecArg,
  startsHidden,
  xdgEnvFrom,
  type XdgEnv,
} from '../../src/main/shell/xdg-entries'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let home: string
let electron: FakeElectron
let env: XdgEnv

beforeEach(async () => {
  electron = resetFake()
  home = await mkdtemp(join(tmpdir(), 'sb-home-'))
  env = xdgEnvFrom({}, home, '/opt/Switchboard/switchboard')
})
afterEach(() => rm(home, { recursive: true, force: true }))

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  )

async function autoLaunchOn(xdg: XdgEnv, initial: boolean) {
  const { setupAutoLaunch } = await import('../../src/main/shell/auto-launch')
  const faked = fakeCore({ autoLaunch: initial })
  setupAutoLaunch(faked.core, undefined, { platform: 'linux', xdg })
  return faked
}

describe('start at login on Linux', () => {
  it('writes an autostart entry that starts Switchboard hidden in the tray', async () => {
    await autoLaunchOn(env, true)
    const path = join(home, '.config/autostart/switchboard.desktop')
    await vi.waitFor(() => expect(exists(path)).resolves.toBe(true))
    const entry = await readFile(path, 'utf8')
    expect(entry).toContain('[Desktop Entry]\nType=Application\n')
    expect(entry).toContain('Exec="/opt/Switchboard/switchboard" --hidden\n')
    expect(electron.electron.app.loginItemSettings).toEqual([])
  })

  it('removes the entry when the agent turns it off, and ends as the last choice', async () => {
    const { core } = await autoLaunchOn(env, true)
    await core.setPreferences({ autoLaunch: false })
    await core.setPreferences({ autoLaunch: true })
    await core.setPreferences({ autoLaunch: false })
    await vi.waitFor(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(await exists(autostartFile(env))).toBe(false)
    })
  })

  it('starts the AppImage file, not its temporary mount, and honours XDG_CONFIG_HOME', async () => {
    const xdg = xdgEnvFrom(
      { APPIMAGE: '/home/a/Apps/Switch board.AppImage', XDG_CONFIG_HOME: join(home, 'cfg') },
      home,
      '/tmp/.mount_Switch1x/switchboard',
    )
    await autoLaunchOn(xdg, true)
    const path = join(home, 'cfg/autostart/switchboard.desktop')
    await vi.waitFor(() => expect(exists(path)).resolves.toBe(true))
    expect(await readFile(path, 'utf8')).toContain(
      'Exec="/home/a/Apps/Switch board.AppImage" --hidden\n',
    )
  })

  it('is not written for a development build (it would start bare Electron)', async () => {
    const { setupAutoLaunch } = await import('../../src/main/shell/auto-launch')
    const { core } = fakeCore({ autoLaunch: true })
    setupAutoLaunch(core, undefined, { platform: 'linux', xdg: env, packaged: false })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await exists(autostartFile(env))).toBe(false)
  })

  it('tells the agent when the entry cannot be written', async () => {
    // A file where the config folder should be: nothing can be written below it.
    const file = join(home, 'not-a-folder')
    await writeFile(file, '')
    const blocked = xdgEnvFrom({ XDG_CONFIG_HOME: file }, home, '/x')
    const { notices } = await autoLaunchOn(blocked, true)
    await vi.waitFor(() =>
      expect(notices[0]?.text).toMatch(/^Start at login could not be changed: /),
    )
  })
})

describe('the AppImage’s application entry', () => {
  it('registers the link schemes for the AppImage file, in XDG_DATA_HOME or ~/.local/share', async () => {
    const xdg = xdgEnvFrom({ APPIMAGE: '/home/a/Switchboard.AppImage' }, home, '/tmp/.mount/x')
    expect(await installAppImageEntry(xdg)).toBe(true)
    const entry = await readFile(
      join(home, '.local/share/applications/switchboard.desktop'),
      'utf8',
    )
    expect(entry).toContain('Exec="/home/a/Switchboard.AppImage" %U\n')
    expect(entry).toContain(
      'MimeType=x-scheme-handler/tel;x-scheme-handler/callto;x-scheme-handler/sip;\n',
    )
    // Unchanged: not written again.
    expect(await installAppImageEntry(xdg)).toBe(false)
    const elsewhere = xdgEnvFrom(
      { ...{ APPIMAGE: '/a.AppImage' }, XDG_DATA_HOME: '/d' },
      home,
      '/x',
    )
    expect(applicationsFile(elsewhere)).toBe('/d/applications/switchboard.desktop')
  })

  it('is not written by a deb or rpm install (their package has one)', async () => {
    expect(await installAppImageEntry(env)).toBe(false)
    expect(await exists(applicationsFile(env))).toBe(false)
  })

  it('quotes paths as the Desktop Entry spec asks', () => {
    expect(quoteExecArg('/opt/a b/switchboard')).toBe('"/opt/a b/switchboard"')
    expect(quoteExecArg('/x/$HOME`"\\100%')).toBe('"/x/\\\\$HOME\\\\`\\\\"\\\\\\\\100%%"')
  })
})

describe('starting hidden', () => {
  it('happens when started at login on any OS, and not otherwise', () => {
    expect(startsHidden({ argv: ['/opt/Switchboard/switchboard', '--hidden'] })).toBe(true)
    expect(startsHidden({ argv: ['x'], wasOpenedAsHidden: true })).toBe(true)
    expect(startsHidden({ argv: ['x'], wasOpenedAtLogin: true })).toBe(true)
    expect(startsHidden({ argv: ['x', 'tel:+4512345678'], wasOpenedAtLogin: false })).toBe(false)
  })
})
