/**
 * The Electron edge of the contract, with a mocked `electron` module: main binds
 * one handler that checks the sender and validates through the dispatcher; the
 * preload exposes exactly `invoke` and `on`.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { resetFake, type FakeElectron } from '../support/fake-electron'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

const appUrl = 'file:///opt/switchboard/out/renderer/index.html'

async function bindMain() {
  const { setupIpc } = await import('../../src/main/ipc')
  const { createAppCore } = await import('../../src/main/core/app/app-core')
  const { memoryLogger } = await import('../../src/main/log')
  const { mkdtemp } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const core = await createAppCore({
    dataDir: await mkdtemp(join(tmpdir(), 'sb-ipc-')),
    shell: 'electron',
    version: '0.0.0-test',
    log: memoryLogger(),
  })
  const own = new fake.FakeWebContents()
  setupIpc(
    core.dispatch,
    {
      isOwnWebContents: (contents) => contents === (own as unknown),
      isAppUrl: (url) => url.startsWith('file:///opt/switchboard/out/renderer/'),
    },
    memoryLogger(),
  )
  const handler = fake.handlers.get('switchboard:invoke')
  if (!handler) throw new Error('no invoke handler was registered')
  const call = (channel: unknown, arg: unknown, event?: unknown) =>
    handler(event ?? { sender: own, senderFrame: { parent: null, url: appUrl } }, channel, arg)
  return { call, own }
}

describe('main process IPC', () => {
  it('registers a single invoke handler and answers a contract channel', async () => {
    const { call } = await bindMain()
    expect([...fake.handlers.keys()]).toEqual(['switchboard:invoke'])
    const result = (await call('accounts:list', undefined)) as { ok: boolean; data: unknown[] }
    expect(result.ok).toBe(true)
    expect(result.data).toHaveLength(1)
  })

  it("closes electron-log's own channel, so a page logs only through the validated log:write", async () => {
    // What importing electron-log/main does: a listener and a handler, no sender check.
    fake.electron.ipcMain.on('__ELECTRON_LOG__', () => undefined)
    fake.electron.ipcMain.handle('__ELECTRON_LOG__', () => ({}))
    const { call } = await bindMain()
    expect([...fake.mainListeners.keys()]).toEqual([])
    expect([...fake.handlers.keys()]).toEqual(['switchboard:invoke'])
    await expect(call('log:write', { level: 'info', message: 'page loaded' })).resolves.toEqual({
      ok: true,
      data: null,
    })
  })

  it('rejects a channel that is not in the contract', async () => {
    const { call } = await bindMain()
    await expect(call('fs:readFile', '/etc/passwd')).resolves.toEqual({
      ok: false,
      error: { kind: 'invalid_argument', message: 'Unknown request channel.' },
    })
  })

  it('answers a wrong argument with invalid_argument', async () => {
    const { call } = await bindMain()
    const result = (await call('state:snapshot', ['unexpected'])) as {
      ok: false
      error: { kind: string }
    }
    expect(result.ok).toBe(false)
    expect(result.error.kind).toBe('invalid_argument')
  })

  it('refuses requests from an iframe, a foreign page or a window it did not create', async () => {
    const { call, own } = await bindMain()
    const refused = {
      ok: false,
      error: { kind: 'invalid_argument', message: 'Request refused: unknown sender.' },
    }
    await expect(
      call('accounts:list', undefined, { sender: own, senderFrame: { parent: {}, url: appUrl } }),
    ).resolves.toEqual(refused)
    await expect(
      call('accounts:list', undefined, {
        sender: own,
        senderFrame: { parent: null, url: 'https://evil.example/' },
      }),
    ).resolves.toEqual(refused)
    await expect(
      call('accounts:list', undefined, {
        sender: new fake.FakeWebContents(),
        senderFrame: { parent: null, url: appUrl },
      }),
    ).resolves.toEqual(refused)
    await expect(
      call('accounts:list', undefined, { sender: own, senderFrame: null }),
    ).resolves.toEqual(refused)
  })
})

describe('the preload', () => {
  it('exposes exactly invoke and on as window.switchboard', async () => {
    await import('../../src/preload/index')
    expect(Object.keys(fake.exposed)).toEqual(['switchboard'])
    const api = fake.exposed.switchboard as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on'])
    expect(typeof api.invoke).toBe('function')
    expect(typeof api.on).toBe('function')
  })

  it('sends every request over the one invoke channel', async () => {
    const { api } = await import('../../src/preload/index')
    await api.invoke('accounts:list')
    expect(fake.invoked).toEqual([
      { channel: 'switchboard:invoke', args: ['accounts:list', undefined] },
    ])
  })

  it('hands listeners the payload only, for their own event, and unsubscribes', async () => {
    const { api } = await import('../../src/preload/index')
    const seen: unknown[] = []
    const off = api.on('accounts:changed', (payload) => seen.push(payload))
    fake.emitToRenderer('switchboard:event', 'accounts:changed', [{ id: 'x' }])
    fake.emitToRenderer('switchboard:event', 'something:else', 'ignored')
    off()
    fake.emitToRenderer('switchboard:event', 'accounts:changed', ['late'])
    expect(seen).toEqual([[{ id: 'x' }]])
  })

  it('refuses to subscribe to an event that is not in the contract', async () => {
    const { api } = await import('../../src/preload/index')
    expect(() => api.on('nope' as 'accounts:changed', () => {})).toThrow(/Unknown event/)
  })
})

describe('the main window', () => {
  it('is created sandboxed, isolated, without Node, and cannot navigate or open windows', async () => {
    const { createMainWindow, mainWindowOptions } = await import('../../src/main/shell/windows')
    const options = mainWindowOptions('/x/preload/index.js')
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    })
    // Docks beside a CRM: as narrow as the renderer's 400 px layout.
    expect(options).toMatchObject({ minWidth: 400, minHeight: 480 })
    createMainWindow('/opt/switchboard/out')
    const win = fake.windows[0]!
    expect(win.loaded).toBe('app://switchboard/index.html')
    expect(win.webContents.windowOpenHandler?.({ url: 'https://x' })).toEqual({ action: 'deny' })
    let prevented = false
    win.webContents.listeners.get('will-navigate')?.[0]?.({
      preventDefault: () => (prevented = true),
    })
    expect(prevented).toBe(true)
  })

  it('opens only https links outside the app', async () => {
    const { openExternalHttps } = await import('../../src/main/shell/windows')
    openExternalHttps('https://crm.example/?n=1')
    openExternalHttps('file:///etc/passwd')
    openExternalHttps('javascript:alert(1)')
    expect(fake.opened).toEqual(['https://crm.example/?n=1'])
  })
})
