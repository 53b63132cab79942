/**
 * Right-click in our windows: a text field offers the editing commands the page
 * can do, selected text offers Copy, anywhere else nothing happens, and no entry
 * ever opens developer tools. Both the main window and the popup window have it.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { liveEvent } from '../support/call-events'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import { fakeCore, makeCall } from '../support/fake-electron-core'
import type { Preferences } from '../../src/shared/preferences'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron
type Window = FakeElectron['windows'][number]

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

const noFlags = {
  canUndo: false,
  canRedo: false,
  canCut: false,
  canCopy: false,
  canPaste: false,
  canDelete: false,
  canSelectAll: false,
  canEditRichly: false,
}

interface Click {
  isEditable?: boolean
  selectionText?: string
  editFlags?: Partial<typeof noFlags>
}

function rightClick(win: Window, click: Click = {}): void {
  const params = {
    isEditable: click.isEditable ?? false,
    selectionText: click.selectionText ?? '',
    editFlags: { ...noFlags, ...click.editFlags },
    frame: null,
    x: 10,
    y: 20,
  }
  win.webContents.emit('context-menu', { preventDefault: () => undefined }, params)
}

async function start(preferences: Partial<Preferences> = {}) {
  const { setupWindows } = await import('../../src/main/shell/app-windows')
  const harness = fakeCore({ closeToTray: false, incomingAlert: 'popup', ...preferences })
  const windows = setupWindows({
    outDir: '/opt/switchboard/out',
    dataDir: await mkdtemp(join(tmpdir(), 'sb-context-menu-')),
    core: harness.core,
    platform: 'linux',
  })
  const main = (await windows.openMain()) as unknown as Window
  return { ...harness, windows, main }
}

const popups = () => fake.shell.Menu.popups
const lastMenu = () =>
  popups()
    .at(-1)
    ?.items.map((item) => ({ role: item.role, label: item.label, enabled: item.enabled }))

describe('the context menu in a text field', () => {
  it('offers undo, redo, cut, copy, paste and select all, enabled as the field allows', async () => {
    const { main } = await start({ language: 'en' })
    // An empty dial field with a number on the clipboard: only paste makes sense.
    rightClick(main, { isEditable: true, editFlags: { canPaste: true } })
    const items = popups()[0]!.items
    expect(items.map((item) => item.role ?? item.type)).toEqual([
      'undo',
      'redo',
      'separator',
      'cut',
      'copy',
      'paste',
      'separator',
      'selectAll',
    ])
    expect(lastMenu()?.filter((item) => item.role)).toEqual([
      { role: 'undo', label: 'Undo', enabled: false },
      { role: 'redo', label: 'Redo', enabled: false },
      { role: 'cut', label: 'Cut', enabled: false },
      { role: 'copy', label: 'Copy', enabled: false },
      { role: 'paste', label: 'Paste', enabled: true },
      { role: 'selectAll', label: 'Select all', enabled: false },
    ])
    expect(popups()[0]!.options).toMatchObject({ window: main })

    // A typed number with some of it selected: cut, copy, undo and select all too.
    rightClick(main, {
      isEditable: true,
      selectionText: '4533',
      editFlags: { canUndo: true, canCut: true, canCopy: true, canPaste: true, canSelectAll: true },
    })
    expect(
      lastMenu()
        ?.filter((item) => item.enabled)
        .map((item) => item.role),
    ).toEqual(['undo', 'cut', 'copy', 'paste', 'selectAll'])
  })

  it('speaks the agent’s language, also after the agent changes it', async () => {
    const { main, core } = await start({ language: 'da' })
    rightClick(main, { isEditable: true })
    expect(lastMenu()?.flatMap((item) => (item.label ? [item.label] : []))).toEqual([
      'Fortryd',
      'Gentag',
      'Klip',
      'Kopiér',
      'Sæt ind',
      'Vælg alt',
    ])
    await core.setPreferences({ language: 'ru' })
    rightClick(main, { isEditable: true })
    expect(lastMenu()?.find((item) => item.role === 'paste')?.label).toBe('Вставить')
  })

  it('follows the system language when the agent left it to the system', async () => {
    fake.electron.app.systemLanguages = ['ru-RU']
    const { main } = await start({ language: 'system' })
    rightClick(main, { selectionText: 'Anna', editFlags: { canCopy: true } })
    expect(lastMenu()).toEqual([{ role: 'copy', label: 'Копировать', enabled: undefined }])
  })
})

describe('the context menu outside text fields', () => {
  it('offers only Copy on selected text', async () => {
    const { main } = await start({ language: 'en' })
    rightClick(main, { selectionText: '+45 33 12 34 56', editFlags: { canCopy: true } })
    expect(lastMenu()).toEqual([{ role: 'copy', label: 'Copy', enabled: undefined }])
  })

  it('shows nothing on a plain right-click or on blank selected space', async () => {
    const { main } = await start()
    rightClick(main)
    rightClick(main, { selectionText: ' \n ', editFlags: { canCopy: true } })
    expect(popups()).toEqual([])
    // The same window does answer a right-click in a field.
    rightClick(main, { isEditable: true })
    expect(popups()).toHaveLength(1)
  })

  it('never offers developer tools, in any kind of right-click', async () => {
    const { main } = await start()
    rightClick(main, { isEditable: true, editFlags: { ...noFlags, canPaste: true } })
    rightClick(main, { selectionText: 'x', editFlags: { canCopy: true } })
    expect(popups()).toHaveLength(2)
    const roles = popups().flatMap((p) => p.items.map((item) => item.role ?? item.type))
    const allowed = ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'separator']
    expect(roles.filter((role) => !allowed.includes(role ?? ''))).toEqual([])
    expect(popups().flatMap((p) => p.items.filter((item) => item.click))).toEqual([])
  })
})

describe('every window of ours', () => {
  it('gives the incoming-call popup window the same menu', async () => {
    const { setupIncomingPopup } = await import('../../src/main/shell/popup-window')
    const { windows, events, core } = await start({ language: 'en' })
    setupIncomingPopup(core, { outDir: '/opt/switchboard/out', adopt: windows.adopt })
    events.emit('call:event', liveEvent('call.ringing', makeCall()))
    const popup = fake.windows.find((w) => w.loaded?.endsWith('#popup'))!
    rightClick(popup, { selectionText: 'Anna Jensen', editFlags: { canCopy: true } })
    expect(popups()).toHaveLength(1)
    expect(popups()[0]!.options).toMatchObject({ window: popup })
  })
})
