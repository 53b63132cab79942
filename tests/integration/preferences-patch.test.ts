/**
 * Changing one setting changes that setting only. Zod 4 fills defaults in even
 * inside `.partial()`, so a patch used to come back whole: turning the board into
 * a list reset the language, the theme, the shortcut and the agent's groups.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createAppCore } from '../../src/main/core/app/app-core'
import { memoryLogger } from '../../src/main/log'

it('keeps every other choice when one setting changes', async () => {
  const app = await createAppCore({
    dataDir: await mkdtemp(join(tmpdir(), 'sb-prefs-')),
    shell: 'browser',
    version: '0.0.0-test',
    log: memoryLogger(),
    demo: false,
  })
  const groups = [{ name: 'Reception', members: ['demo/203'] }]
  expect(
    (
      await app.dispatch('settings:set', {
        language: 'da',
        theme: 'dark',
        dialShortcut: 'Alt+F9',
        boardGroups: groups,
      })
    ).ok,
  ).toBe(true)
  expect((await app.dispatch('settings:set', { boardView: 'list' })).ok).toBe(true)
  expect((await app.dispatch('settings:set', { confirmDial: false })).ok).toBe(true)
  expect(app.preferences()).toMatchObject({
    language: 'da',
    theme: 'dark',
    dialShortcut: 'Alt+F9',
    boardGroups: groups,
    boardView: 'list',
    confirmDial: false,
  })
  await app.close()
})
