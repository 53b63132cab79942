/**
 * Updates with a fake electron-updater and fake timers: hourly checks, "Restart
 * to update" that never cuts a live call, and the policy switch for managed
 * desktops.
 */
import { EventEmitter } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { memoryLogger } from '../../src/main/log'
import { readUpdatePolicy } from '../../src/main/shell/update-policy'
import {
  CHECK_INTERVAL_MS,
  shouldCheckForUpdates,
  startUpdates,
  type UpdateDeps,
  type Updater,
} from '../../src/main/shell/updates'
import type { UpdatePolicy } from '../../src/main/shell/update-policy'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = false
  autoInstallOnAppQuit = false
  logger: unknown = undefined
  checks = 0
  installs: unknown[][] = []
  failNext: Error | null = null
  checkForUpdates(): Promise<unknown> {
    this.checks += 1
    const failure = this.failNext
    this.failNext = null
    return failure ? Promise.reject(failure) : Promise.resolve(null)
  }
  quitAndInstall(...args: unknown[]): void {
    this.installs.push(args)
  }
}

const packaged = { isPackaged: true, hasPublishConfig: true }
let updater: FakeUpdater
let live: boolean
let callListeners: (() => void)[]
let offered: string[]
let notices: string[]
let quitting: number
let log: ReturnType<typeof memoryLogger>

function start(policy: UpdatePolicy = { enabled: true }, facts = packaged) {
  const deps: UpdateDeps = {
    facts,
    policy,
    loadUpdater: () => Promise.resolve(updater),
    hasLiveCall: () => live,
    onCallsChanged: (listener) => {
      callListeners.push(listener)
      return () => (callListeners = callListeners.filter((l) => l !== listener))
    },
    offer: (version) => void offered.push(version),
    notify: (_kind, text) => void notices.push(text),
    beforeRestart: () => void (quitting += 1),
    log,
  }
  return startUpdates(deps)
}
const callsChanged = () => callListeners.forEach((listener) => listener())

beforeEach(() => {
  vi.useFakeTimers()
  updater = new FakeUpdater()
  live = false
  callListeners = []
  offered = []
  notices = []
  quitting = 0
  log = memoryLogger()
})
afterEach(() => vi.useRealTimers())

describe('update checks', () => {
  it('happen at start and then every hour, downloading in the background', async () => {
    const updates = start()
    await vi.advanceTimersByTimeAsync(0)
    expect(updater.checks).toBe(1)
    expect(updater.autoDownload).toBe(true)
    expect(updater.autoInstallOnAppQuit).toBe(true)
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS - 1)
    expect(updater.checks).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(updater.checks).toBe(2)
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 24)
    expect(updater.checks).toBe(26)
    updates.stop()
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 3)
    expect(updater.checks).toBe(26)
  })

  it('log a failure and try again an hour later, never a dialog', async () => {
    updater.failNext = new Error('404 latest.yml')
    start()
    await vi.advanceTimersByTimeAsync(0)
    expect(log.lines.some((l) => /the update check failed Error: 404 latest.yml/.test(l))).toBe(
      true,
    )
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS)
    expect(updater.checks).toBe(2)
  })

  it('do not run in a development build or without a publish configuration', async () => {
    start({ enabled: true }, { isPackaged: false, hasPublishConfig: true })
    start({ enabled: true }, { isPackaged: true, hasPublishConfig: false })
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 2)
    expect(updater.checks).toBe(0)
    expect(shouldCheckForUpdates(packaged, { enabled: false, reason: 'x' })).toBe(false)
  })

  it('do not run at all when policy turns them off, and the log says why', async () => {
    const updates = start({ enabled: false, reason: 'SWITCHBOARD_DISABLE_UPDATES is set' })
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 2)
    expect(updater.checks).toBe(0)
    expect(log.lines[0]).toMatch(/turned off by policy \(SWITCHBOARD_DISABLE_UPDATES is set\)/)
    expect(updates.restart()).toBe('nothing-to-install')
  })
})

describe('Restart to update', () => {
  it('is offered once an update is downloaded, and restarts at once when no call is up', async () => {
    const updates = start()
    await vi.advanceTimersByTimeAsync(0)
    expect(updates.restart()).toBe('nothing-to-install')
    updater.emit('update-downloaded', { version: '1.5.0' })
    expect(offered).toEqual(['1.5.0'])
    expect(updates.readyVersion()).toBe('1.5.0')
    expect(updates.restart()).toBe('restarting')
    expect(quitting).toBe(1)
    expect(updater.installs).toEqual([[false, true]])
  })

  it('never interrupts a live call: it waits until no call is up, then restarts', async () => {
    const updates = start()
    await vi.advanceTimersByTimeAsync(0)
    updater.emit('update-downloaded', { version: '1.5.0' })
    live = true
    expect(updates.restart()).toBe('after-call')
    expect(updates.restart()).toBe('after-call')
    expect(notices).toEqual(['Switchboard will restart to update when your call ends.'])
    callsChanged() // a second call rings in: still not now
    expect(updater.installs).toEqual([])
    live = false
    callsChanged()
    expect(updater.installs).toEqual([[false, true]])
  })

  it('does not restart by itself when the agent did not ask', async () => {
    start()
    await vi.advanceTimersByTimeAsync(0)
    updater.emit('update-downloaded', { version: '1.5.0' })
    callsChanged()
    expect(updater.installs).toEqual([])
  })
})

describe('the update policy', () => {
  let dir: string
  beforeEach(async () => {
    vi.useRealTimers()
    dir = await mkdtemp(join(tmpdir(), 'sb-policy-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('allows updates when nothing says otherwise', async () => {
    expect(await readUpdatePolicy({}, [dir])).toEqual({ enabled: true })
    await writeFile(join(dir, 'policy.json'), '{"updates": true}')
    expect(await readUpdatePolicy({ SWITCHBOARD_DISABLE_UPDATES: '0' }, [dir])).toEqual({
      enabled: true,
    })
  })

  it('turns updates off through the environment', async () => {
    expect(await readUpdatePolicy({ SWITCHBOARD_DISABLE_UPDATES: '1' }, [dir])).toMatchObject({
      enabled: false,
    })
  })

  it('turns updates off through policy.json by the settings or in the installation folder', async () => {
    const install = await mkdtemp(join(tmpdir(), 'sb-install-'))
    await writeFile(join(install, 'policy.json'), '{ "updates": false }')
    expect(await readUpdatePolicy({}, [dir, install])).toEqual({
      enabled: false,
      reason: `${join(install, 'policy.json')} says "updates": false`,
    })
    await rm(install, { recursive: true, force: true })
  })

  it('keeps updates off when a policy file is broken (someone meant to manage this desktop)', async () => {
    await writeFile(join(dir, 'policy.json'), '{ updates: false,')
    expect(await readUpdatePolicy({}, [dir])).toMatchObject({ enabled: false })
  })
})
