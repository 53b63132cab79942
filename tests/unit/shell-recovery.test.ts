/**
 * Crash and hang recovery with fake windows and fake timers: what the agent
 * notices is a window that comes back, and a notice saying what happened.
 */
import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { memoryLogger } from '../../src/main/log'
import {
  createRecovery,
  HANG_GRACE_MS,
  startLocalCrashReports,
  type GoneDetails,
} from '../../src/main/shell/recovery'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

class FakeContents extends EventEmitter {
  reloads = 0
  killed = 0
  destroyed = false
  reload(): void {
    this.reloads += 1
    // The fresh page loads at once in this fake.
    queueMicrotask(() => this.emit('did-finish-load'))
  }
  forcefullyCrashRenderer(): void {
    this.killed += 1
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 })
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

class FakeWindow extends EventEmitter {
  webContents = new FakeContents()
  destroyed = false
  isDestroyed(): boolean {
    return this.destroyed
  }
}

let clock = 0
let notices: string[]
let log: ReturnType<typeof memoryLogger>

function setup() {
  const recovery = createRecovery({
    notify: (_kind, text) => void notices.push(text),
    log,
    now: () => clock,
  })
  const win = new FakeWindow()
  recovery.watch(win)
  const crash = (details: GoneDetails = { reason: 'crashed', exitCode: 139 }) =>
    win.webContents.emit('render-process-gone', {}, details)
  return { recovery, win, crash }
}

beforeEach(() => {
  vi.useFakeTimers()
  clock = 0
  notices = []
  log = memoryLogger()
})
afterEach(() => vi.useRealTimers())

describe('a crashed window', () => {
  it('is reloaded, counted, logged and the agent is told once it is back', async () => {
    const { recovery, win, crash } = setup()
    crash()
    expect(win.webContents.reloads).toBe(1)
    expect(notices).toEqual([])
    await vi.runAllTimersAsync()
    expect(notices).toEqual(['Switchboard’s window crashed and was reloaded (1 since start).'])
    expect(recovery.counts()).toEqual({ crashes: 1, hangs: 0 })
    expect(log.lines[0]).toMatch(/crashed \(crashed, exit 139\); crashes 1, hangs 0/)
  })

  it('is left alone after a normal exit or when it was closed', () => {
    const { win, crash } = setup()
    crash({ reason: 'clean-exit', exitCode: 0 })
    win.destroyed = true
    crash()
    expect(win.webContents.reloads).toBe(0)
  })

  it('stops being reloaded when it keeps crashing, and the agent is told to restart', async () => {
    const { win, crash } = setup()
    for (let i = 0; i < 4; i += 1) {
      clock += 5_000
      crash()
      await vi.runAllTimersAsync()
    }
    expect(win.webContents.reloads).toBe(3)
    expect(notices.at(-1)).toMatch(/keeps crashing \(4 times in a minute\)/)
    // A minute later a crash is a new, single one again.
    clock += 120_000
    crash()
    expect(win.webContents.reloads).toBe(4)
  })
})

describe('a hung window', () => {
  it('gets time to answer again before anything happens', () => {
    const { win } = setup()
    win.emit('unresponsive')
    vi.advanceTimersByTime(HANG_GRACE_MS - 1)
    win.emit('responsive')
    vi.advanceTimersByTime(HANG_GRACE_MS * 2)
    expect(win.webContents.killed).toBe(0)
    expect(win.webContents.reloads).toBe(0)
  })

  it('is restarted when it stays hung, counted as a hang, and the agent is told', async () => {
    const { recovery, win } = setup()
    win.emit('unresponsive')
    win.emit('unresponsive')
    vi.advanceTimersByTime(HANG_GRACE_MS)
    expect(win.webContents.killed).toBe(1)
    expect(win.webContents.reloads).toBe(1)
    await vi.runAllTimersAsync()
    expect(recovery.counts()).toEqual({ crashes: 0, hangs: 1 })
    expect(notices).toEqual(['Switchboard’s window stopped responding and was restarted.'])
  })
})

describe('crash reports', () => {
  it('are kept on this computer, never uploaded', () => {
    const started: unknown[] = []
    startLocalCrashReports({ start: (options) => void started.push(options) })
    expect(started).toEqual([{ uploadToServer: false, compress: true }])
  })

  it('do not stop the app when they cannot start', () => {
    const log = memoryLogger()
    startLocalCrashReports(
      {
        start: () => {
          throw new Error('no crashpad')
        },
      },
      log,
    )
    expect(log.lines[0]).toMatch(/crash reports could not be started Error: no crashpad/)
  })
})
