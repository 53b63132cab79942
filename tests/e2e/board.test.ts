/**
 * The presence board of a big office in Chromium, across screens: the window keeps
 * the board while another screen shows, and it must come back whole — drawn from
 * the top, laid out for the window's size now, up to date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, launch, screenshot, type Running } from './harness'

describe.skipIf(!canRun)('a board of 400 across screens', () => {
  let app: Running

  beforeAll(async () => {
    app = await launch({ extensions: 400 })
  }, 60_000)

  afterAll(async () => {
    await app?.close()
  })

  const nav = (name: string) =>
    app.page.getByRole('navigation').getByRole('button', { name }).click()

  /** Every tile on screen, with its box, in the order drawn. */
  const tiles = () =>
    app.page.$$eval('[data-extension]', (list) =>
      list.map((el) => {
        const box = el.getBoundingClientRect()
        return {
          ext: el.getAttribute('data-extension')!,
          left: box.left,
          right: box.right,
          top: box.top,
        }
      }),
    )

  it('comes back at the top after scrolling far down, its tiles drawn', async () => {
    const { page } = app
    const board = page.getByTestId('presence-board')
    await page.getByText('400 of 400').waitFor()
    const first = (await tiles())[0]!.ext
    await board.evaluate((el) => (el.scrollTop = el.scrollHeight))
    // The first colleague by name is no longer drawn.
    await expect.poll(async () => (await tiles())[0]?.ext).not.toBe(first)
    expect(await page.locator(`[data-extension="${first}"]`).count()).toBe(0)

    await nav('Calls')
    await page.getByRole('heading', { level: 1, name: 'Calls' }).waitFor()
    await nav('Presence')
    await page.locator(`[data-extension="${first}"]`).waitFor()
    const drawn = await tiles()
    const top = await board.evaluate((el) => el.getBoundingClientRect().top)
    expect(await board.evaluate((el) => el.scrollTop)).toBe(0)
    expect(drawn[0]!.ext).toBe(first)
    // Rows from the very top of the board, none blank above them.
    expect(Math.min(...drawn.map((t) => t.top)) - top).toBeLessThan(20)
    expect(drawn.length).toBeGreaterThan(12)
    await screenshot(page, 'board-back-at-top')
  })

  it('lays the tiles out for a window resized while another screen showed', async () => {
    const { page } = app
    const board = page.getByTestId('presence-board')
    const columns = async () => new Set((await tiles()).map((t) => Math.round(t.left))).size
    const wide = await columns()
    await nav('Calls')
    await page.setViewportSize({ width: 760, height: 760 })
    await nav('Presence')
    await page.locator('[data-extension]').first().waitFor()
    await expect.poll(columns).toBeLessThan(wide)
    const right = await board.evaluate((el) => el.getBoundingClientRect().right)
    const drawn = await tiles()
    expect(drawn.length).toBeGreaterThan(8)
    for (const t of drawn) expect(t.right).toBeLessThanOrEqual(right + 0.5)
    // What is under the board's top left corner is the first tile.
    expect(
      await board.evaluate((el) => {
        const box = el.getBoundingClientRect()
        return document
          .elementFromPoint(box.left + 30, box.top + 30)
          ?.closest('[data-extension]')
          ?.getAttribute('data-extension')
      }),
    ).toBe(drawn[0]!.ext)
    await screenshot(page, 'board-narrow')
    await page.setViewportSize({ width: 1180, height: 760 })
    await expect.poll(columns).toBe(wide)
  })

  it('shows a lamp that changed while another screen showed', async () => {
    const { page, core } = app
    const first = (await tiles())[0]!.ext
    await nav('Calls')
    core.demo!.state.setDnd('DEMO', first, true)
    // The next presence poll brings it while the board is not on screen.
    await page.waitForTimeout(1500)
    await nav('Presence')
    const tile = page.locator(`[data-extension="${first}"]`)
    await page.locator(`[data-extension="${first}"].tile--dnd`).waitFor({ timeout: 15_000 })
    expect(await tile.textContent()).toContain('Do not disturb')
    core.demo!.state.setDnd('DEMO', first, false)
    await page.locator(`[data-extension="${first}"].tile--available`).waitFor({ timeout: 15_000 })
  })
})
