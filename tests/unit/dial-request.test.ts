/**
 * Numbers from links, the clipboard and the shortcut: feature codes are always
 * asked about, and a failed dial never shows the raw error text.
 */
import { describe, expect, it } from 'vitest'
import { createDialRequester } from '../../src/main/core/app/dial-request'
import { memoryLogger } from '../../src/main/log'
import type { DialRequest } from '../../src/shared/ipc'
import { preferencesSchema } from '../../src/shared/preferences'
import { AppError } from '../../src/shared/result'

function harness(confirmDial: boolean, dial: (n: string) => Promise<unknown> = async () => null) {
  const asked: DialRequest[] = []
  const dialled: string[] = []
  const notices: string[] = []
  const request = createDialRequester({
    preferences: () => preferencesSchema.parse({ confirmDial }),
    dialer: () => ({
      dial: (number: string) => {
        dialled.push(number)
        return dial(number)
      },
    }),
    ask: (r) => asked.push(r),
    notify: (_kind, text) => notices.push(text),
    log: memoryLogger(),
  })
  return { request, asked, dialled, notices }
}

describe('dialling a number from outside the window', () => {
  it('asks before dialling a feature code from a link, even with confirmation turned off', async () => {
    const { request, asked, dialled } = harness(false)
    await request('tel:*72900123456', 'link')
    await request('#21#', 'clipboard')
    await request('*98', 'shortcut')
    expect(dialled).toEqual([])
    expect(asked.map((r) => [r.number, r.source, r.featureCode])).toEqual([
      ['*72900123456', 'link', true],
      ['#21#', 'clipboard', true],
      ['*98', 'shortcut', true],
    ])
  })

  it('dials a plain number straight away when confirmation is off', async () => {
    const { request, asked, dialled } = harness(false)
    await request('201', 'link')
    expect(dialled).toEqual(['201'])
    expect(asked).toEqual([])
  })

  it('says a dial failed without the raw error text', async () => {
    const { request, notices } = harness(false, async () => {
      throw new Error('connect ECONNREFUSED https://pbx.example.com/?key=s3cr3tkey')
    })
    await request('201', 'link')
    expect(notices.at(-1)).toMatch(/^Dialling 201 failed: something went wrong/)
    expect(notices.join()).not.toContain('s3cr3tkey')
    const typed = harness(false, async () => {
      throw new AppError('network', 'The PBX did not answer (token=abcd1234).')
    })
    await typed.request('201', 'link')
    expect(typed.notices.at(-1)).toContain('The PBX did not answer')
    expect(typed.notices.join()).not.toContain('abcd1234')
  })
})
