/**
 * The desktop half of the fake `electron` module (app, safeStorage, Notification,
 * clipboard, globalShortcut, protocol), used by fake-electron.ts.
 */
type Listener = (...args: unknown[]) => void

export function createFakeDesktop() {
  const notifications: FakeNotification[] = []

  /** `app`: lifecycle events, paths, and what was registered with the OS. */
  class FakeApp {
    listeners = new Map<string, Listener[]>()
    ready = false
    readyWaiters: (() => void)[] = []
    protocolClients: { scheme: string; path?: string; args?: string[] }[] = []
    paths: Record<string, string> = { userData: '/tmp/switchboard-test-user-data' }
    singleInstance = true
    quitCalled = false
    isPackaged = false
    exitCode: number | null = null
    loginItemSettings: Record<string, unknown>[] = []
    /** What the OS says the user reads, most preferred first (tests change it). */
    systemLanguages: string[] = ['en-US']
    getPreferredSystemLanguages(): string[] {
      return [...this.systemLanguages]
    }
    on(name: string, listener: Listener): this {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
      return this
    }
    once(name: string, listener: Listener): this {
      const wrapped: Listener = (...args) => {
        this.removeListener(name, wrapped)
        listener(...args)
      }
      return this.on(name, wrapped)
    }
    removeListener(name: string, listener: Listener): this {
      this.listeners.set(
        name,
        (this.listeners.get(name) ?? []).filter((l) => l !== listener),
      )
      return this
    }
    /** Test helper: deliver an app event to its listeners. */
    emit(name: string, ...args: unknown[]): boolean {
      const list = this.listeners.get(name) ?? []
      for (const listener of list) listener(...args)
      return list.length > 0
    }
    /** Test helper: become ready, as Electron does once. */
    setReady(): void {
      this.ready = true
      for (const waiter of this.readyWaiters.splice(0)) waiter()
      this.emit('ready')
    }
    isReady(): boolean {
      return this.ready
    }
    whenReady(): Promise<void> {
      return this.ready
        ? Promise.resolve()
        : new Promise((resolve) => this.readyWaiters.push(resolve))
    }
    getPath(name: string): string {
      const path = this.paths[name]
      if (!path) throw new Error(`unknown path ${name}`)
      return path
    }
    getVersion(): string {
      return '0.0.0-test'
    }
    setAsDefaultProtocolClient(scheme: string, path?: string, args?: string[]): boolean {
      this.protocolClients.push({
        scheme,
        ...(path !== undefined ? { path } : {}),
        ...(args !== undefined ? { args } : {}),
      })
      return true
    }
    removeAsDefaultProtocolClient(scheme: string): boolean {
      const before = this.protocolClients.length
      this.protocolClients = this.protocolClients.filter((c) => c.scheme !== scheme)
      return this.protocolClients.length < before
    }
    isDefaultProtocolClient(scheme: string): boolean {
      return this.protocolClients.some((c) => c.scheme === scheme)
    }
    requestSingleInstanceLock(): boolean {
      return this.singleInstance
    }
    quit(): void {
      this.quitCalled = true
    }
    exit(code = 0): void {
      this.exitCode = code
    }
    appUserModelId: string | null = null
    setAppUserModelId(id: string): void {
      this.appUserModelId = id
    }
    setLoginItemSettings(settings: Record<string, unknown>): void {
      this.loginItemSettings.push(settings)
    }
  }

  /**
   * `safeStorage`: a reversible stand-in cipher whose output never contains the
   * plain text, so a test can prove nothing was written in the clear.
   */
  const safeStorage = {
    available: true,
    backend: 'gnome_libsecret',
    isEncryptionAvailable(): boolean {
      return safeStorage.available
    },
    getSelectedStorageBackend(): string {
      return safeStorage.backend
    },
    encryptString(text: string): Buffer {
      if (!safeStorage.available) throw new Error('Encryption is not available.')
      const bytes = Buffer.from(text, 'utf8')
      return Buffer.concat([Buffer.from('v10'), bytes.map((b) => b ^ 0x5a)])
    },
    decryptString(data: Buffer): string {
      if (!safeStorage.available) throw new Error('Decryption is not available.')
      if (data.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting.')
      return Buffer.from(data.subarray(3).map((b) => b ^ 0x5a)).toString('utf8')
    },
  }

  class FakeNotification {
    shown = false
    listeners = new Map<string, Listener[]>()
    constructor(public options: Record<string, unknown>) {
      notifications.push(this)
    }
    static isSupported(): boolean {
      return true
    }
    show(): void {
      this.shown = true
    }
    close(): void {
      this.shown = false
    }
    on(name: string, listener: Listener): this {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
      return this
    }
    /** Test helper: e.g. the user clicks the notification. */
    emit(name: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(name) ?? []) listener(...args)
    }
  }

  /** `selection` is Linux's PRIMARY selection (the highlighted text). */
  const clipboardState = { text: '', selection: '' }
  // Electron 45's clipboard: promises, and Linux's PRIMARY selection as `selection`.
  const clipboard = {
    readText: async (): Promise<string> => clipboardState.text,
    selection: {
      readText: async (): Promise<string> => clipboardState.selection,
    },
    /** Test helper: put text on the clipboard or (type 'selection') highlight it. */
    writeText: (text: string, type?: 'selection' | 'clipboard'): void => {
      if (type === 'selection') clipboardState.selection = text
      else clipboardState.text = text
    },
  }

  const shortcuts = new Map<string, () => void>()
  const globalShortcut = {
    register: (accelerator: string, callback: () => void): boolean => {
      if (shortcuts.has(accelerator)) return false
      shortcuts.set(accelerator, callback)
      return true
    },
    unregister: (accelerator: string): void => {
      shortcuts.delete(accelerator)
    },
    unregisterAll: (): void => shortcuts.clear(),
    isRegistered: (accelerator: string): boolean => shortcuts.has(accelerator),
  }

  const protocolHandlers = new Map<string, (request: unknown) => unknown>()
  const privilegedSchemes: unknown[] = []
  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown[]): void => {
      privilegedSchemes.push(...schemes)
    },
    handle: (scheme: string, handler: (request: unknown) => unknown): void => {
      if (protocolHandlers.has(scheme)) throw new Error(`second handler for ${scheme}`)
      protocolHandlers.set(scheme, handler)
    },
    unhandle: (scheme: string): void => {
      protocolHandlers.delete(scheme)
    },
    isProtocolHandled: (scheme: string): boolean => protocolHandlers.has(scheme),
  }

  /** Crash reports: the options each start() got. */
  const crashReporter = {
    started: [] as unknown[],
    start(options: unknown): void {
      crashReporter.started.push(options)
    },
  }

  return {
    app: new FakeApp(),
    crashReporter,
    safeStorage,
    Notification: FakeNotification,
    clipboard,
    globalShortcut,
    protocol,
    notifications,
    shortcuts,
    protocolHandlers,
    privilegedSchemes,
  }
}
