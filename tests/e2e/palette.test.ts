/**
 * The command palette in Chromium against the real core and the demo PBX: an
 * agent calls a colleague and opens the Calls screen without touching the mouse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, launch, screenshot, type Running } from './harness'

describe.skipIf(!canRun)('the command palette in Chromium', () => {
  let app: Running

  beforeAll(async () => {
    app = await launch()
  })

  afterAll(async () => {
    await app?.close()
  })

  it('calls a colleague by name from Ctrl+K, and the call shows on the Calls screen', async () => {
    const { page } = app
    await page.locator('[data-extension="205"]').waitFor()
    await page.keyboard.press('Control+K')
    const field = page.getByRole('combobox', { name: 'Command palette' })
    await field.waitFor()
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.type('Camilla')
    const options = page.getByRole('listbox', { name: 'Commands' }).getByRole('option')
    const first = options.first()
    expect(await first.textContent()).toContain('Call Camilla Andersen')
    expect(await first.getAttribute('aria-selected')).toBe('true')
    await screenshot(page, 'palette')
    await page.keyboard.press('Enter')
    await field.waitFor({ state: 'detached' })
    await page.getByText('Calling Camilla Andersen…').waitFor()

    // The way to the Calls screen is on the keyboard too.
    await page.keyboard.press('Control+K')
    await page.keyboard.type('calls')
    expect(await options.first().textContent()).toContain('Go to Calls')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Calls' }).waitFor()
    const card = page.getByTestId('call-card').filter({ hasText: 'Camilla Andersen' })
    await card.waitFor({ timeout: 8000 })
    // The agent's own call: "Calling…" while it rings, never an incoming call.
    expect(await card.textContent()).toMatch(/Calling…|Connected · internal/)
    expect(await page.getByTestId('incoming-call').count()).toBe(0)
    await card.getByRole('button', { name: 'Hang up' }).click()
    await card.waitFor({ state: 'detached', timeout: 8000 })
  })
})
