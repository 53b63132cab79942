/**
 * Calling yourself: the app knows the agent's own extension, so the dialer (and
 * every other way to dial, which share it) refuses politely before the PBX is asked.
 */
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { app, fakeBridge } from './call-flow-harness'

async function dialFromCalls(number: string) {
  const wrapper = await app([], ['calls', 'dial'], {
    'call:dial': { ok: true, data: { number } },
  })
  await wrapper.find('[data-screen="calls"]').trigger('click')
  await wrapper.find('#dialer-number').setValue(number)
  await wrapper.find('[data-testid="dialer"]').trigger('submit')
  await flushPromises()
  return wrapper
}

const dialled = (): unknown[] =>
  fakeBridge()
    .calls.filter((c) => c.channel === 'call:dial')
    .map((c) => c.arg)

describe('dialling the agent’s own extension', () => {
  it('is refused in words before anything is dialled, however the number is typed', async () => {
    for (const typed of ['201', ' 2-01 ']) {
      const wrapper = await dialFromCalls(typed)
      expect(dialled()).toEqual([])
      expect(wrapper.text()).toContain('201 is your own extension: call someone else’s number.')
      wrapper.unmount()
      fakeBridge().remove()
    }
  })

  it('still dials a colleague’s extension', async () => {
    await dialFromCalls('203')
    expect(dialled()).toEqual([{ accountId: 'demo', number: '203' }])
  })
})
