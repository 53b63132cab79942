/**
 * The tray: its model in words (pure), its icon (a real PNG per state), and the
 * adapter: a missed call counts until the window is looked at, the menu dials.
 */
import { liveEvent, missedEvent } from '../support/call-events'
import type { CallRecord } from '../../src/shared/model'
import { inflateSync } from 'node:zlib'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import { fakeCore, makeCall, makeStatus } from '../support/fake-electron-core'
import {
  addRecentCall,
  trayModel,
  trayState,
  type RecentCall,
  type TrayAccount,
} from '../../src/main/shell/tray-model'
import { drawTrayIcon, trayIconPng } from '../../src/main/shell/tray-icon'
import { trayWords, wordsFor } from '../../src/shared/tray-words'
import type { FakeMenuItem } from '../support/fake-electron-shell'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

const account = (detail: TrayAccount['detail'], name = 'Acme office'): TrayAccount => ({
  accountId: name.toLowerCase().replace(/\W/g, '-'),
  name,
  detail,
})

describe('trayState', () => {
  it.each([
    [[], 'signed-out'],
    [[account('online')], 'online'],
    [[account('slow'), account('connecting', 'B')], 'online'],
    [[account('online'), account('offline', 'B')], 'trouble'],
    [[account('rate_limited')], 'trouble'],
    [[account('online'), account('signed_out', 'B')], 'trouble'],
    [[account('signed_out'), account('stopped', 'B')], 'signed-out'],
  ] as [TrayAccount[], string][])('%j is %s', (accounts, state) => {
    expect(trayState(accounts)).toBe(state)
  })
})

describe('trayModel', () => {
  const recent: RecentCall[] = [
    {
      accountId: 'acme',
      id: '1',
      remote: { number: '+4533123456', name: 'Anna Jensen' },
      direction: 'inbound',
    },
    { accountId: 'acme', id: '2', remote: { number: '204' }, direction: 'outbound' },
    {
      accountId: 'acme',
      id: '3',
      remote: { number: '205', name: 'Bo' },
      direction: 'internal',
      placedBy: 'agent',
    },
    {
      accountId: 'acme',
      id: '4',
      remote: { number: '206', name: 'Cy' },
      direction: 'internal',
      placedBy: 'colleague',
    },
  ]

  it('says each account’s status in words, the missed calls, and offers the actions', () => {
    const model = trayModel([account('online'), account('offline', 'Night desk')], 2, recent)
    expect(model.state).toBe('trouble')
    expect(model.tooltip).toBe('Switchboard — connection trouble — 2 missed calls')
    expect(model.title).toBe('2')
    expect(model.items).toEqual([
      { kind: 'label', label: 'Acme office: online' },
      { kind: 'label', label: 'Night desk: offline, retrying' },
      { kind: 'label', label: '2 missed calls' },
      { kind: 'separator' },
      { kind: 'action', label: 'Dial from clipboard', action: { type: 'dial-clipboard' } },
      { kind: 'separator' },
      { kind: 'label', label: 'Recent calls' },
      {
        kind: 'action',
        label: '↙ Anna Jensen (+4533123456)',
        action: { type: 'dial', number: '+4533123456' },
      },
      { kind: 'action', label: '↗ 204', action: { type: 'dial', number: '204' } },
      { kind: 'action', label: '↗ Bo (205)', action: { type: 'dial', number: '205' } },
      { kind: 'action', label: '↙ Cy (206)', action: { type: 'dial', number: '206' } },
      { kind: 'separator' },
      { kind: 'action', label: 'Open Switchboard', action: { type: 'open' } },
      { kind: 'action', label: 'Quit Switchboard', action: { type: 'quit' } },
    ])
  })

  it('marks an account that is not live, with when its data was last fetched', () => {
    const model = trayModel(
      [
        { ...account('signed_out', 'Night desk'), lastUpdated: '14:02' },
        { ...account('unreadable'), lastUpdated: '14:05' },
      ],
      0,
      [],
    )
    expect(model.items.slice(0, 2)).toEqual([
      { kind: 'label', label: 'Night desk: signed out (not live, last updated 14:02)' },
      {
        kind: 'label',
        label:
          'Acme office: the PBX sent an answer Switchboard cannot read (not live, last updated 14:05)',
      },
    ])
  })

  it('has no count and no recent section when there is nothing to show', () => {
    const model = trayModel([account('online')], 0, [])
    expect(model.tooltip).toBe('Switchboard — online')
    expect(model.title).toBe('')
    expect(model.items.map((i) => (i.kind === 'separator' ? '—' : i.label))).toEqual([
      'Acme office: online',
      '—',
      'Dial from clipboard',
      '—',
      'Open Switchboard',
      'Quit Switchboard',
    ])
  })

  it('cleans caller names from the PBX before they reach a menu', () => {
    const model = trayModel([], 1, [
      {
        accountId: 'acme',
        id: 'x',
        remote: { number: '201', name: 'Eve\u202E\nFake line' },
        direction: 'inbound',
      },
    ])
    expect(model.items[0]).toEqual({ kind: 'label', label: 'No account set up' })
    expect(model.tooltip).toBe('Switchboard — signed out — 1 missed call')
    const call = model.items.find((i) => i.kind === 'action' && i.action.type === 'dial')
    expect(call && 'label' in call ? call.label : '').toBe('↙ Eve Fake line (201)')
  })

  it('keeps the five newest calls, one entry per call', () => {
    let list: RecentCall[] = []
    for (const id of ['1', '2', '3', '4', '5', '6', '3']) {
      list = addRecentCall(list, {
        accountId: 'acme',
        id,
        remote: { number: id },
        direction: 'inbound',
      })
    }
    expect(list.map((c) => c.id)).toEqual(['3', '6', '5', '4', '2'])
  })

  it('keeps two accounts’ calls with the same id apart: two PBXs may number calls alike', () => {
    const call = { id: '7', remote: { number: '204' }, direction: 'inbound' as const }
    let list = addRecentCall([], { ...call, accountId: 'office' })
    list = addRecentCall(list, { ...call, accountId: 'home' })
    expect(list.map((c) => c.accountId)).toEqual(['home', 'office'])
  })
})

describe('the tray in the agent’s language (issue 15, finding 9)', () => {
  it('speaks Danish, with no English word left', () => {
    const model = trayModel(
      [{ ...account('offline', 'Kontoret'), lastUpdated: '14:02' }],
      1,
      [{ accountId: 'acme', id: '1', remote: { number: '204' }, direction: 'inbound' }],
      trayWords.da,
    )
    expect(model.tooltip).toBe('Switchboard — forbindelsesproblemer — 1 ubesvaret opkald')
    expect(model.items.map((i) => (i.kind === 'separator' ? '—' : i.label))).toEqual([
      'Kontoret: offline, prøver igen (ikke live, sidst opdateret 14:02)',
      '1 ubesvaret opkald',
      '—',
      'Ring op fra udklipsholderen',
      '—',
      'Seneste opkald',
      '↙ 204',
      '—',
      'Åbn Switchboard',
      'Afslut Switchboard',
    ])
  })

  it('counts missed calls with Russian plural forms', () => {
    const tip = (n: number) => trayModel([account('online')], n, [], trayWords.ru).tooltip
    expect(tip(1)).toBe('Switchboard — в сети — 1 пропущенный звонок')
    expect(tip(3)).toBe('Switchboard — в сети — 3 пропущенных звонка')
    expect(tip(5)).toBe('Switchboard — в сети — 5 пропущенных звонков')
    expect(tip(21)).toBe('Switchboard — в сети — 21 пропущенный звонок')
  })

  it('picks the words like the window picks its language: choice, then system, then English', () => {
    expect(wordsFor('system', ['nb-NO', 'da-DK']).trayHint).toMatch(/^Switchboard kører videre/)
    expect(wordsFor('ru', ['da-DK']).incomingCall).toBe('Входящий звонок')
    expect(wordsFor('system', ['de-DE']).open).toBe('Open Switchboard')
  })

  it('has every word in every language', () => {
    for (const words of Object.values(trayWords)) {
      for (const detail of Object.values(words.detail)) expect(detail).not.toBe('')
      expect(Object.keys(words.detail).sort()).toEqual(Object.keys(trayWords.en.detail).sort())
    }
  })
})

describe('tray icons', () => {
  it.each(['online', 'trouble', 'signed-out'] as const)('draws %s as a valid PNG', (state) => {
    const png = trayIconPng(state, 16)
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]))
    expect(png.readUInt32BE(16)).toBe(16) // IHDR width
    const idatLength = png.readUInt32BE(33)
    const rows = inflateSync(png.subarray(41, 41 + idatLength))
    expect(rows.length).toBe(16 * (16 * 4 + 1))
  })

  it('fills the lamp when connected and leaves it hollow when signed out', () => {
    const centre = (state: 'online' | 'signed-out'): number =>
      drawTrayIcon(state, 16)[(8 * 16 + 8) * 4 + 3]!
    expect(centre('online')).toBe(255)
    expect(centre('signed-out')).toBe(0)
  })
})

describe('the tray', () => {
  async function start() {
    const { setupTray } = await import('../../src/main/shell/tray')
    const harness = fakeCore()
    const focus: (() => void)[] = []
    let shown = 0
    const handle = await setupTray(harness.core, {
      showMain: () => void (shown += 1),
      onMainFocus: (listener) => void focus.push(listener),
    })
    const tray = fake.shell.trays[0]!
    const click = (label: string): void => {
      const items = (tray.menu?.items ?? []) as FakeMenuItem[]
      const item = items.find((i) => i.label === label)
      if (!item?.click) throw new Error(`no menu item ${label}`)
      item.click()
    }
    return { ...harness, handle, tray, click, focus, shown: () => shown }
  }

  it('counts missed calls in the tooltip until the window gets focus', async () => {
    const { events, tray, focus } = await start()
    events.emit('status:changed', makeStatus('acme', 'online'))
    expect(tray.tooltip).toBe('Switchboard — online')
    const record: CallRecord = {
      id: 'r',
      accountId: 'acme',
      direction: 'inbound',
      result: 'missed',
      from: { number: '+4570102030' },
      to: { number: '201' },
      startedAt: 0,
      durationSec: 0,
    }
    events.emit('call:missed', missedEvent(record))
    events.emit('call:missed', missedEvent(record, true))
    expect(tray.tooltip).toBe('Switchboard — online — 2 missed calls')
    focus.forEach((listener) => listener())
    expect(tray.tooltip).toBe('Switchboard — online')
  })

  it('follows the language chosen in Settings, and the system’s when none is chosen', async () => {
    fake.electron.app.systemLanguages = ['ru-RU']
    const { core, events, tray, click } = await start()
    events.emit('status:changed', makeStatus('acme', 'online'))
    expect(tray.tooltip).toBe('Switchboard — в сети')
    await core.setPreferences({ language: 'da' })
    expect(tray.tooltip).toBe('Switchboard — online')
    expect(() => click('Åbn Switchboard')).not.toThrow()
    await core.setPreferences({ language: 'en' })
    expect(() => click('Open Switchboard')).not.toThrow()
  })

  it('changes the icon with the connection', async () => {
    const { events, tray } = await start()
    events.emit('status:changed', makeStatus('acme', 'signed_out'))
    const first = tray.image
    events.emit('status:changed', makeStatus('acme', 'online'))
    const online = tray.image
    expect(online).not.toBe(first)
    expect(online.representations.map((r) => r.scaleFactor)).toEqual([2])
    events.emit('status:changed', makeStatus('acme', 'slow'))
    expect(tray.image).toBe(online)
    events.emit('status:changed', makeStatus('acme', 'offline'))
    expect(tray.image).not.toBe(online)
  })

  it('dials from the clipboard, a recent call, and opens the window', async () => {
    const { events, click, dials, shown } = await start()
    fake.electron.clipboard.writeText(' 201 ')
    click('Dial from clipboard')
    // Electron 45 reads the clipboard asynchronously.
    await new Promise((resolve) => setImmediate(resolve))
    events.emit(
      'call:event',
      liveEvent('call.ringing', makeCall({ remote: { number: '+4570000000' } })),
    )
    click('↙ +4570000000')
    click('Open Switchboard')
    expect(dials).toEqual([
      { input: ' 201 ', source: 'clipboard' },
      { input: '+4570000000', source: 'tray' },
    ])
    expect(shown()).toBe(1)
    click('Quit Switchboard')
    expect(fake.electron.app.quitCalled).toBe(true)
  })
})
