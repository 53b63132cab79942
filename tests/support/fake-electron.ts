/**
 * A hand-written stand-in for the `electron` module (no Electron binary can run
 * here). Each test file mocks `electron` with `createFakeElectron()` and inspects
 * what the code under test did with it.
 */
import { createFakeDesktop } from './fake-electron-desktop'

type Listener = (...args: unknown[]) => void
type Handler = (event: unknown, ...args: unknown[]) => unknown

export function createFakeElectron() {
  const handlers = new Map<string, Handler>()
  const rendererListeners = new Map<string, Set<Listener>>()
  const exposed: Record<string, unknown> = {}
  const invoked: { channel: string; args: unknown[] }[] = []
  const windows: FakeBrowserWindow[] = []
  const opened: string[] = []
  const desktop = createFakeDesktop()

  class FakeWebContents {
    static nextId = 1
    id = FakeWebContents.nextId++
    sent: { channel: string; args: unknown[] }[] = []
    listeners = new Map<string, Listener[]>()
    windowOpenHandler: ((details: unknown) => unknown) | null = null
    destroyed = false
    send(channel: string, ...args: unknown[]): void {
      this.sent.push({ channel, args })
    }
    on(name: string, listener: Listener): this {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
      return this
    }
    setWindowOpenHandler(handler: (details: unknown) => unknown): void {
      this.windowOpenHandler = handler
    }
    isDestroyed(): boolean {
      return this.destroyed
    }
  }

  class FakeBrowserWindow {
    webContents = new FakeWebContents()
    loaded: string | null = null
    shown = false
    constructor(public options: Record<string, unknown>) {
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
    once(_name: string, listener: Listener): void {
      listener()
    }
    on(): this {
      return this
    }
    show(): void {
      this.shown = true
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
    globalShortcut: desktop.globalShortcut,
    protocol: desktop.protocol,
  }

  return {
    electron,
    handlers,
    rendererListeners,
    exposed,
    invoked,
    windows,
    opened,
    notifications: desktop.notifications,
    shortcuts: desktop.shortcuts,
    protocolHandlers: desktop.protocolHandlers,
    privilegedSchemes: desktop.privilegedSchemes,
    FakeWebContents,
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
  get globalShortcut() {
    return currentFake().electron.globalShortcut
  },
  get protocol() {
    return currentFake().electron.protocol
  },
}
