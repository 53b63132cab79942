import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRun, launch, screenshot, type Running } from './harness'

describe.skipIf(!canRun)('the app in Chromium through the browser bridge', () => {
  let app: Running

  beforeAll(async () => {
    app = await launch()
  })

  afterAll(async () => {
    await app?.close()
  })

  it('opens on Presence and reaches every section the PBX can serve (PBXCloud has no chat)', async () => {
    const { page } = app
    await page.getByRole('navigation').waitFor()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Presence')
    const sections = ['Presence', 'Calls', 'Queues', 'Voicemail', 'History', 'Contacts', 'Settings']
    expect(await page.getByRole('navigation').getByRole('button').allTextContents()).toEqual(
      sections.map((name) => expect.stringContaining(name)),
    )
    for (const name of sections) {
      await page.getByRole('navigation').getByRole('button', { name }).click()
      await page.getByRole('heading', { level: 1, name }).waitFor()
      expect(await page.locator('[aria-current="page"]').textContent()).toContain(name)
      await screenshot(page, `foundation-${name.toLowerCase()}`)
    }
  })

  it('lists the embedded demo account in Settings, read through accounts:list', async () => {
    const { page } = app
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click()
    const list = page.getByTestId('account-list')
    await list.waitFor()
    expect(await list.textContent()).toContain('Demo office')
    expect(await page.locator('body').textContent()).toContain('browser bridge')
    // The page keeps no token in its address bar once the shim has read it.
    expect(page.url()).not.toContain('token=')
  })
})
