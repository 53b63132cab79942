import { enableAutoUnmount, flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Flow, QueueMembership } from '../../src/shared/model'
import { badge, button, held, mountApp, removeBridge } from './screen-harness'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  removeBridge()
})

const now = Date.UTC(2025, 2, 14, 12, 0)
const support: QueueMembership = {
  accountId: 'office',
  queueId: 'q1',
  queueName: 'Support',
  paused: false,
  waiting: 3,
  callsTaken: 12,
}
const sales: QueueMembership = {
  accountId: 'office',
  queueId: 'q2',
  queueName: 'Sales',
  paused: true,
  reason: 'Lunch',
  pausedSince: now - 125_000,
}

function rows(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper']) {
  return wrapper.findAll('[data-testid="queue-list"] li')
}

describe('the queues screen', () => {
  it('says the PBX has no queue work when no account can do it', async () => {
    const { wrapper } = await mountApp({ capabilities: ['calls'], screen: 'queues' })
    expect(wrapper.find('.empty').text()).toContain('No queues here')
    expect(wrapper.text()).toContain('This PBX does not offer queue work to Switchboard.')
  })

  it('says the agent is in no queue instead of showing an empty list', async () => {
    const { wrapper } = await mountApp({ capabilities: ['queues'], screen: 'queues' })
    expect(wrapper.find('.empty').text()).toContain('You are in no queue')
    expect(wrapper.find('[data-testid="queue-list"]').exists()).toBe(false)
  })

  it('lists memberships: waiting and taken, working or paused with reason and time in pause', async () => {
    // Only the clock is fake, so the time in pause reads the same on every run.
    vi.useFakeTimers({ toFake: ['Date'], now })
    const { wrapper } = await mountApp({
      capabilities: ['queues', 'queue_pause'],
      state: { queues: [support, sales] },
      screen: 'queues',
    })
    const [working, paused] = rows(wrapper)
    expect(working!.find('strong').text()).toBe('Support')
    expect(working!.text()).toContain('3 waiting')
    expect(working!.text()).toContain('12 taken')
    expect(working!.find('.row__state').text()).toBe('Taking calls')
    expect(working!.find('button').text()).toBe('Pause')

    expect(paused!.classes()).toContain('row--paused')
    expect(paused!.find('.row__state').text()).toBe('Paused — Lunch · 2:05')
    expect(paused!.find('button').text()).toBe('Resume')
    // A paused queue asks for no reason.
    expect(paused!.find('input').exists()).toBe(false)
    expect(wrapper.find('.note').exists()).toBe(false)
  })

  it('shows the state but no controls where the PBX cannot pause', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['queues'],
      state: { queues: [support, sales] },
      screen: 'queues',
    })
    expect(rows(wrapper)[1]!.text()).toContain('Paused — Lunch')
    expect(wrapper.findAll('[data-testid="queue-list"] button')).toHaveLength(0)
    expect(wrapper.findAll('[data-testid="queue-list"] input')).toHaveLength(0)
    expect(wrapper.find('.note').text()).toContain('not pause or resume your work')
  })

  it('offers the usual pause reasons and sends the one chosen', async () => {
    const { wrapper, sent } = await mountApp({
      capabilities: ['queues', 'queue_pause', 'queue_pause_reason'],
      state: { queues: [support] },
      answers: { 'queue:pause': { ok: true, data: null } },
      screen: 'queues',
    })
    const input = rows(wrapper)[0]!.find('input')
    const suggestions = wrapper.find(`datalist#${input.attributes('list')}`)
    expect(suggestions.findAll('option').map((o) => o.attributes('value'))).toEqual([
      'Lunch',
      'Break',
      'Meeting',
      'Admin work',
    ])
    // Labelled in words above the field, not by a placeholder that reads as a value.
    expect(input.attributes('placeholder')).toBeUndefined()
    expect(input.element.closest('label')?.textContent).toContain('Reason (optional)')

    await input.setValue('Meeting')
    await button(rows(wrapper)[0]!, 'Pause').trigger('click')
    await flushPromises()
    expect(sent('queue:pause')).toEqual([{ accountId: 'office', queueId: 'q1', reason: 'Meeting' }])
  })

  it('pauses with a reason typed freely, or with none', async () => {
    const { wrapper, sent } = await mountApp({
      capabilities: ['queues', 'queue_pause', 'queue_pause_reason'],
      state: { queues: [support, { ...support, queueId: 'q3', queueName: 'Billing' }] },
      answers: { 'queue:pause': { ok: true, data: null } },
      screen: 'queues',
    })
    await rows(wrapper)[0]!.find('input').setValue('Training the new colleague')
    await button(rows(wrapper)[0]!, 'Pause').trigger('click')
    await button(rows(wrapper)[1]!, 'Pause').trigger('click')
    await flushPromises()
    expect(sent('queue:pause')).toEqual([
      { accountId: 'office', queueId: 'q1', reason: 'Training the new colleague' },
      { accountId: 'office', queueId: 'q3' },
    ])
  })

  it('asks for no reason where the PBX would not keep it', async () => {
    const { wrapper, sent } = await mountApp({
      capabilities: ['queues', 'queue_pause'],
      state: { queues: [support] },
      answers: { 'queue:pause': { ok: true, data: null } },
      screen: 'queues',
    })
    expect(rows(wrapper)[0]!.find('input').exists()).toBe(false)
    await button(rows(wrapper)[0]!, 'Pause').trigger('click')
    await flushPromises()
    expect(sent('queue:pause')).toEqual([{ accountId: 'office', queueId: 'q1' }])
  })

  it('resumes a paused queue, and shows the new state main pushes', async () => {
    const { wrapper, bridge, sent } = await mountApp({
      capabilities: ['queues', 'queue_pause'],
      state: { queues: [sales] },
      answers: { 'queue:resume': { ok: true, data: null } },
      screen: 'queues',
    })
    await button(rows(wrapper)[0]!, 'Resume').trigger('click')
    await flushPromises()
    expect(sent('queue:resume')).toEqual([{ accountId: 'office', queueId: 'q2' }])
    expect(sent('queue:pause')).toEqual([])

    bridge.push('queues:changed', {
      accountId: 'office',
      queues: [{ ...sales, paused: false, reason: undefined, pausedSince: undefined }],
    })
    await flushPromises()
    expect(rows(wrapper)[0]!.find('.row__state').text()).toBe('Taking calls')
    expect(rows(wrapper)[0]!.find('button').text()).toBe('Pause')
  })

  it('disables the button while the PBX answers, and says in words when it refuses', async () => {
    const pending = held<null>()
    const { wrapper } = await mountApp({
      capabilities: ['queues', 'queue_pause'],
      state: { queues: [support] },
      answers: { 'queue:pause': pending.answer },
      screen: 'queues',
    })
    await button(rows(wrapper)[0]!, 'Pause').trigger('click')
    expect(button(rows(wrapper)[0]!, 'Pause').attributes('disabled')).toBeDefined()

    pending.resolve({ ok: false, error: { kind: 'not_found', message: 'Agent not found.' } })
    await flushPromises()
    const row = rows(wrapper)[0]!
    expect(row.find('[role="alert"]').text()).toBe('That did not work: That is no longer there.')
    expect(row.find('.row__state').text()).toBe('Taking calls')
    expect(button(row, 'Pause').attributes('disabled')).toBeUndefined()
  })

  it('switches a day/night flow, and says when that failed', async () => {
    vi.stubGlobal('confirm', () => true)
    const night: Flow = { id: 'f1', accountId: 'office', name: 'Night service', active: false }
    const { wrapper, sent } = await mountApp({
      capabilities: ['flows'],
      flows: [night],
      answers: { 'flow:set': { ok: false, error: { kind: 'network', message: 'Offline.' } } },
      screen: 'queues',
    })
    const flows = wrapper.find('[data-testid="flow-list"]')
    expect(flows.text()).toContain('Night service')
    await flows.find('input[role="switch"]').setValue(true)
    await flushPromises()
    expect(sent('flow:set')).toEqual([{ accountId: 'office', flowId: 'f1', active: true }])
    expect(flows.find('[role="alert"]').text()).toBe(
      'That did not work: The PBX cannot be reached. Check the network connection.',
    )
  })

  it('asks before switching the whole company to night mode, and a no changes nothing', async () => {
    const ask = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true)
    vi.stubGlobal('confirm', ask)
    const night: Flow = { id: 'f1', accountId: 'office', name: 'Night service', active: false }
    const { wrapper, sent } = await mountApp({
      capabilities: ['flows'],
      flows: [night],
      answers: { 'flow:set': { ok: true, data: null } },
      screen: 'queues',
    })
    const box = wrapper.find<HTMLInputElement>('[data-testid="flow-list"] input[role="switch"]')
    await box.setValue(true)
    await flushPromises()
    expect(ask).toHaveBeenCalledWith(
      'Switch on “Night service” for the whole company? Every caller will be routed by it.',
    )
    expect(sent('flow:set')).toEqual([])
    expect(box.element.checked).toBe(false)

    await box.setValue(true)
    await flushPromises()
    expect(sent('flow:set')).toEqual([{ accountId: 'office', flowId: 'f1', active: true }])
  })

  it('shows a company-wide switch that is on in the status bar, on every screen', async () => {
    const night: Flow = { id: 'f1', accountId: 'office', name: 'Night service', active: true }
    const lunch: Flow = { id: 'f2', accountId: 'office', name: 'Lunch closed', active: false }
    const { wrapper, bridge, sent } = await mountApp({
      capabilities: ['flows', 'presence'],
      flows: [night, lunch],
    })
    const shown = () => wrapper.findAll('[data-testid="flow-on"]').map((f) => f.text())
    expect(shown()).toEqual(['Night service: on'])
    // Read on their own once the window has the picture, not carried by the snapshot.
    expect(sent('flows:list')).toEqual([{ accountId: 'office' }])
    bridge.push('flows:changed', {
      accountId: 'office',
      flows: [{ ...night, active: false }, lunch],
    })
    await flushPromises()
    expect(shown()).toEqual([])
  })

  it('does not ask a PBX without day/night flows for them', async () => {
    const { wrapper, sent } = await mountApp({ capabilities: ['presence', 'queues'] })
    expect(sent('flows:list')).toEqual([])
    expect(wrapper.findAll('[data-testid="flow-on"]')).toEqual([])
  })

  it('shows the callers waiting in the agent’s queues in the sidebar, on every screen', async () => {
    const support: QueueMembership = {
      accountId: 'office',
      queueId: 'q1',
      queueName: 'Support',
      paused: false,
      waiting: 2,
    }
    const { wrapper, bridge } = await mountApp({
      capabilities: ['queues', 'presence'],
      state: { queues: [support, { ...support, queueId: 'q2', queueName: 'Sales', waiting: 1 }] },
    })
    expect(badge(wrapper, 'queues')).toBe('3')
    expect(wrapper.find('[data-screen="queues"] .nav__badge--waiting').exists()).toBe(true)
    bridge.push('queues:changed', { accountId: 'office', queues: [{ ...support, waiting: 0 }] })
    await flushPromises()
    expect(badge(wrapper, 'queues')).toBe('')
  })
})
