/**
 * A hand-written stand-in for the `electron` module (no Electron binary can run
 * here). Each test file mocks `electron` with `createFakeElectron()` and inspects
 * what the code under test did with it.
 */
import { createFakeDesktop } from './fake-electron-desktop'
import { createFakeShell, FakeEmitter, type FakeRectangle } from './fake-electron-shell'

type Listener = (...args: unknown[]) => void
type Handler = (event: unknown, ...args: unknown[]) => unknown

export function createFakeElectron() {
  const handlers = new Map<string, Handler>()
  const mainListeners = new Map<string, Listener>()
  const rendererListeners = new Map<string, Set<Listener>>()
  const exposed: Record<string, unknown> = {}
  const invoked: { channel: string; args: unknown[] }[] = []
  const windows: FakeBrowserWindow[] = []
  const opened: string[] = []
  const desktop = createFakeDesktop()
  const shell = createFakeShell()

  class FakeWebContents extends FakeEmitter {
    static nextId = 1
    id = FakeWebContents.nextId++
    sent: { channel: string; args: unknown[] }[] = []
    windowOpenHandler: ((details: unknown) => unknown) | null = null
    destroyed = false
    send(channel: string, ...args: unknown[]): void {
      this.sent.push({ channel, args })
    }
    setWindowOpenHandler(handler: (details: unknown) => unknown): void {
      this.windowOpenHandler = handler
    }
    isDestroyed(): boolean {
      return this.destroyed
    }
  }

  class FakeBrowserWindow extends FakeEmitter {
    webContents = new FakeWebContents()
    loaded: string | null = null
    shown = false
    focused = false
    minimized = false
    maximized = false
    destroyed = false
    alwaysOnTop: unknown[] = []
    allWorkspaces: unknown[] = []
    bounds: FakeRectangle
    constructor(public options: Record<string, unknown>) {
      super()
      const n = (key: string, fallback: number): number =>
        typeof options[key] === 'number' ? (options[key] as number) : fallback
      this.bounds = { x: n('x', 0), y: n('y', 0), width: n('width', 800), height: n('height', 600) }
      windows.push(this)
    }
    loadFile(path: string): Promise<void> {
      this.loaded = path
      return Promise.resolve()
    }
    loadURL(url: string): Promise<void> {
      this.loaded = url
      return Promise.resolve()
    }
    // ready-to-show: the fake page is ready at once.
    override once(name: string, listener: Listener): this {
      if (name === 'ready-to-show') listener()
      else super.once(name, listener)
      return this
    }
    show(): void {
      this.shown = true
      this.focused = true
      this.emit('show')
    }
    showInactive(): void {
      this.shown = true
    }
    hide(): void {
      this.shown = false
      this.emit('hide')
    }
    focus(): void {
      this.focused = true
      this.emit('focus')
    }
    isVisible(): boolean {
      return this.shown
    }
    isFocused(): boolean {
      return this.focused
    }
    isMinimized(): boolean {
      return this.minimized
    }
    restore(): void {
      this.minimized = false
    }
    isMaximized(): boolean {
      return this.maximized
    }
    maximize(): void {
      this.maximized = true
    }
    getBounds(): FakeRectangle {
      return { ...this.bounds }
    }
    getNormalBounds(): FakeRectangle {
      return { ...this.bounds }
    }
    setBounds(bounds: Partial<FakeRectangle>): void {
      this.bounds = { ...this.bounds, ...bounds }
    }
    setAlwaysOnTop(...args: unknown[]): void {
      this.alwaysOnTop = args
    }
    setVisibleOnAllWorkspaces(...args: unknown[]): void {
      this.allWorkspaces = args
    }
    isDestroyed(): boolean {
      return this.destroyed
    }
    /** Closing runs the 'close' listeners, which may prevent it (close to tray). */
    close(): void {
      let prevented = false
      this.emit('close', { preventDefault: () => (prevented = true) })
      if (!prevented) this.destroy()
    }
    destroy(): void {
      if (this.destroyed) return
      this.destroyed = true
      this.shown = false
      this.webContents.destroyed = true
      windows.splice(windows.indexOf(this), 1)
      this.emit('closed')
    }
    static getAllWindows(): FakeBrowserWindow[] {
      return windows
    }
  }

  const electron = {
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
        handlers.set(channel, handler)
      },
      removeHandler: (channel: string) => handlers.delete(channel),
      // Listeners for ipcMain.on (electron-log registers one on import).
      on: (channel: string, listener: Listener) => void mainListeners.set(channel, listener),
      removeAllListeners: (channel: string) => void mainListeners.delete(channel),
    },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        invoked.push({ channel, args })
        return Promise.resolve({ ok: true, data: null })
      },
      on: (channel: string, listener: Listener) => {
        const set = rendererListeners.get(channel) ?? new Set()
        set.add(listener)
        rendererListeners.set(channel, set)
      },
      removeListener: (channel: string, listener: Listener) => {
        rendererListeners.get(channel)?.delete(listener)
      },
    },
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => {
        exposed[key] = value
      },
    },
    shell: {
      openExternal: (url: string) => {
        opened.push(url)
        return Promise.resolve()
      },
    },
    BrowserWindow: FakeBrowserWindow,
    app: desktop.app,
    safeStorage: desktop.safeStorage,
    Notification: desktop.Notification,
    clipboard: desktop.clipboard,
    crashReporter: desktop.crashReporter,
    globalShortcut: desktop.globalShortcut,
    protocol: desktop.protocol,
    session: shell.session,
    screen: shell.screen,
    nativeImage: shell.nativeImage,
    Tray: shell.Tray,
    Menu: shell.Menu,
    powerMonitor: shell.powerMonitor,
    net: shell.net,
  }

  return {
    electron,
    handlers,
    mainListeners,
    rendererListeners,
    exposed,
    invoked,
    windows,
    opened,
    notifications: desktop.notifications,
    shortcuts: desktop.shortcuts,
    protocolHandlers: desktop.protocolHandlers,
    privilegedSchemes: desktop.privilegedSchemes,
    shell,
    FakeWebContents,
    FakeBrowserWindow,
    /** Deliver an event from main to the fake renderer side. */
    emitToRenderer(channel: string, ...args: unknown[]): void {
      for (const listener of rendererListeners.get(channel) ?? [])
        listener({ sender: 'ipc' }, ...args)
    },
  }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>

/**
 * One fake per test file, shared by the `vi.mock('electron')` factory (which is
 * cached) and the tests; `resetFake()` gives each test a clean one.
 */
// Kept on globalThis: vi.resetModules() gives the mock factory a fresh copy of
// this module, and both copies must reach the same fake.
const holder = globalThis as { __fakeElectron?: FakeElectron }

function currentFake(): FakeElectron {
  holder.__fakeElectron ??= createFakeElectron()
  return holder.__fakeElectron
}

export function resetFake(): FakeElectron {
  holder.__fakeElectron = createFakeElectron()
  return holder.__fakeElectron
}

/** A stable module object whose members always reach the current fake. */
export const electronModule = {
  get ipcMain() {
    return currentFake().electron.ipcMain
  },
  get ipcRenderer() {
    return currentFake().electron.ipcRenderer
  },
  get contextBridge() {
    return currentFake().electron.contextBridge
  },
  get shell() {
    return currentFake().electron.shell
  },
  get BrowserWindow() {
    return currentFake().electron.BrowserWindow
  },
  get app() {
    return currentFake().electron.app
  },
  get safeStorage() {
    return currentFake().electron.safeStorage
  },
  get Notification() {
    return currentFake().electron.Notification
  },
  get clipboard() {
    return currentFake().electron.clipboard
  },
  get crashReporter() {
    return currentFake().electron.crashReporter
  },
  get globalShortcut() {
    return currentFake().electron.globalShortcut
  },
  get protocol() {
    return currentFake().electron.protocol
  },
  get session() {
    return currentFake().electron.session
  },
  get screen() {
    return currentFake().electron.screen
  },
  get nativeImage() {
    return currentFake().electron.nativeImage
  },
  get Tray() {
    return currentFake().electron.Tray
  },
  get Menu() {
    return currentFake().electron.Menu
  },
  get powerMonitor() {
    return currentFake().electron.powerMonitor
  },
  get net() {
    return currentFake().electron.net
  },
}
