/**
 * New voicemail reaches the agent: the session's `voicemail.new` becomes the
 * window's `voicemail:new`, an OS notification shows once per message, and the
 * tray counts new messages until they are heard or deleted.
 */
import { trayWords } from '../../src/shared/tray-words'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Voicemail } from '../../src/shared/model'
import { EventHub } from '../../src/main/core/events'
import { forwardSessionEvent } from '../../src/main/core/app/state-events'
import { trayModel } from '../../src/main/shell/tray-model'
import { resetFake, type FakeElectron } from '../support/fake-electron'
import { fakeCore, makeStatus } from '../support/fake-electron-core'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

function message(id: string, heard = false): Voicemail {
  return {
    id,
    accountId: 'acme',
    mailbox: '201',
    caller: { number: '+4533123456', name: 'Anna <i>Berg</i>' },
    receivedAt: Date.UTC(2025, 0, 6, 9, 0, 0),
    durationSec: 42,
    heard,
  }
}

describe('new voicemail', () => {
  it("reaches the windows as voicemail:new, with the account's id", () => {
    const hub = new EventHub()
    const heard: unknown[] = []
    hub.on((event) => heard.push(event))
    const requests = () => ({ lastMinute: 0, total: 0, budgetPerMinute: 120 })
    const voicemail = message('v1')
    forwardSessionEvent(
      { type: 'voicemail.new', accountId: 'acme', id: 'acme:vm:v1:new', at: 0, voicemail },
      hub,
      requests,
    )
    expect(heard).toEqual([{ name: 'voicemail:new', payload: { accountId: 'acme', voicemail } }])
  })

  it('shows a notification once per message, with who called and how long, and a click opens the window', async () => {
    const { setupVoicemailNotifications } =
      await import('../../src/main/shell/voicemail-notifications')
    const { core, events } = fakeCore()
    let shown = 0
    setupVoicemailNotifications(core, { showMain: () => void (shown += 1), platform: 'linux' })
    events.emit('voicemail:new', { accountId: 'acme', voicemail: message('v1') })
    events.emit('voicemail:new', { accountId: 'acme', voicemail: message('v1') })
    events.emit('voicemail:new', { accountId: 'acme', voicemail: message('v2') })
    expect(fake.notifications).toHaveLength(2)
    expect(fake.notifications[0]!.options).toEqual({
      title: 'New voicemail',
      // Linux reads the body as markup: the caller's name stays text.
      body: 'Anna &lt;i&gt;Berg&lt;/i&gt; (+4533123456) · 0:42',
    })
    fake.notifications[0]!.emit('click')
    expect(shown).toBe(1)
  })

  it('shows none when the agent turned every incoming alert off', async () => {
    const { setupVoicemailNotifications } =
      await import('../../src/main/shell/voicemail-notifications')
    const { core, events } = fakeCore({ incomingAlert: 'none' })
    setupVoicemailNotifications(core, { showMain: () => undefined, platform: 'darwin' })
    events.emit('voicemail:new', { accountId: 'acme', voicemail: message('v1') })
    expect(fake.notifications).toHaveLength(0)
  })

  it('puts the count of new messages in the tray next to missed calls', () => {
    const model = trayModel([], 1, [], trayWords.en, 2)
    expect(model.tooltip).toBe('Switchboard — signed out — 1 missed call — 2 new voicemails')
    expect(model.title).toBe('3')
    expect(model.items.slice(1, 3)).toEqual([
      { kind: 'label', label: '1 missed call' },
      { kind: 'label', label: '2 new voicemails' },
    ])
  })

  it('keeps the tray badge until the message is heard or deleted', async () => {
    const { setupTray } = await import('../../src/main/shell/tray')
    const { core, events } = fakeCore()
    await setupTray(core, { showMain: () => undefined, onMainFocus: () => undefined })
    const tray = fake.shell.trays[0]!
    events.emit('status:changed', makeStatus('acme', 'online'))
    events.emit('voicemail:new', { accountId: 'acme', voicemail: message('v1') })
    events.emit('voicemail:new', { accountId: 'acme', voicemail: message('v2') })
    events.emit('voicemail:new', { accountId: 'acme', voicemail: message('v2') })
    expect(tray.tooltip).toBe('Switchboard — online — 2 new voicemails')
    events.emit('voicemail:changed', {
      accountId: 'acme',
      voicemail: [message('v1', true), message('v2')],
    })
    expect(tray.tooltip).toBe('Switchboard — online — 1 new voicemail')
    events.emit('voicemail:changed', { accountId: 'acme', voicemail: [] })
    expect(tray.tooltip).toBe('Switchboard — online')
  })
})
