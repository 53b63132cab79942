import { enableAutoUnmount, flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatDateTime } from '../../src/renderer/src/format'
import type { Voicemail } from '../../src/shared/model'
import { badge, button, mountApp, notices, removeBridge } from './screen-harness'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.useRealTimers()
  removeBridge()
})

const received = Date.UTC(2025, 2, 14, 9, 30)
const fromAlice: Voicemail = {
  id: 'v1',
  accountId: 'office',
  mailbox: '201',
  caller: { number: '+4520304050', name: 'Alice Jensen' },
  receivedAt: received,
  durationSec: 65,
  heard: false,
}
const fromUnknown: Voicemail = {
  id: 'v2',
  accountId: 'office',
  mailbox: '201',
  caller: { number: '+4511223344' },
  receivedAt: received - 3_600_000,
  durationSec: 7,
  heard: true,
}

/** Timers the tests move by hand; setImmediate stays real for flushPromises. */
function fakeTimers(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
}

function rows(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper']) {
  return wrapper.findAll('[data-testid="voicemail-list"] li')
}

describe('the voicemail screen', () => {
  it('says the PBX has no voicemail when no account can do it', async () => {
    const { wrapper } = await mountApp({ capabilities: ['calls'], screen: 'voicemail' })
    expect(wrapper.find('.empty').text()).toContain('No voicemail here')
    expect(wrapper.text()).toContain('This PBX does not offer voicemail to Switchboard.')
    expect(wrapper.find('[data-testid="voicemail-list"]').exists()).toBe(false)
  })

  it('when main finds the PBX has no voicemail list, says so in words and hides the screen it cannot fill', async () => {
    const { wrapper, bridge } = await mountApp({
      capabilities: ['calls', 'voicemail'],
      screen: 'voicemail',
    })
    expect(wrapper.text()).not.toContain('This PBX does not offer voicemail to Switchboard.')
    expect(wrapper.find('nav').text()).toContain('Voicemail')
    bridge.push('capabilities:changed', {
      accountId: 'office',
      capabilities: ['calls'],
      notOffered: 'voicemail',
    })
    await flushPromises()
    expect(notices(wrapper)).toContain(
      'This PBX does not offer a voicemail list; Switchboard will not ask it again this session.',
    )
    // Honest navigation: the screen goes, and the board shows instead of an empty page.
    expect(wrapper.find('nav').text()).not.toContain('Voicemail')
    expect(wrapper.find('[data-testid="voicemail-list"]').exists()).toBe(false)
  })

  it('says there is no voicemail instead of showing an empty list', async () => {
    const { wrapper } = await mountApp({ capabilities: ['voicemail'], screen: 'voicemail' })
    expect(wrapper.find('.empty').text()).toContain('No voicemail')
    expect(wrapper.text()).toContain('New messages appear here as soon as they arrive.')
  })

  it('lists messages newest first with caller, date, duration and new or heard', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['voicemail'],
      state: { voicemail: [fromUnknown, fromAlice] },
      screen: 'voicemail',
    })
    const [first, second] = rows(wrapper)
    expect(first!.text()).toContain('New')
    expect(first!.text()).toContain('Alice Jensen')
    expect(first!.text()).toContain('+4520304050')
    expect(first!.text()).toContain(formatDateTime(received, 'en'))
    expect(first!.text()).toContain('1:05')
    expect(first!.classes()).toContain('row--new')
    expect(second!.text()).toContain('Heard')
    expect(second!.find('strong').text()).toBe('+4511223344')
    expect(second!.text()).toContain('0:07')
    expect(second!.classes()).not.toContain('row--new')
    // The unheard count is on the navigation too.
    expect(badge(wrapper, 'voicemail')).toBe('1')
  })

  it('groups messages per mailbox when there is more than one, and not otherwise', async () => {
    const shared: Voicemail = { ...fromUnknown, id: 'v3', mailbox: '299' }
    const { wrapper } = await mountApp({
      capabilities: ['voicemail'],
      state: { voicemail: [fromAlice, shared, fromUnknown] },
      screen: 'voicemail',
    })
    const boxes = wrapper.findAll('[data-testid="voicemail-list"] section')
    expect(boxes.map((b) => b.find('h2').text())).toEqual([
      expect.stringMatching(/^Mailbox 201 · /),
      expect.stringMatching(/^Mailbox 299 · /),
    ])
    expect(boxes[0]!.findAll('li')).toHaveLength(2)
    expect(boxes[1]!.findAll('li')).toHaveLength(1)
    wrapper.unmount()
    removeBridge()
    const single = await mountApp({
      capabilities: ['voicemail'],
      state: { voicemail: [fromAlice, fromUnknown] },
      screen: 'voicemail',
    })
    expect(single.wrapper.find('[data-testid="voicemail-list"] h2').exists()).toBe(false)
  })

  it('plays a new message, marks it heard on the PBX, and follows the list main pushes', async () => {
    const { wrapper, bridge, sent } = await mountApp({
      capabilities: ['voicemail', 'voicemail_mark_heard'],
      state: { voicemail: [fromAlice, fromUnknown] },
      answers: { 'voicemail:markHeard': { ok: true, data: null } },
      screen: 'voicemail',
    })
    await button(rows(wrapper)[0]!, 'Play').trigger('click')
    await flushPromises()
    expect(sent('voicemail:markHeard')).toEqual([{ accountId: 'office', voicemailId: 'v1' }])
    const player = wrapper.find('[data-testid="voicemail-player"]')
    expect(player.text()).toContain('Alice Jensen')
    expect(player.find('audio').attributes('src')).toContain('/__bridge/media/office/voicemail/v1')

    bridge.push('voicemail:changed', {
      accountId: 'office',
      voicemail: [{ ...fromAlice, heard: true }, fromUnknown],
    })
    await flushPromises()
    expect(rows(wrapper)[0]!.text()).toContain('Heard')
    expect(badge(wrapper, 'voicemail')).toBe('')

    // A heard message plays without telling the PBX again.
    await button(rows(wrapper)[1]!, 'Play').trigger('click')
    await flushPromises()
    expect(sent('voicemail:markHeard')).toHaveLength(1)
  })

  it('offers delete only where the PBX can delete', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['voicemail'],
      state: { voicemail: [fromAlice] },
      screen: 'voicemail',
    })
    const labels = rows(wrapper)[0]!
      .findAll('button')
      .map((b) => b.text())
    expect(labels).toEqual(['Play', 'Call back'])
  })

  it('hides a deleted message at once and brings it back on undo, without deleting it', async () => {
    fakeTimers()
    const { wrapper, sent } = await mountApp({
      capabilities: ['voicemail', 'voicemail_delete'],
      state: { voicemail: [fromAlice, fromUnknown] },
      answers: { 'voicemail:delete': { ok: true, data: null } },
      screen: 'voicemail',
    })
    await button(rows(wrapper)[0]!, 'Delete').trigger('click')
    expect(rows(wrapper).map((r) => r.find('strong').text())).toEqual(['+4511223344'])
    const undo = wrapper.find('.undo')
    expect(undo.text()).toContain('Message deleted.')

    await vi.advanceTimersByTimeAsync(4000)
    await undo.find('button').trigger('click')
    expect(rows(wrapper).map((r) => r.find('strong').text())).toEqual([
      'Alice Jensen',
      '+4511223344',
    ])
    expect(wrapper.find('.undo').exists()).toBe(false)

    await vi.advanceTimersByTimeAsync(10_000)
    await flushPromises()
    expect(sent('voicemail:delete')).toEqual([])
    expect(rows(wrapper)).toHaveLength(2)
  })

  it('deletes on the PBX once the undo window has passed, and the message stays gone', async () => {
    fakeTimers()
    const { wrapper, bridge, sent } = await mountApp({
      capabilities: ['voicemail', 'voicemail_delete'],
      state: { voicemail: [fromAlice] },
      answers: { 'voicemail:delete': { ok: true, data: null } },
      screen: 'voicemail',
    })
    await button(rows(wrapper)[0]!, 'Delete').trigger('click')
    // The only message is being deleted: the undo bar shows, not "No voicemail".
    expect(wrapper.find('.undo').text()).toContain('Undo')
    expect(wrapper.find('.empty').exists()).toBe(false)

    await vi.advanceTimersByTimeAsync(5000)
    await flushPromises()
    expect(sent('voicemail:delete')).toEqual([{ accountId: 'office', voicemailId: 'v1' }])
    expect(wrapper.find('.undo').exists()).toBe(false)
    // Deleted on the PBX: it does not come back while main's next list is on its way.
    expect(rows(wrapper)).toHaveLength(0)
    expect(wrapper.find('.empty').text()).toContain('No voicemail')

    bridge.push('voicemail:changed', { accountId: 'office', voicemail: [] })
    await flushPromises()
    expect(wrapper.find('.empty').text()).toContain('No voicemail')
    expect(notices(wrapper)).toEqual([])
  })

  it('brings a message back and says why when the PBX refuses to delete it', async () => {
    fakeTimers()
    const { wrapper, sent } = await mountApp({
      capabilities: ['voicemail', 'voicemail_delete'],
      state: { voicemail: [fromAlice, fromUnknown] },
      answers: {
        'voicemail:delete': {
          ok: false,
          error: { kind: 'network', message: 'Cannot reach the PBX.' },
        },
      },
      screen: 'voicemail',
    })
    await button(rows(wrapper)[0]!, 'Delete').trigger('click')
    expect(rows(wrapper)).toHaveLength(1)

    await vi.advanceTimersByTimeAsync(5000)
    await flushPromises()
    expect(sent('voicemail:delete')).toHaveLength(1)
    expect(rows(wrapper).map((r) => r.find('strong').text())).toEqual([
      'Alice Jensen',
      '+4511223344',
    ])
    expect(notices(wrapper)).toEqual([
      'The message could not be deleted: The PBX cannot be reached. Check the network connection.',
    ])
  })

  it('calls the caller back from the message', async () => {
    const { wrapper, sent } = await mountApp({
      capabilities: ['voicemail', 'dial'],
      state: { voicemail: [fromAlice] },
      answers: { 'call:dial': { ok: true, data: { number: '+4520304050' } } },
      screen: 'voicemail',
    })
    await button(rows(wrapper)[0]!, 'Call back').trigger('click')
    await flushPromises()
    expect(sent('call:dial')).toEqual([{ accountId: 'office', number: '+4520304050' }])
    expect(notices(wrapper)).toEqual(['Calling +4520304050…'])
  })
})
