/**
 * The main window and "Open contact" from the popup window: the main window comes
 * forward on the phone book, also when it has to be created first (macOS keeps
 * running after its window was closed).
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import { fakeCore } from '../support/fake-electron-core'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron
type Window = FakeElectron['windows'][number]

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

async function start() {
  const { setupWindows } = await import('../../src/main/shell/app-windows')
  const harness = fakeCore({ closeToTray: false })
  const windows = setupWindows({
    outDir: '/opt/switchboard/out',
    dataDir: await mkdtemp(join(tmpdir(), 'sb-windows-')),
    core: harness.core,
    platform: 'darwin',
  })
  return { ...harness, windows }
}

const contactRequests = (win: Window): unknown[] =>
  win.webContents.sent
    .filter((m) => m.channel === 'switchboard:event' && m.args[0] === 'contact:show')
    .map((m) => m.args[1])

const request = { accountId: 'acme', number: '+4533123456' }

describe('Open contact from the popup window', () => {
  it('brings the hidden main window forward and hands it the caller’s number', async () => {
    const { windows, events } = await start()
    const win = (await windows.openMain()) as unknown as Window
    win.minimized = true
    win.hide()
    events.emit('contact:show', request)
    await vi.waitFor(() => expect(win.focused && win.shown).toBe(true))
    expect(win.minimized).toBe(false)
    expect(contactRequests(win)).toEqual([request])
  })

  it('opens a main window that was closed, and gives it the number once its page has loaded', async () => {
    const { windows, events } = await start()
    const first = (await windows.openMain()) as unknown as Window
    first.close()
    expect(fake.windows).toHaveLength(0)
    events.emit('contact:show', request)
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1))
    const win = fake.windows[0]!
    // The page cannot listen before it has loaded: nothing is lost meanwhile.
    expect(contactRequests(win)).toEqual([])
    win.webContents.emit('did-finish-load')
    expect(contactRequests(win)).toEqual([request])
    await vi.waitFor(() => expect(win.shown).toBe(true))
    // A reload does not search again.
    win.webContents.emit('did-finish-load')
    expect(contactRequests(win)).toEqual([request])
  })
})
