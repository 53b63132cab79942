/**
 * "Talk first": the held caller's card says "Transferring to …" from the moment the
 * agent asks for it, for as long as the agent talks to the colleague, and until the
 * PBX moves the caller away; then it is done, or the card says why it failed.
 */
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { TRANSFER_CONFIRM_MS } from '../../src/renderer/src/stores/calls'
import type { Call } from '../../src/shared/model'
import { T0, app, call, fakeBridge } from './call-flow-harness'

const caller = call({ state: 'up' })
const held = call({ state: 'held' })
const consult = (state: Call['state']): Call =>
  call({
    id: 'C1',
    direction: 'internal',
    placedBy: 'agent',
    state,
    remote: { number: '203', name: 'Bodil Dam' },
    consultFor: 'L1',
  })

async function talkFirst() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 })
  const wrapper = await app([caller], ['calls', 'hangup', 'transfer', 'attended_transfer'], {
    'call:transfer': { ok: true, data: null },
    'call:hangup': { ok: true, data: null },
    'call:cancelTransfer': { ok: true, data: null },
  })
  await wrapper.find('[data-screen="calls"]').trigger('click')
  const transfer = wrapper.findAll('[data-testid="call-card"] button')
  await transfer.find((b) => b.text() === 'Transfer')!.trigger('click')
  await wrapper.find('[data-testid="transfer-destination"]').setValue('203')
  const talk = wrapper.findAll('.call__transfer button').find((b) => b.text() === 'Talk first')!
  await talk.trigger('click')
  await flushPromises()
  return wrapper
}

async function push(calls: Call[]): Promise<void> {
  fakeBridge().push('calls:changed', { accountId: 'demo', calls })
  await flushPromises()
}

type Wrapper = Awaited<ReturnType<typeof talkFirst>>
const callerCard = (wrapper: Wrapper) =>
  wrapper.findAll('[data-testid="call-card"]').find((c) => !c.text().includes('talking first'))!
const statusOf = (wrapper: Wrapper): string | undefined =>
  callerCard(wrapper).find('[role="status"]').exists()
    ? callerCard(wrapper).find('[role="status"]').text()
    : undefined

describe('an attended transfer', () => {
  it('says “Transferring to …” from Talk first, however long the agent talks, until the caller leaves: then done', async () => {
    const wrapper = await talkFirst()
    expect(fakeBridge().calls.find((c) => c.channel === 'call:transfer')?.arg).toMatchObject({
      destination: '203',
      attended: true,
    })
    expect(statusOf(wrapper)).toBe('Transferring to Bodil Dam…')
    await push([held, consult('ringing')])
    await push([held, consult('up')])
    // Talking to the colleague has no deadline.
    vi.advanceTimersByTime(TRANSFER_CONFIRM_MS * 5)
    await flushPromises()
    expect(statusOf(wrapper)).toBe('Transferring to Bodil Dam…')
    const complete = wrapper.findAll('button').find((b) => b.text() === 'Complete transfer')!
    await complete.trigger('click')
    await flushPromises()
    expect(fakeBridge().calls.find((c) => c.channel === 'call:hangup')?.arg).toEqual({
      accountId: 'demo',
      callId: 'C1',
    })
    // The consultation ends first; the caller leaves with a later poll.
    await push([held])
    expect(statusOf(wrapper)).toBe('Transferring to Bodil Dam…')
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    await push([])
    expect(wrapper.text()).toContain('Transferred to Bodil Dam.')
  })

  it('says the colleague did not take the call when the consultation ends without completing', async () => {
    const wrapper = await talkFirst()
    await push([held, consult('ringing')])
    await push([held])
    expect(statusOf(wrapper)).toBeUndefined()
    expect(callerCard(wrapper).find('[role="alert"]').text()).toBe(
      'Bodil Dam did not take the call: Alice Jensen is still on hold with you.',
    )
    expect(wrapper.text()).not.toContain('Transferred to')
  })

  it('says the PBX did not confirm it when the caller stays after completing', async () => {
    const wrapper = await talkFirst()
    await push([held, consult('up')])
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Complete transfer')!
      .trigger('click')
    await flushPromises()
    await push([held])
    vi.advanceTimersByTime(TRANSFER_CONFIRM_MS)
    await flushPromises()
    expect(statusOf(wrapper)).toBeUndefined()
    expect(callerCard(wrapper).find('[role="alert"]').text()).toBe(
      'The PBX did not confirm the transfer to Bodil Dam: the call is still yours.',
    )
  })

  it('says it was not confirmed when no consultation call ever shows up', async () => {
    const wrapper = await talkFirst()
    vi.advanceTimersByTime(TRANSFER_CONFIRM_MS)
    await flushPromises()
    expect(callerCard(wrapper).find('[role="alert"]').text()).toBe(
      'The PBX did not confirm the transfer to Bodil Dam: the call is still yours.',
    )
  })

  it('cancelled by the agent, it stops saying “Transferring” and reports no failure', async () => {
    const wrapper = await talkFirst()
    await push([held, consult('up')])
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Cancel transfer')!
      .trigger('click')
    await flushPromises()
    await push([caller])
    expect(statusOf(wrapper)).toBeUndefined()
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })
})
