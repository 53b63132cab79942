/** The packaged app's menu: copy and paste work, and no developer tools. */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { resetFake, type FakeElectron } from '../support/fake-electron'

vi.mock('electron', async () => (await import('../support/fake-electron')).electronModule)

let fake: FakeElectron

beforeEach(() => {
  fake = resetFake()
  vi.resetModules()
})

type Item = { role?: string; submenu?: Item[] }
const roles = (items: Item[]): string[] =>
  items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])])

describe('the application menu', () => {
  it('replaces Electron’s menu in the packaged app, without developer tools or reload', async () => {
    const { setupAppMenu } = await import('../../src/main/shell/app-menu')
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      setupAppMenu(true, platform)
      const menu = fake.electron.Menu.application as unknown as { items: Item[] }
      const all = roles(menu.items)
      expect(all).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'undo']))
      for (const dev of ['toggleDevTools', 'reload', 'forceReload', 'viewMenu']) {
        expect(all).not.toContain(dev)
      }
    }
  })

  it('keeps Electron’s default menu while developing', async () => {
    const { setupAppMenu } = await import('../../src/main/shell/app-menu')
    setupAppMenu(false, 'linux')
    expect(fake.electron.Menu.application).toBeNull()
  })
})
