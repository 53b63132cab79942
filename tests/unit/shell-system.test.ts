/**
 * The shell's system hooks: the dial shortcut (PRIMARY selection on Linux),
 * focus / network / sleep signals, start at login, and the update check that is
 * a quiet no-op outside a packaged, published build.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import { fakeCore } from '../support/fake-electron-core'
import { createOnlineWatch } from '../../src/main/shell/desktop-signals'
import { readDialText } from '../../src/main/shell/dial-shortcut'
import { preferencesPatchSchema } from '../../src/shared/preferences'
import type { ShellSignal } from '../../src/main/core/session/options'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('the dial shortcut', () => {
  it('reads the PRIMARY selection on Linux and the clipboard elsewhere', async () => {
    const source = {
      readText: async () => 'clip',
      selection: { readText: async () => 'sel' },
    }
    expect(await readDialText(source, 'linux')).toBe('sel')
    expect(await readDialText(source, 'win32')).toBe('clip')
    expect(await readDialText(source, 'darwin')).toBe('clip')
  })

  it('refuses a shortcut without a modifier, which would take a key from every app', () => {
    const shortcut = (dialShortcut: string) =>
      preferencesPatchSchema.safeParse({ dialShortcut }).success
    expect(shortcut('F9')).toBe(false)
    expect(shortcut('D')).toBe(false)
    expect(shortcut('Shift')).toBe(false)
    expect(shortcut('Ctrl+Shift')).toBe(false)
    expect(shortcut('D+Shift')).toBe(false)
    expect(shortcut('Alt+F9')).toBe(true)
    expect(shortcut('CommandOrControl+Shift+D')).toBe(true)
  })

  const settle = () => new Promise((resolve) => setImmediate(resolve))

  async function start(platform: NodeJS.Platform) {
    const { setupDialShortcut } = await import('../../src/main/shell/dial-shortcut')
    const harness = fakeCore()
    const stop = setupDialShortcut(harness.core, { platform })
    return { ...harness, stop }
  }

  it('on Linux dials the highlighted text, not the clipboard', async () => {
    const { dials } = await start('linux')
    fake.electron.clipboard.writeText('111')
    fake.electron.clipboard.writeText(' +45 33 12 34 56 ', 'selection')
    fake.shortcuts.get('CommandOrControl+Shift+D')?.()
    await settle()
    expect(dials).toEqual([{ input: '+45 33 12 34 56', source: 'shortcut' }])
  })

  it('on Windows dials the clipboard; with nothing there it says what to do', async () => {
    const { dials, notices } = await start('win32')
    fake.shortcuts.get('CommandOrControl+Shift+D')?.()
    await settle()
    expect(notices).toEqual([
      { kind: 'error', text: 'Copy a phone number first, then press the shortcut.' },
    ])
    fake.electron.clipboard.writeText('201')
    fake.shortcuts.get('CommandOrControl+Shift+D')?.()
    await settle()
    expect(dials).toEqual([{ input: '201', source: 'shortcut' }])
  })

  it('moves to a changed shortcut, and says so once when one cannot be registered', async () => {
    fake.electron.globalShortcut.register('Alt+K', () => undefined) // another app has it
    const { core, notices, stop } = await start('linux')
    await core.setPreferences({ dialShortcut: 'Alt+J' })
    expect([...fake.shortcuts.keys()]).toEqual(['Alt+K', 'Alt+J'])
    await core.setPreferences({ dialShortcut: 'Alt+K' })
    await core.setPreferences({ theme: 'dark' })
    expect([...fake.shortcuts.keys()]).toEqual(['Alt+K'])
    expect(notices).toHaveLength(1)
    expect(notices[0]?.text).toMatch(/Alt\+K could not be set up/)
    stop()
  })
})

describe('signals to the core', () => {
  it('sends only network changes (and offline at start)', () => {
    const sent: ShellSignal[] = []
    let online = false
    const watch = createOnlineWatch(
      () => online,
      (s) => void sent.push(s),
    )
    watch.check()
    watch.check()
    online = true
    watch.check()
    watch.check()
    expect(sent).toEqual(['offline', 'online'])
  })

  it('forwards focus, blur, sleep, wake and the polled network state', async () => {
    vi.useFakeTimers()
    const { setupSignals } = await import('../../src/main/shell/desktop-signals')
    const sent: ShellSignal[] = []
    const focus: (() => void)[] = []
    const blur: (() => void)[] = []
    const stop = setupSignals((s) => void sent.push(s), {
      onMainFocus: (l) => void focus.push(l),
      onMainBlur: (l) => void blur.push(l),
    })
    focus[0]?.()
    blur[0]?.()
    fake.shell.netState.online = false
    vi.advanceTimersByTime(10_000)
    fake.shell.netState.online = true
    vi.advanceTimersByTime(10_000)
    fake.shell.powerMonitor.emit('suspend')
    fake.shell.powerMonitor.emit('resume')
    expect(sent).toEqual(['focus', 'blur', 'offline', 'online', 'offline', 'online', 'resume'])
    stop()
    fake.shell.netState.online = false
    vi.advanceTimersByTime(30_000)
    fake.shell.powerMonitor.emit('resume')
    expect(sent).toHaveLength(7)
  })
})

describe('start at login', () => {
  it('follows the preference at start and when it changes, starting hidden (macOS, Windows)', async () => {
    const { setupAutoLaunch } = await import('../../src/main/shell/auto-launch')
    const { core } = fakeCore({ autoLaunch: false })
    setupAutoLaunch(core, undefined, { platform: 'win32' })
    await core.setPreferences({ autoLaunch: true })
    await core.setPreferences({ theme: 'light' })
    expect(fake.electron.app.loginItemSettings).toEqual([
      { openAtLogin: false, openAsHidden: true, args: ['--hidden'] },
      { openAtLogin: true, openAsHidden: true, args: ['--hidden'] },
    ])
  })
})
