import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatMessage, ChatRoom } from '../../src/shared/model'
import { badge, button, held, mountApp, removeBridge, type Answers } from './screen-harness'

enableAutoUnmount(afterEach)
afterEach(() => removeBridge())

const start = Date.UTC(2025, 2, 14, 9, 0)
const general: ChatRoom = { id: 'r1', accountId: 'office', name: 'General', unread: 0 }
const support: ChatRoom = { id: 'r2', accountId: 'office', name: 'Support team', unread: 0 }

function message(n: number, parts: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `m${n}`,
    accountId: 'office',
    roomId: 'r1',
    from: { id: 'u7', name: 'Alice Jensen' },
    text: `Message ${n}`,
    sentAt: start + n * 60_000,
    own: false,
    ...parts,
  }
}

async function chat(answers: Answers = {}) {
  return mountApp({
    capabilities: ['chat'],
    answers: {
      'chat:rooms': { ok: true, data: [general, support] },
      'chat:messages': { ok: true, data: [message(1), message(2)] },
      ...answers,
    },
    screen: 'chat',
  })
}

function room(wrapper: VueWrapper, name: string) {
  const found = wrapper.findAll('.rooms button').find((b) => b.find('span').text() === name)
  if (!found) throw new Error(`No room ${name}`)
  return found
}

function texts(wrapper: VueWrapper): string[] {
  return wrapper.findAll('[data-testid="chat-messages"] .message__text').map((p) => p.text())
}

describe('the chat screen', () => {
  it('says the PBX has no chat when no account can do it', async () => {
    const { wrapper, sent } = await mountApp({ capabilities: ['calls'], screen: 'chat' })
    expect(wrapper.find('.empty').text()).toContain('No chat here')
    expect(sent('chat:rooms')).toEqual([])
  })

  it('says the rooms are loading while they are, not that there are none', async () => {
    const pending = held<ChatRoom[]>()
    const { wrapper } = await chat({ 'chat:rooms': pending.answer })
    expect(wrapper.find('[role="status"]').text()).toBe('Loading chat rooms…')
    expect(wrapper.find('.empty').exists()).toBe(false)
    pending.resolve({ ok: true, data: [] })
    await flushPromises()
    expect(wrapper.find('.empty').text()).toContain('No chat rooms')
  })

  it('says there are no rooms, and says why when they cannot be loaded', async () => {
    const empty = await chat({ 'chat:rooms': { ok: true, data: [] } })
    expect(empty.wrapper.find('.empty').text()).toContain('No chat rooms')
    empty.wrapper.unmount()
    removeBridge()

    const failed = await chat({
      'chat:rooms': { ok: false, error: { kind: 'network', message: 'Cannot reach the PBX.' } },
    })
    expect(failed.wrapper.find('[role="alert"]').text()).toBe(
      'The chat rooms could not be loaded: The PBX cannot be reached. Check the network connection.',
    )
  })

  it('opens the first room with its messages, oldest first', async () => {
    const { wrapper, sent } = await chat()
    expect(sent('chat:messages')).toEqual([{ accountId: 'office', roomId: 'r1', count: 30 }])
    expect(room(wrapper, 'General').attributes('aria-current')).toBe('true')
    expect(texts(wrapper)).toEqual(['Message 1', 'Message 2'])
    expect(wrapper.find('[data-testid="chat-messages"] header').text()).toContain('Alice Jensen')
    // Fewer than a page: this is the whole conversation.
    expect(wrapper.text()).toContain('This is the start of the conversation.')
  })

  it('counts unread messages per room and on the navigation, and clears them when opened', async () => {
    const { wrapper, bridge, answers, sent } = await chat()
    bridge.push('chat:message', message(10, { roomId: 'r2', text: 'Anyone there?' }))
    bridge.push('chat:message', message(11, { roomId: 'r2', text: 'Hello?' }))
    // In the open room, and one's own messages, are not unread.
    bridge.push('chat:message', message(12))
    bridge.push('chat:message', message(13, { roomId: 'r2', own: true }))
    await flushPromises()
    expect(room(wrapper, 'Support team').find('.badge').text()).toBe('2')
    expect(room(wrapper, 'General').find('.badge').exists()).toBe(false)
    expect(badge(wrapper, 'chat')).toBe('2')
    expect(texts(wrapper)).toContain('Message 12')

    answers['chat:messages'] = {
      ok: true,
      data: [message(5, { roomId: 'r2', text: 'Earlier question' })],
    }
    await room(wrapper, 'Support team').trigger('click')
    await flushPromises()
    expect(room(wrapper, 'Support team').find('.badge').exists()).toBe(false)
    expect(badge(wrapper, 'chat')).toBe('')
    // The messages pushed meanwhile are not the room's history: that is loaded too.
    expect(sent('chat:messages')[1]).toEqual({
      accountId: 'office',
      roomId: 'r2',
      count: 30,
      before: message(10).sentAt,
    })
    expect(texts(wrapper)).toEqual(['Earlier question', 'Anyone there?', 'Hello?', 'Message 13'])
  })

  it('shows a message with HTML in it as text, creating no element', async () => {
    const hostile = '<img src=x onerror=alert(1)><b>bold</b><script>alert(2)</script>'
    const { wrapper } = await chat({
      'chat:messages': { ok: true, data: [message(1, { text: hostile })] },
    })
    const pane = wrapper.find('[data-testid="chat-messages"]')
    expect(pane.find('.message__text').text()).toBe(hostile)
    expect(pane.find('img').exists()).toBe(false)
    expect(pane.find('b').exists()).toBe(false)
    expect(pane.find('script').exists()).toBe(false)
  })

  it('sends with Enter, adds a line with Shift+Enter, and shows the message sent', async () => {
    const sentMessage = message(3, { own: true, text: 'On my way' })
    const pending = held<ChatMessage>()
    const { wrapper, sent } = await chat({ 'chat:send': pending.answer })
    const draft = wrapper.find('textarea')
    await draft.setValue('On my way')
    await draft.trigger('keydown', { key: 'Enter', shiftKey: true })
    expect(sent('chat:send')).toEqual([])

    await draft.trigger('keydown', { key: 'Enter' })
    expect(sent('chat:send')).toEqual([{ accountId: 'office', roomId: 'r1', text: 'On my way' }])
    expect((draft.element as HTMLTextAreaElement).value).toBe('')
    expect(wrapper.find('.message--pending').text()).toContain('Sending…')

    pending.resolve({ ok: true, data: sentMessage })
    await flushPromises()
    expect(wrapper.find('.message--pending').exists()).toBe(false)
    expect(texts(wrapper)).toEqual(['Message 1', 'Message 2', 'On my way'])
    expect(wrapper.find('.message--own header').text()).toContain('You')
  })

  it('does not send an empty message', async () => {
    const { wrapper, sent } = await chat()
    const draft = wrapper.find('textarea')
    await draft.setValue('   ')
    expect(button(wrapper, 'Send').attributes('disabled')).toBeDefined()
    await draft.trigger('keydown', { key: 'Enter' })
    expect(sent('chat:send')).toEqual([])
  })

  it('keeps a message that failed to send, says why, and sends it again on retry', async () => {
    const { wrapper, answers, sent } = await chat({
      'chat:send': { ok: false, error: { kind: 'network', message: 'Cannot reach the PBX.' } },
    })
    await wrapper.find('textarea').setValue('Back in five')
    await wrapper.find('form.composer').trigger('submit')
    await flushPromises()
    const failed = wrapper.find('.message--pending')
    expect(failed.find('.message__text').text()).toBe('Back in five')
    expect(failed.find('[role="alert"]').text()).toContain(
      'Not sent: The PBX cannot be reached. Check the network connection.',
    )

    answers['chat:send'] = { ok: true, data: message(3, { own: true, text: 'Back in five' }) }
    await button(failed, 'Try again').trigger('click')
    await flushPromises()
    expect(sent('chat:send')).toEqual([
      { accountId: 'office', roomId: 'r1', text: 'Back in five' },
      { accountId: 'office', roomId: 'r1', text: 'Back in five' },
    ])
    expect(wrapper.find('.message--pending').exists()).toBe(false)
    expect(texts(wrapper)).toEqual(['Message 1', 'Message 2', 'Back in five'])
  })

  it('lets a failed message be discarded', async () => {
    const { wrapper } = await chat({
      'chat:send': { ok: false, error: { kind: 'network', message: 'Cannot reach the PBX.' } },
    })
    await wrapper.find('textarea').setValue('Never mind')
    await wrapper.find('form.composer').trigger('submit')
    await flushPromises()
    await button(wrapper.find('.message--pending'), 'Discard').trigger('click')
    expect(wrapper.find('.message--pending').exists()).toBe(false)
    expect(texts(wrapper)).not.toContain('Never mind')
  })

  it('loads older messages above when scrolled to the top, until the start', async () => {
    const page = Array.from({ length: 30 }, (_, i) => message(100 + i))
    const { wrapper, answers, sent } = await chat({ 'chat:messages': { ok: true, data: page } })
    expect(texts(wrapper)).toHaveLength(30)
    expect(wrapper.text()).not.toContain('This is the start of the conversation.')

    answers['chat:messages'] = { ok: true, data: [message(1), message(2)] }
    const pane = wrapper.find('[data-testid="chat-messages"]')
    pane.element.scrollTop = 0
    await pane.trigger('scroll')
    await flushPromises()
    expect(sent('chat:messages')[1]).toEqual({
      accountId: 'office',
      roomId: 'r1',
      count: 30,
      before: page[0]!.sentAt,
    })
    expect(texts(wrapper).slice(0, 3)).toEqual(['Message 1', 'Message 2', 'Message 100'])
    expect(texts(wrapper)).toHaveLength(32)
    expect(wrapper.text()).toContain('This is the start of the conversation.')

    // At the start nothing more is asked for.
    await pane.trigger('scroll')
    await flushPromises()
    expect(sent('chat:messages')).toHaveLength(2)
  })

  it('says why a room’s messages could not be loaded, and loads them on retry', async () => {
    const { wrapper, answers } = await chat({
      'chat:messages': { ok: false, error: { kind: 'timeout', message: 'The PBX took too long.' } },
    })
    const pane = wrapper.find('[data-testid="chat-messages"]')
    expect(pane.find('[role="alert"]').text()).toContain(
      'That did not work: The PBX did not answer in time. Try again.',
    )

    answers['chat:messages'] = { ok: true, data: [message(1)] }
    await button(pane, 'Try again').trigger('click')
    await flushPromises()
    expect(pane.find('[role="alert"]').exists()).toBe(false)
    expect(texts(wrapper)).toEqual(['Message 1'])
  })
})
