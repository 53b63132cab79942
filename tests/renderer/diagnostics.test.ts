import { enableAutoUnmount, flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp } from 'vue'
import { forwardErrors } from '../../src/renderer/src/main-log'
import { installFakeBridge } from './fake-bridge'
import { button, mountApp, notices, removeBridge } from './screen-harness'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.unstubAllGlobals()
  removeBridge()
})

describe('Copy diagnostics in Settings', () => {
  it('says the diagnostics are on the clipboard when main copied them', async () => {
    const { wrapper, sent } = await mountApp({
      screen: 'settings',
      answers: {
        'diagnostics:copy': { ok: true, data: { text: 'Switchboard 1.0.0', copied: true } },
      },
    })
    await button(wrapper, 'Copy diagnostics').trigger('click')
    await flushPromises()
    expect(sent('diagnostics:copy')).toHaveLength(1)
    expect(notices(wrapper)).toContain('Diagnostics copied to the clipboard.')
  })

  it('copies the text itself where main has no clipboard (browser bridge)', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const { wrapper } = await mountApp({
      screen: 'settings',
      answers: { 'diagnostics:copy': { ok: true, data: { text: 'the report', copied: false } } },
    })
    await button(wrapper, 'Copy diagnostics').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith('the report')
    expect(notices(wrapper)).toContain('Diagnostics copied to the clipboard.')
  })

  it('says why when the diagnostics could not be made', async () => {
    const { wrapper } = await mountApp({
      screen: 'settings',
      answers: {
        'diagnostics:copy': { ok: false, error: { kind: 'internal', message: 'disk error' } },
      },
    })
    await button(wrapper, 'Copy diagnostics').trigger('click')
    await flushPromises()
    // In the agent's words: main's English detail ("disk error") is not the sentence.
    expect(notices(wrapper)).toContain(
      'Diagnostics could not be copied: Something went wrong inside Switchboard.',
    )
  })
})

describe('errors in the window', () => {
  it('reach main’s log file through log:write', async () => {
    const bridge = installFakeBridge({ 'log:write': { ok: true, data: null } })
    const target = new EventTarget() as unknown as Window
    const app = createApp({ render: () => null })
    forwardErrors(app, target)
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    app.config.errorHandler?.(new TypeError('x is undefined'), null, 'render function')
    const rejection = new Event('unhandledrejection') as Event & { reason: unknown }
    rejection.reason = new Error('load failed')
    target.dispatchEvent(rejection)
    await flushPromises()
    expect(bridge.calls).toEqual([
      {
        channel: 'log:write',
        arg: { level: 'error', message: 'in render function: TypeError: x is undefined' },
      },
      {
        channel: 'log:write',
        arg: { level: 'error', message: 'unhandled rejection: Error: load failed' },
      },
    ])
  })
})
