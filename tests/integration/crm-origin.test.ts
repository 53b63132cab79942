/**
 * A CRM site is allowed only by the user in main's native dialog: the window can
 * set the address, but never the confirmed site, and a changed address needs a
 * new confirmation before anything opens.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppCore } from '../../src/main/core/app/app-core'
import { memoryLogger } from '../../src/main/log'
import type { Preferences } from '../../src/shared/preferences'
import type { Result } from '../../src/shared/result'

async function core(answer: boolean | null) {
  const asked: { origin: string; example: string }[] = []
  const app = await createAppCore({
    dataDir: await mkdtemp(join(tmpdir(), 'sb-crm-')),
    shell: answer === null ? 'browser' : 'electron',
    version: '0.0.0-test',
    log: memoryLogger(),
    demo: false,
    ...(answer === null
      ? {}
      : {
          confirmOrigin: async (origin: string, example: string) => {
            asked.push({ origin, example })
            return answer
          },
        }),
  })
  return { app, asked }
}

const prefs = (result: Result<unknown>): Preferences => {
  expect(result.ok).toBe(true)
  return (result as { data: Preferences }).data
}

describe('allowing a CRM site', () => {
  it('refuses a settings change that tries to set the confirmed site itself', async () => {
    const { app } = await core(true)
    const sneaky = await app.dispatch('settings:set', {
      screenPopUrl: 'https://evil.example/p?n={number}',
      screenPopOrigin: 'https://evil.example',
    })
    expect(sneaky.ok).toBe(false)
    expect(app.preferences().screenPopOrigin).toBe('')
    expect(app.preferences().screenPopUrl).toBe('')
    await app.close()
  })

  it('is allowed only after the native dialog showed the site and the user said yes', async () => {
    const { app, asked } = await core(true)
    prefs(
      await app.dispatch('settings:set', { screenPopUrl: 'https://crm.example.com/f?p={number}' }),
    )
    expect(app.preferences().screenPopOrigin).toBe('')
    const after = prefs(await app.dispatch('crm:confirm', undefined))
    expect(asked).toEqual([
      { origin: 'https://crm.example.com', example: 'https://crm.example.com/f?p=%2B4570102030' },
    ])
    expect(after.screenPopOrigin).toBe('https://crm.example.com')
    // Same site, other page: still allowed. Another site: asked again.
    prefs(
      await app.dispatch('settings:set', { screenPopUrl: 'https://crm.example.com/g/{number}' }),
    )
    expect(app.preferences().screenPopOrigin).toBe('https://crm.example.com')
    prefs(await app.dispatch('settings:set', { screenPopUrl: 'https://evil.example/{number}' }))
    expect(app.preferences().screenPopOrigin).toBe('')
    await app.close()
  })

  it('stays unconfirmed when the user says no, and cannot be confirmed without a dialog', async () => {
    const no = await core(false)
    prefs(
      await no.app.dispatch('settings:set', { screenPopUrl: 'https://crm.example.com/{number}' }),
    )
    expect(prefs(await no.app.dispatch('crm:confirm', undefined)).screenPopOrigin).toBe('')
    await no.app.close()

    const browser = await core(null)
    prefs(
      await browser.app.dispatch('settings:set', {
        screenPopUrl: 'https://crm.example.com/{number}',
      }),
    )
    const refused = await browser.app.dispatch('crm:confirm', undefined)
    expect(refused).toMatchObject({ ok: false, error: { kind: 'unsupported' } })
    await browser.app.close()
  })

  it('refuses a template with the number in the host cleanly', async () => {
    const { app } = await core(true)
    const bad = await app.dispatch('settings:set', { screenPopUrl: 'https:{number}.x/' })
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid_argument' } })
    await app.close()
  })
})
