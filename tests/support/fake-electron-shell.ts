/**
 * The window-and-system half of the fake `electron` module (BrowserWindow extras,
 * session, screen, nativeImage, Tray, Menu, powerMonitor, net), used by
 * fake-electron.ts. Each fake records what the code under test did with it.
 */
import { fakeNetRequest } from './fake-electron-net'

type Listener = (...args: unknown[]) => void

export interface FakeRectangle {
  x: number
  y: number
  width: number
  height: number
}

/** Listeners by event name, with a test helper to fire them. */
export class FakeEmitter {
  listeners = new Map<string, Listener[]>()
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
  emit(name: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(name) ?? []
    for (const listener of list) listener(...args)
    return list.length > 0
  }
}

export interface FakeMenuItem {
  label?: string
  role?: string
  type?: string
  enabled?: boolean
  click?: () => void
}

export function createFakeShell() {
  const permissionRequestHandlers: unknown[] = []
  const permissionCheckHandlers: unknown[] = []
  /** Sessions made with `fromPartition` (jade's pinned servers), and proxy look-ups. */
  const partitions: { name: string; verifyProc: unknown }[] = []
  const proxyLookups: string[] = []
  const session = {
    defaultSession: {
      setPermissionRequestHandler(handler: unknown): void {
        permissionRequestHandlers.push(handler)
      },
      setPermissionCheckHandler(handler: unknown): void {
        permissionCheckHandlers.push(handler)
      },
      resolveProxy(url: string): Promise<string> {
        proxyLookups.push(url)
        return Promise.resolve('DIRECT')
      },
    },
    partitions,
    proxyLookups,
    fromPartition(name: string) {
      const made = { name, verifyProc: null as unknown }
      partitions.push(made)
      return {
        setCertificateVerifyProc(proc: unknown): void {
          made.verifyProc = proc
        },
      }
    },
  }

  const display = (workArea: FakeRectangle) => ({ id: 1, bounds: workArea, workArea })
  const screenState = {
    displays: [display({ x: 0, y: 0, width: 1920, height: 1040 })],
  }
  const screen = {
    getPrimaryDisplay: () => screenState.displays[0],
    getAllDisplays: () => screenState.displays,
  }

  /** An image that remembers how it was made. */
  class FakeNativeImage {
    representations: { scaleFactor: number; buffer?: Buffer }[] = []
    constructor(public buffer: Buffer) {}
    addRepresentation(options: { scaleFactor: number; buffer?: Buffer }): void {
      this.representations.push(options)
    }
    isEmpty(): boolean {
      return this.buffer.length === 0
    }
  }
  const nativeImage = {
    createFromBuffer: (buffer: Buffer) => new FakeNativeImage(buffer),
    createEmpty: () => new FakeNativeImage(Buffer.alloc(0)),
  }

  const trays: FakeTray[] = []
  class FakeTray extends FakeEmitter {
    tooltip = ''
    title = ''
    menu: FakeMenu | null = null
    destroyed = false
    constructor(public image: FakeNativeImage) {
      super()
      trays.push(this)
    }
    setImage(image: FakeNativeImage): void {
      this.image = image
    }
    setToolTip(text: string): void {
      this.tooltip = text
    }
    setTitle(text: string): void {
      this.title = text
    }
    setContextMenu(menu: FakeMenu): void {
      this.menu = menu
    }
    destroy(): void {
      this.destroyed = true
    }
    isDestroyed(): boolean {
      return this.destroyed
    }
  }

  class FakeMenu {
    /** What Menu.setApplicationMenu was given last (null: none yet). */
    static application: FakeMenu | null = null
    /** Every menu popped up (context menus), with the options it was given. */
    static popups: { items: FakeMenuItem[]; options: Record<string, unknown> }[] = []
    constructor(public items: FakeMenuItem[]) {}
    popup(options: Record<string, unknown> = {}): void {
      FakeMenu.popups.push({ items: this.items, options })
    }
    static buildFromTemplate(items: FakeMenuItem[]): FakeMenu {
      return new FakeMenu(items)
    }
    static setApplicationMenu(menu: FakeMenu | null): void {
      FakeMenu.application = menu
    }
  }

  const powerMonitor = new FakeEmitter()
  const netState = { online: true }
  const net = { isOnline: (): boolean => netState.online, request: fakeNetRequest }

  return {
    session,
    permissionRequestHandlers,
    permissionCheckHandlers,
    screen,
    screenState,
    display,
    nativeImage,
    Tray: FakeTray,
    trays,
    Menu: FakeMenu,
    powerMonitor,
    net,
    netState,
  }
}
