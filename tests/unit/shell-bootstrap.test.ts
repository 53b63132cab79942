/**
 * src/main/index.ts imported with the fake electron: what a user would notice of
 * the wiring. The window shows our app:// page, locked down exactly as listed;
 * a tel: link from a second instance reaches the confirm-dial request; closing
 * the window keeps Switchboard in the tray.
 */
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import { fakeLogDir } from '../support/fake-electron-log'
import { netRequested } from '../support/fake-electron-net'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)
vi.mock('electron-log/main', async () =>
  (await import('../support/fake-electron-log')).fakeElectronLog(),
)
vi.mock('@github/keytar', async () => (await import('../support/fake-keytar')).fakeKeytar())

let fake: FakeElectron
type Window = FakeElectron['windows'][number]

beforeEach(async () => {
  fake = resetFake()
  vi.resetModules()
  fake.electron.app.paths.userData = await mkdtemp(join(tmpdir(), 'sb-boot-'))
  // Desktop entries (autostart, AppImage) go to a temporary HOME, never the real one.
  vi.stubEnv('XDG_CONFIG_HOME', join(fake.electron.app.paths.userData, 'config'))
  vi.stubEnv('XDG_DATA_HOME', join(fake.electron.app.paths.userData, 'data'))
})

afterEach(async () => {
  vi.unstubAllEnvs()
  // Stops the sessions and the demo PBX the core started.
  fake.electron.app.emit('before-quit')
  await new Promise((resolve) => setTimeout(resolve, 100))
})

async function boot(): Promise<{ win: Window; readyAt: { ipc: boolean; app: boolean } }> {
  let readyAt = { ipc: false, app: false }
  const Base = fake.FakeBrowserWindow
  // Record what was in place when the first window was created.
  class Recording extends Base {
    constructor(options: Record<string, unknown>) {
      super(options)
      if (fake.windows.length === 1) {
        readyAt = {
          ipc: fake.handlers.has('switchboard:invoke'),
          app: fake.protocolHandlers.has('app'),
        }
      }
    }
  }
  ;(fake.electron as { BrowserWindow: unknown }).BrowserWindow = Recording
  await import('../../src/main/index')
  // Before ready: schemes are privileged, nothing is served or shown yet.
  expect(fake.privilegedSchemes).toHaveLength(2)
  expect(fake.protocolHandlers.size).toBe(0)
  expect(fake.windows).toHaveLength(0)
  fake.electron.app.setReady()
  await vi.waitFor(() => expect(fake.shell.trays).toHaveLength(1), { timeout: 10_000 })
  return { win: fake.windows[0]!, readyAt }
}

function eventsSent(win: Window, name: string): unknown[] {
  return win.webContents.sent
    .filter((m) => m.channel === 'switchboard:event' && m.args[0] === name)
    .map((m) => m.args[1])
}

describe('the bootstrap', () => {
  it('serves the app and media protocols, binds IPC, then opens app://switchboard/index.html', async () => {
    const { win, readyAt } = await boot()
    expect(readyAt).toEqual({ ipc: true, app: true })
    expect(win.loaded).toBe('app://switchboard/index.html')
    expect(win.shown).toBe(true)
    expect([...fake.protocolHandlers.keys()].sort()).toEqual(['app', 'switchboard-media'])
    expect([...fake.handlers.keys()]).toEqual(['switchboard:invoke'])
    // Phone links are the user's choice (Settings), not taken at start.
    expect(fake.electron.app.protocolClients).toEqual([])
    expect(fake.shortcuts.has('CommandOrControl+Shift+D')).toBe(true)
    // Linux: start at login is an XDG autostart entry, off by default.
    expect(fake.electron.app.loginItemSettings).toEqual([])
  })

  it('keeps a redacted log file and local crash reports from the start', async () => {
    await boot()
    expect(fake.electron.crashReporter.started).toEqual([{ uploadToServer: false, compress: true }])
    const text = await readFile(join(fakeLogDir, 'main.log'), 'utf8')
    // The core's own loggers reach the file through the injected default sink.
    expect(text).toMatch(/\[(core|main|session [^\]]+)\]/)
  })

  it('started at login, shows only the tray; an AppImage writes the entry its links need', async () => {
    vi.stubEnv('APPIMAGE', '/home/agent/Apps/Switchboard.AppImage')
    const argv = process.argv
    process.argv = [...argv, '--hidden']
    try {
      await boot()
    } finally {
      process.argv = argv
    }
    expect(fake.windows.filter((w) => w.loaded === 'app://switchboard/index.html')).toEqual([])
    // The entry is written once the tray is up, so wait for it rather than race it.
    const file = join(fake.electron.app.paths.userData!, 'data/applications/switchboard.desktop')
    const entry = await vi.waitFor(() => readFile(file, 'utf8'), { timeout: 10_000 })
    expect(entry).toContain('Exec="/home/agent/Apps/Switchboard.AppImage" %U')
  })

  it('asks the PBX through the system network stack (proxy, PAC, OS certificates)', async () => {
    netRequested.length = 0
    await boot()
    // The demo account speaks PBXCloud: its polls go through Electron's net.
    await vi.waitFor(() =>
      expect(netRequested.some((url) => url.includes('/proxyapi.php'))).toBe(true),
    )
  })

  it('asks a jade server through the system network stack on a session that keeps its pin', async () => {
    await boot()
    const { JadeProvider } = await import('../../src/main/providers/jade')
    const jade = new JadeProvider(
      'jade-acc',
      { baseUrl: 'http://127.0.0.1:9/', username: 'agent', pinnedFingerprint: 'AB'.repeat(32) },
      { password: 'pw' },
    )
    await jade.client.token('user').catch(() => undefined)
    expect(netRequested.some((url) => url.startsWith('http://127.0.0.1:9/v1/me/login'))).toBe(true)
    const partitions = fake.electron.session.partitions
    expect(partitions.map((p) => p.name)).toEqual([expect.stringMatching(/^jade-pin-/)])
    expect(partitions[0]!.verifyProc).toEqual(expect.any(Function))
    await jade.close()
    // Its push socket (Node's ws) asks the default session for the system proxy.
    const { secureSocket } = await import('../../src/main/providers/network')
    const failed = await new Promise<Error | null>((resolve) =>
      secureSocket({ host: '127.0.0.1', port: 9 }, 'the jade server', resolve),
    )
    expect(failed).toBeInstanceOf(Error)
    expect(fake.electron.session.proxyLookups).toEqual(['https://127.0.0.1:9/'])
  })

  it('logs an error nobody caught with its secrets masked, instead of Electron’s raw dialog', async () => {
    const before = process.listeners('uncaughtException')
    const rejections = process.listeners('unhandledRejection')
    await boot()
    const added = process.listeners('uncaughtException').filter((l) => !before.includes(l))
    const addedRejection = process
      .listeners('unhandledRejection')
      .filter((l) => !rejections.includes(l))
    expect(added).toHaveLength(1)
    expect(addedRejection).toHaveLength(1)
    try {
      added[0]!(new Error('POST https://pbx/?reqtype=INFO&key=Sup3rS3cret'), 'uncaughtException')
    } finally {
      for (const l of added) process.off('uncaughtException', l)
      for (const l of addedRejection) process.off('unhandledRejection', l)
    }
    // The log file is where the helpdesk reads it; the key never gets there.
    await vi.waitFor(async () => {
      const text = await readFile(join(fakeLogDir, 'main.log'), 'utf8')
      expect(text).toContain('nobody caught')
    })
    expect(await readFile(join(fakeLogDir, 'main.log'), 'utf8')).not.toContain('Sup3rS3cret')
  })

  it('uses exactly these web preferences', async () => {
    const { win } = await boot()
    expect(win.options.webPreferences).toEqual({
      preload: expect.stringMatching(/preload[\\/]index\.js$/),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    })
  })

  it('denies every permission, navigation, redirect, new window and webview', async () => {
    await boot()
    const [request] = fake.shell.permissionRequestHandlers as ((...args: unknown[]) => void)[]
    const [check] = fake.shell.permissionCheckHandlers as ((...args: unknown[]) => boolean)[]
    const answers: boolean[] = []
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      request?.({}, permission, (granted: boolean) => answers.push(granted))
    }
    expect(answers).toEqual([false, false, false, false])
    expect(check?.({}, 'media', 'app://switchboard')).toBe(false)

    // Any webContents, e.g. one we did not create ourselves.
    const contents = new fake.FakeWebContents()
    fake.electron.app.emit('web-contents-created', {}, contents)
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false
      contents.emit(name, { preventDefault: () => (prevented = true) })
      expect(prevented, name).toBe(true)
    }
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example' })).toEqual({
      action: 'deny',
    })
  })

  it('answers IPC from our page only', async () => {
    const { win } = await boot()
    const handler = fake.handlers.get('switchboard:invoke')!
    const from = (url: string, sender: unknown = win.webContents) =>
      handler({ sender, senderFrame: { parent: null, url } }, 'app:info', undefined)
    await expect(from('app://switchboard/index.html')).resolves.toMatchObject({ ok: true })
    await expect(from('app://switchboard/index.html#popup')).resolves.toMatchObject({ ok: true })
    for (const url of ['file:///opt/out/renderer/index.html', 'https://evil.example/']) {
      await expect(from(url)).resolves.toMatchObject({ ok: false })
    }
    await expect(
      from('app://switchboard/index.html', new fake.FakeWebContents()),
    ).resolves.toMatchObject({ ok: false })
  })

  it('saves and edits an account from the window with the keychain the app opened', async () => {
    const { win } = await boot()
    const handler = fake.handlers.get('switchboard:invoke')!
    const ask = (channel: string, arg: unknown) =>
      handler(
        { sender: win.webContents, senderFrame: { parent: null, url: 'app://switchboard/' } },
        channel,
        arg,
      )
    const config = {
      id: 'office',
      dialect: 'pbxcloud',
      displayName: 'Office',
      baseUrl: 'https://pbx.example.com/pbx/proxyapi.php',
      tenant: 'T',
      ownExtension: '201-T',
    }
    await expect(ask('accounts:save', { config, secret: 'k-123456' })).resolves.toMatchObject({
      ok: true,
    })
    // A changed server without a secret: the stored key is dropped, the save works.
    const moved = { ...config, baseUrl: 'https://other.example.com/pbx/proxyapi.php' }
    await expect(ask('accounts:save', { config: moved })).resolves.toMatchObject({ ok: true })
  })

  it('hands a second instance’s tel: link to the window for confirmation, and focuses it', async () => {
    const { win } = await boot()
    win.hide()
    fake.electron.app.emit('second-instance', {}, ['switchboard', '--x=1', 'tel:+4533123456'])
    await vi.waitFor(() =>
      expect(eventsSent(win, 'dial:request')).toEqual([
        { number: '+4533123456', display: expect.any(String), source: 'link' },
      ]),
    )
    expect(win.shown).toBe(true)
    expect(win.focused).toBe(true)
  })

  it('shows start-up notices once the page has loaded', async () => {
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(fake.electron.app.paths.userData!, 'settings.json'), '{ not json')
    const { win } = await boot()
    expect(eventsSent(win, 'notice')).toEqual([])
    win.webContents.emit('did-finish-load')
    expect(eventsSent(win, 'notice')).toEqual([
      {
        kind: 'info',
        text: expect.stringMatching(/settings file could not be read/),
        // The window says it from the code, in the agent's language.
        code: 'settings_unreadable',
        params: { backup: expect.stringMatching(/settings\.json\.bak$/) },
      },
    ])
    win.webContents.emit('did-finish-load')
    expect(eventsSent(win, 'notice')).toHaveLength(1)
  })

  it('says why a bad link was not opened', async () => {
    const { win } = await boot()
    fake.electron.app.emit('second-instance', {}, ['switchboard', 'tel:call-me-maybe'])
    await vi.waitFor(() =>
      expect(eventsSent(win, 'notice')).toContainEqual({
        kind: 'error',
        text: expect.stringMatching(/^Switchboard did not open the link: /),
        code: 'link_refused',
        error: expect.objectContaining({ code: expect.stringMatching(/^dial\./) }),
      }),
    )
    expect(eventsSent(win, 'dial:request')).toEqual([])
  })

  it('closing the window hides it to the tray and says so, once', async () => {
    const { win } = await boot()
    win.close()
    expect(win.isDestroyed()).toBe(false)
    expect(win.shown).toBe(false)
    const hint = expect.stringMatching(/keeps running in the tray/)
    await vi.waitFor(() =>
      expect(eventsSent(win, 'notice')).toContainEqual({
        kind: 'info',
        text: hint,
        code: 'tray_hint',
      }),
    )
    expect(fake.notifications.map((n) => n.options.body)).toContainEqual(hint)
    await vi.waitFor(() =>
      expect(eventsSent(win, 'settings:changed')).toContainEqual(
        expect.objectContaining({ trayHintShown: true }),
      ),
    )
    win.show()
    win.close()
    expect(fake.notifications).toHaveLength(1)
    // Quitting really closes it.
    fake.electron.app.emit('before-quit')
    win.close()
    expect(win.isDestroyed()).toBe(true)
  })
})
