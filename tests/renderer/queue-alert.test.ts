/** Queues that alert (issue 15, finding 14): the sidebar, the longest wait, pause all. */
import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { QueueMembership } from '../../src/shared/model'
import { waitLevel } from '../../src/renderer/src/queue-alert'
import { badge, button, mountApp, notices, removeBridge } from './screen-harness'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.useRealTimers()
  removeBridge()
})

const now = Date.UTC(2025, 2, 14, 12, 0)
const support: QueueMembership = {
  accountId: 'office',
  queueId: 'q1',
  queueName: 'Support',
  paused: false,
  waiting: 2,
  waitingSince: now - 10_000,
}
const sales: QueueMembership = {
  accountId: 'office',
  queueId: 'q2',
  queueName: 'Sales',
  paused: false,
  waiting: 0,
}

function sidebar(wrapper: VueWrapper) {
  const found = wrapper.find('[data-screen="queues"] [data-testid="queue-badge"]')
  return {
    level: found
      .find('.nav__badge')
      .classes()
      .find((c) => c.startsWith('nav__badge--')),
    label: found.attributes('aria-label'),
    wait: found.find('.queue-badge__wait').exists() ? found.find('.queue-badge__wait').text() : '',
  }
}

describe('waiting callers in the sidebar', () => {
  it('grows more urgent in colour as the longest wait grows past 30 s and 2 min', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now })
    const { wrapper } = await mountApp({
      capabilities: ['queues', 'presence'],
      state: { queues: [support, sales] },
    })
    expect(badge(wrapper, 'queues')).toBe('2')
    expect(sidebar(wrapper)).toEqual({
      level: 'nav__badge--waiting',
      label: '2 waiting, longest 0:10',
      wait: '0:10',
    })

    await vi.advanceTimersByTimeAsync(25_000)
    expect(sidebar(wrapper)).toMatchObject({ level: 'nav__badge--long', wait: '0:35' })

    await vi.advanceTimersByTimeAsync(90_000)
    expect(sidebar(wrapper)).toMatchObject({ level: 'nav__badge--urgent', wait: '2:05' })
  })

  it('shows the count but no made-up wait where the PBX does not say how long', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['queues'],
      state: { queues: [{ ...support, waitingSince: undefined }] },
    })
    expect(sidebar(wrapper)).toEqual({
      level: 'nav__badge--waiting',
      label: '2 waiting',
      wait: '',
    })
  })

  it('treats an unknown wait as waiting, never as long', () => {
    expect(waitLevel(0, 500_000)).toBe('none')
    expect(waitLevel(3, undefined)).toBe('waiting')
    expect(waitLevel(1, 29_999)).toBe('waiting')
    expect(waitLevel(1, 30_000)).toBe('long')
    expect(waitLevel(1, 120_000)).toBe('urgent')
  })
})

describe('the queues screen', () => {
  it('shows each queue’s longest wait by its name', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now })
    const { wrapper } = await mountApp({
      capabilities: ['queues'],
      state: { queues: [{ ...support, waitingSince: now - 95_000 }, sales] },
      screen: 'queues',
    })
    const rows = wrapper.findAll('[data-testid="queue-list"] li')
    expect(rows[0]!.find('strong').text()).toBe('Support')
    expect(rows[0]!.find('.row__wait').text()).toBe('Longest wait 1:35')
    expect(rows[0]!.find('.row__wait').classes()).toContain('row__wait--long')
    expect(rows[1]!.find('.row__wait').exists()).toBe(false)
  })

  it('pauses every queue at once with one reason, and says so', async () => {
    const { wrapper, sent } = await mountApp({
      capabilities: ['queues', 'queue_pause', 'queue_pause_reason'],
      state: {
        queues: [support, sales, { ...sales, queueId: 'q3', queueName: 'Billing', paused: true }],
      },
      answers: { 'queue:pause': { ok: true, data: null } },
      screen: 'queues',
    })
    const panel = wrapper.find('[data-testid="pause-all"]')
    await panel.find('input').setValue(' Lunch ')
    await button(panel, 'Pause all queues').trigger('click')
    await flushPromises()
    expect(sent('queue:pause')).toEqual([
      { accountId: 'office', queueId: 'q1', reason: 'Lunch' },
      { accountId: 'office', queueId: 'q2', reason: 'Lunch' },
    ])
    expect(notices(wrapper)).toEqual(['Paused in 2 queues.'])
  })

  it('names the queue that refused to pause', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['queues', 'queue_pause'],
      state: { queues: [support, sales] },
      answers: {
        'queue:pause': { ok: false, error: { kind: 'network', message: 'Cannot reach the PBX.' } },
      },
      screen: 'queues',
    })
    const panel = wrapper.find('[data-testid="pause-all"]')
    // This PBX keeps no reason: none is asked for.
    expect(panel.find('input').exists()).toBe(false)
    await button(panel, 'Pause all queues').trigger('click')
    await flushPromises()
    expect(panel.find('[role="alert"]').text()).toContain(
      'Support: The PBX cannot be reached. Check the network connection.',
    )
    expect(notices(wrapper)).toEqual([])
  })

  it('offers no pause-all where the PBX cannot pause', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['queues'],
      state: { queues: [support, sales] },
      screen: 'queues',
    })
    expect(wrapper.find('[data-testid="pause-all"]').exists()).toBe(false)
  })
})
