import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { Call, QueueMembership } from '../../src/shared/model'
import { mountApp, removeBridge } from './screen-harness'

afterEach(removeBridge)

// PBXCloud names a call's queue by its number; the queue list knows its name.
const ringing: Call = {
  id: 'L1',
  accountId: 'office',
  direction: 'inbound',
  placedBy: 'outside',
  state: 'ringing',
  local: { number: '201' },
  remote: { number: '+4520304050', name: 'Alice Jensen' },
  queue: '281',
  startedAt: Date.now() - 4000,
  handle: {},
}
const kundeservice: QueueMembership = {
  accountId: 'office',
  queueId: '281',
  queueName: 'Kundeservice',
  paused: false,
}

describe('a call from a queue', () => {
  it('names the queue as the Queues screen does, never by its id', async () => {
    const { wrapper, bridge } = await mountApp({
      capabilities: ['calls', 'queues'],
      state: { calls: [ringing], queues: [kundeservice] },
      screen: 'calls',
    })
    const popup = wrapper.find('[data-testid="incoming-call"]')
    expect(popup.text()).toContain('Kundeservice')
    expect(popup.text()).not.toContain('281')

    // A call arriving later, and a queue renamed on the PBX, are named too.
    bridge.push('calls:changed', {
      accountId: 'office',
      calls: [ringing, { ...ringing, id: 'L2', remote: { number: '+4511111111' } }],
    })
    bridge.push('queues:changed', {
      accountId: 'office',
      queues: [{ ...kundeservice, queueName: 'Kundeservice DK' }],
    })
    await flushPromises()
    const texts = wrapper.findAll('[data-testid="incoming-call"]').map((p) => p.text())
    expect(texts).toHaveLength(2)
    for (const text of texts) {
      expect(text).toContain('Kundeservice DK')
      expect(text).not.toContain('281')
    }
  })

  it('keeps a queue the agent is not in as the PBX names it', async () => {
    const { wrapper } = await mountApp({
      capabilities: ['calls', 'queues'],
      state: { calls: [{ ...ringing, queue: 'Support' }], queues: [kundeservice] },
    })
    expect(wrapper.find('[data-testid="incoming-call"]').text()).toContain('Support')
  })
})
