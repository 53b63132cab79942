/**
 * The incoming-call popup window (`#popup`, its own page as in Electron) beside
 * the main window, both on the real core and the demo PBX: "Open contact" in the
 * popup shows the caller in the main window's phone book.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { canRun, launch, screenshot, type Running } from './harness'

describe.skipIf(!canRun)('the popup window in Chromium', () => {
  let app: Running
  let popupPage: Page

  beforeAll(async () => {
    app = await launch()
    popupPage = await app.page.context().newPage()
    await popupPage.goto(`${app.server.url}#popup`)
  })

  afterAll(async () => {
    await app?.close()
  })

  it('opens the caller in the main window’s phone book', async () => {
    await app.page.locator('[data-extension="202"]').waitFor({ timeout: 15_000 })
    app.core.demo!.scenario.inboundCall({
      from: '+4570102030',
      fromName: 'Torben Knudsen',
      to: '201',
      ringMs: 8000,
      outcome: 'missed',
    })
    const popup = popupPage.getByTestId('incoming-call')
    await popup.waitFor({ timeout: 8000 })
    await screenshot(popupPage, 'popup-window')
    await popup.getByRole('button', { name: 'Open contact' }).click()

    const { page } = app
    await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor({ timeout: 5000 })
    expect(await page.getByRole('searchbox').inputValue()).toBe('+4570102030')
    await page
      .getByTestId('contact-list')
      .filter({ hasText: 'Torben Knudsen' })
      .waitFor({ timeout: 5000 })
    // The popup stays: the call still rings.
    expect(await popup.isVisible()).toBe(true)
  })

  it('refuses a call main does not know, in words', async () => {
    const accountId = app.core.sessions.sessions()[0]!.accountId
    const answer = await app.core.dispatch('contact:show', { accountId, callId: 'no-such-call' })
    expect(answer).toEqual({
      ok: false,
      error: { kind: 'not_found', message: 'That call has ended.', code: 'call.ended' },
    })
  })
})
