/**
 * A board of 260 colleagues in Chromium (issue 15, finding 11): one Tab reaches
 * the board and one more leaves it, arrows move by tiles and by columns, a group
 * made from the tile menu shows under its header, and the compact list fits more
 * people on a screen than the tiles do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, launch, screenshot, type Running } from './harness'

describe.skipIf(!canRun)('a board of 260 from the keyboard, in groups and as a list', () => {
  let app: Running

  beforeAll(async () => {
    app = await launch({ extensions: 260 })
    await app.page.getByText('260 of 260').waitFor({ timeout: 20_000 })
  }, 60_000)

  afterAll(async () => {
    await app?.close()
  })

  /** Where the focus is: the tile's extension, or what else has it. */
  const focus = () =>
    app.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      const tile = el?.closest<HTMLElement>('[data-extension]')
      if (tile) return { ext: tile.dataset.extension!, inBoard: true, ...boxOf(tile) }
      return {
        ext: '',
        inBoard: !!el?.closest('[data-testid="presence-board"]'),
        ...boxOf(el ?? document.body),
      }
      function boxOf(e: Element) {
        const b = e.getBoundingClientRect()
        return { left: Math.round(b.left), top: Math.round(b.top) }
      }
    })

  /** People drawn wholly inside the board's visible box. */
  const onScreen = () =>
    app.page.getByTestId('presence-board').evaluate((board) => {
      const box = board.getBoundingClientRect()
      return Array.from(board.querySelectorAll('[data-extension]')).filter((el) => {
        const b = el.getBoundingClientRect()
        return b.top >= box.top - 0.5 && b.bottom <= box.bottom + 0.5
      }).length
    })

  it('fits under the demo banner: only the board scrolls, so the banner stays in sight', async () => {
    const main = app.page.locator('main')
    expect(await main.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1)
    await app.page.getByTestId('demo-banner').waitFor()
  })

  it('is one Tab stop: Tab from the toolbar lands on the first tile, the next Tab leaves the board', async () => {
    const { page } = app
    await page.getByTestId('board-view-list').focus()
    await page.keyboard.press('Tab')
    const first = await focus()
    expect(first.inBoard).toBe(true)
    expect(first.ext).not.toBe('')
    await page.keyboard.press('Tab')
    expect((await focus()).inBoard).toBe(false)
    await page.keyboard.press('Shift+Tab')
    expect((await focus()).ext).toBe(first.ext)
  })

  it('moves right along a line and down by a column; End goes to the last of 260', async () => {
    const { page } = app
    const start = await focus()
    await page.keyboard.press('ArrowRight')
    const right = await focus()
    expect(right.ext).not.toBe(start.ext)
    expect(right.top).toBe(start.top)
    expect(right.left).toBeGreaterThan(start.left)
    await page.keyboard.press('ArrowDown')
    const down = await focus()
    expect(down.left).toBe(right.left)
    expect(down.top).toBeGreaterThan(right.top)
    await page.keyboard.press('End')
    await expect.poll(async () => (await focus()).inBoard).toBe(true)
    const last = await page
      .getByTestId('presence-board')
      .evaluate((b) =>
        Array.from(b.querySelectorAll('[data-extension]')).at(-1)?.getAttribute('data-extension'),
      )
    expect((await focus()).ext).toBe(last)
    await page.keyboard.press('Home')
    await expect.poll(async () => (await focus()).ext).toBe(start.ext)
    await screenshot(page, 'board-big-keyboard')
  })

  it('puts a colleague in a group from the tile menu; the group shows under its header, first', async () => {
    const { page } = app
    await page.keyboard.press('ArrowRight')
    const chosen = (await focus()).ext
    await page.keyboard.press('Shift+F10')
    await page.getByTestId('tile-menu').waitFor()
    await page.getByRole('menuitem', { name: /^Groups for/ }).click()
    await page.getByTestId('new-group').fill('Reception')
    await page.getByRole('button', { name: 'Save' }).click()
    const headers = page.getByTestId('board-group')
    await expect.poll(() => headers.allTextContents()).toEqual(['▾Reception1', '▾Everyone else259'])
    const firstTile = page.locator('[data-testid="presence-board"] [data-extension]').first()
    expect(await firstTile.getAttribute('data-extension')).toBe(chosen)
    await screenshot(page, 'board-big-groups')
  })

  it('fits more people on a screen as a compact list than as tiles, and keeps the choice', async () => {
    const { page } = app
    const tiles = await onScreen()
    await page.getByTestId('board-view-list').click()
    await expect.poll(onScreen).toBeGreaterThan(tiles * 1.5)
    expect(app.core.preferences().boardView).toBe('list')
    await screenshot(page, 'board-big-list')
  })

  it('calls with Enter, as a click does: from the group header down to its colleague', async () => {
    const { page } = app
    await page.locator('[data-testid="presence-board"] [tabindex="0"]').focus()
    await page.keyboard.press('Home')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('board-group')
    await page.keyboard.press('ArrowDown')
    const name = await page.evaluate(
      () => document.activeElement?.querySelector('.tile__name')?.textContent?.trim() ?? '',
    )
    expect(name).not.toBe('')
    await page.keyboard.press('Enter')
    await page.getByText(`Calling ${name}…`).waitFor({ timeout: 10_000 })
  })
})
