/**
 * The agent's call flow in Chromium, against the real core and the demo PBX: a call
 * the agent places is never announced as incoming, and answering a call then handing
 * it to a free colleague is three clicks, or four keys, counted.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, launch, screenshot, type Running } from './harness'

/** Remembers, in the page, whether an incoming-call popup was ever shown. */
async function watchPopups(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { sawPopup: boolean }
    w.sawPopup = !!document.querySelector('[data-testid="incoming-call"]')
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="incoming-call"]')) w.sawPopup = true
    }).observe(document.body, { childList: true, subtree: true })
  })
}

const sawPopup = (page: Page): Promise<boolean> =>
  page.evaluate(() => (window as unknown as { sawPopup: boolean }).sawPopup)

describe.skipIf(!canRun)('calling a colleague from the board (PBXCloud)', () => {
  let app: Running

  beforeAll(async () => {
    app = await launch()
  })

  afterAll(async () => {
    await app?.close()
  })

  it('gives no popup, and the call card says Calling… with Hang up only', async () => {
    const { page } = app
    const tile = page.locator('[data-extension="204"]')
    await tile.waitFor()
    await watchPopups(page)
    await tile.locator('button').first().click()
    await page.getByRole('navigation').getByRole('button', { name: /Calls/ }).click()
    const card = page.getByTestId('call-card').filter({ hasText: 'Søren Pedersen' })
    await card.filter({ hasText: 'Calling…' }).waitFor({ timeout: 8000 })
    expect(await card.getByRole('button').allTextContents()).toEqual(['Hang up'])
    await screenshot(page, 'flow-calling')
    await card.filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 })
    expect(await sawPopup(page)).toBe(false)
    await card.getByRole('button', { name: 'Hang up' }).click()
    await card.waitFor({ state: 'detached', timeout: 8000 })
    expect(await sawPopup(page)).toBe(false)
  })
})

describe.skipIf(!canRun)('answer and transfer (REST API ver1.0)', () => {
  let app: Running

  beforeAll(async () => {
    app = await launch({ demo: { office: false, dialect: 'restv1' } })
  })

  afterAll(async () => {
    await app?.close()
  })

  it('answering a ringing call and transferring it to a free colleague takes three clicks', async () => {
    const { page } = app
    let clicks = 0
    const click = async (locator: ReturnType<Page['locator']>): Promise<void> => {
      clicks++
      await locator.click()
    }
    const colleague = page.locator('[data-extension="203"]')
    await colleague.filter({ hasText: 'Available' }).waitFor({ timeout: 15_000 })
    const name = (await colleague.locator('.tile__name').textContent())!.trim()
    app.core.demo!.scenario.call({ from: '+4520304050', fromName: 'Alice Mortensen', to: '201' }, [
      { do: 'hangup', at: 120_000 },
    ])
    const popup = page.getByTestId('incoming-call')
    await popup.waitFor({ timeout: 10_000 })
    await click(popup.getByRole('button', { name: 'Pick up' }))
    // Waiting is not a click: the popup leaves once the PBX says the call is up here.
    await popup.waitFor({ state: 'detached', timeout: 10_000 })
    await click(colleague.locator('button').first())
    const transfer = page.getByRole('menuitem', { name: `Transfer Alice Mortensen to ${name} now` })
    await click(transfer)
    await page.getByText(`Transferred to ${name}.`).waitFor({ timeout: 15_000 })
    expect(clicks).toBeLessThanOrEqual(3)
  })
})

describe.skipIf(!canRun)('answer and transfer from the keyboard (REST API ver1.0)', () => {
  let app: Running

  beforeAll(async () => {
    app = await launch({ demo: { office: false, dialect: 'restv1' } })
  })

  afterAll(async () => {
    await app?.close()
  })

  it('answering a ringing call and transferring it to a free pinned colleague takes four keys', async () => {
    const { page } = app
    const colleague = page.locator('[data-extension="203"]')
    await colleague.filter({ hasText: 'Available' }).waitFor({ timeout: 15_000 })
    const name = (await colleague.locator('.tile__name').textContent())!.trim()
    // Once, long before the call: the receptionist pins whom callers are passed to.
    await colleague.click({ button: 'right' })
    await page.getByRole('menuitem', { name: `Pin ${name} to the top` }).click()

    let keys = 0
    const press = async (key: string): Promise<void> => {
      keys++
      await page.keyboard.press(key)
    }
    const field = page.getByRole('combobox', { name: 'Command palette' })
    /** The command Enter would run now. */
    const highlighted = async (): Promise<string> => {
      const id = await field.getAttribute('aria-activedescendant')
      return (await page.locator(`[id="${id}"]`).textContent()) ?? ''
    }

    app.core.demo!.scenario.call({ from: '+4520304050', fromName: 'Alice Mortensen', to: '201' }, [
      { do: 'hangup', at: 120_000 },
    ])
    const popup = page.getByTestId('incoming-call')
    await popup.waitFor({ timeout: 10_000 })
    await press('Control+K')
    await field.waitFor()
    expect(await highlighted()).toContain('Pick up the call from Alice Mortensen')
    await press('Enter')
    // Waiting is not a key: the popup leaves once the PBX says the call is up here.
    await popup.waitFor({ state: 'detached', timeout: 10_000 })
    await press('Control+K')
    await field.waitFor()
    expect(await highlighted()).toContain(`Transfer Alice Mortensen to ${name}`)
    await press('Enter')
    await page.getByText(`Transferred to ${name}.`).waitFor({ timeout: 15_000 })
    expect(keys).toBeLessThanOrEqual(4)
    // The PBX really bridged the caller to the colleague.
    const moved = app.core
      .demo!.state.calls.active('DEMO')
      .find((c) => c.from.number === '+4520304050')
    expect(moved?.b?.extension ?? moved?.ringing[0]?.extension).toBe('203')
  })
})
