import { afterEach, describe, expect, it } from 'vitest'
import type { ChatMessage, Voicemail } from '../../src/shared/model'
import { startSession, type Harness } from './session-harness'

let h: Harness | undefined
afterEach(async () => {
  await h?.session.stop()
  h = undefined
})

const voicemail = (id: string, heard = false): Voicemail => ({
  id,
  accountId: 'acc1',
  mailbox: '201',
  caller: { number: '+4520000001' },
  receivedAt: 1,
  durationSec: 12,
  heard,
})

const message = (id: string, sentAt: number, own = false): ChatMessage => ({
  id,
  accountId: 'acc1',
  roomId: 'r1',
  from: { id: 'u2', name: 'Bo' },
  text: `hello ${id}`,
  sentAt,
  own,
})

describe('session: presence, voicemail and chat', () => {
  it('presence: the whole list first, then only changes; the snapshot has it all', async () => {
    h = await startSession()
    const lamp = { accountId: 'acc1', name: 'A', since: 1 }
    h.provider.presenceList = [
      { ...lamp, extension: '201', state: 'available' },
      { ...lamp, extension: '202', state: 'busy' },
    ]
    await h.clock.run(10_000)
    h.provider.presenceList = [
      { ...lamp, extension: '201', state: 'ringing' },
      { ...lamp, extension: '202', state: 'busy' },
    ]
    await h.clock.run(10_000)
    const changes = h.events.flatMap((e) =>
      e.type === 'presence.changed' ? [e.presence.map((p) => `${p.extension}:${p.state}`)] : [],
    )
    expect(changes).toEqual([['201:available', '202:busy'], ['201:ringing']])
    expect(h.session.snapshot().presence).toHaveLength(2)
  })

  it('voicemail already there at first start is not "new"; what arrives later is, once', async () => {
    h = await startSession()
    h.provider.voicemailList = [voicemail('v1')]
    await h.clock.run(70_000)
    h.provider.voicemailList = [voicemail('v1'), voicemail('v2'), voicemail('v3', true)]
    await h.clock.run(200_000)
    const fresh = h.events.flatMap((e) => (e.type === 'voicemail.new' ? [e.voicemail.id] : []))
    expect(fresh).toEqual(['v2'])
    expect(h.session.snapshot().voicemail.map((v) => v.id)).toEqual(['v1', 'v2', 'v3'])
  })

  it('chat: messages newer than what was read, not our own, once each', async () => {
    h = await startSession()
    const t = h.clock.now()
    h.provider.rooms = [{ id: 'r1', accountId: 'acc1', name: 'Team', unread: 0, lastMessageAt: t }]
    h.provider.messages = [message('m1', t)]
    await h.clock.run(20_000)
    h.provider.messages.push(message('m2', t + 20_000), message('m3', t + 21_000, true))
    h.provider.rooms[0]!.lastMessageAt = t + 21_000
    await h.clock.run(60_000)
    const got = h.events.flatMap((e) => (e.type === 'chat.message' ? [e.message.id] : []))
    expect(got).toEqual(['m2'])
    // Only rooms with something new cost a second request.
    expect(h.provider.count('chatMessages')).toBe(1)
  })

  it('remembers a voicemail heard here across restarts, for a PBX that cannot mark it', async () => {
    const fake = { capabilities: ['voicemail' as const, 'voicemail_mark_heard' as const] }
    h = await startSession({ fake })
    h.provider.voicemailList = [voicemail('v1'), voicemail('v2')]
    await h.clock.run(70_000)
    await h.session.markHeard(voicemail('v1'))
    await h.clock.run(1_000)
    expect(h.session.snapshot().voicemail.map((v) => [v.id, v.heard])).toEqual([
      ['v1', true],
      ['v2', false],
    ])
    await h.session.stop()
    // The next start: the PBX still lists v1 as new.
    const again = await startSession({ dir: h.dir, clock: h.clock, fake })
    h = again
    again.provider.voicemailList = [voicemail('v1'), voicemail('v2')]
    await again.clock.run(70_000)
    expect(again.session.snapshot().voicemail.map((v) => [v.id, v.heard])).toEqual([
      ['v1', true],
      ['v2', false],
    ])
  })
})
