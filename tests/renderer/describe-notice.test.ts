/** Notices from main in the agent's language (issue 15, finding 9). */
import { enableAutoUnmount, flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { describeNotice } from '../../src/renderer/src/describe-notice'
import { createAppI18n, type Locale } from '../../src/renderer/src/i18n'
import { parseDialable } from '../../src/shared/dialable'
import { notice, type Notice } from '../../src/shared/notice'
import { mountApp, notices, preferences, removeBridge } from './screen-harness'

enableAutoUnmount(afterEach)
afterEach(removeBridge)

function say(locale: Locale, n: Notice): string {
  const { t } = createAppI18n(locale).global
  return describeNotice(n, (key, params) => t(key, params ?? {}))
}

const english = /\b(the|is|not|was|could|only|number|failed|dial)\b/i

describe('notices from main', () => {
  it('says a refused link in Danish and Russian, the reason too', () => {
    const refused = parseDialable('+45 33 12 abc')
    if (refused.ok) throw new Error('accepted')
    const n = notice('error', `Switchboard did not open the link: ${refused.reason}`, {
      code: 'link_refused',
      error: { kind: 'invalid_argument', message: refused.reason, code: refused.code },
    })
    expect(say('da', n)).toBe(
      'Switchboard åbnede ikke linket: Kun cifrene 0–9, et indledende +, * og # kan ringes op.',
    )
    expect(say('ru', n)).not.toMatch(english)
  })

  it('fills in the parameters and says a failed dial’s error by its kind', () => {
    const n = notice('error', 'Dialling 201 failed: The PBX did not answer.', {
      code: 'dial_failed',
      params: { number: '201' },
      error: { kind: 'network', message: 'The PBX did not answer.' },
    })
    expect(say('da', n)).toMatch(/^Opkaldet til 201 mislykkedes: /)
    expect(say('da', n)).not.toContain('The PBX did not answer')
    expect(say('ru', n)).toMatch(/^Не удалось позвонить на 201: /)
  })

  it('keeps main’s words only for a notice without a code', () => {
    expect(say('da', { kind: 'info', text: 'Plain words.' })).toBe('Plain words.')
  })

  it('shows a pushed notice in the window’s language', async () => {
    const { wrapper, bridge } = await mountApp({
      answers: { 'settings:get': { ok: true, data: { ...preferences, language: 'da' } } },
    })
    await flushPromises()
    bridge.push(
      'notice',
      notice('info', 'Switchboard will restart to update when your call ends.', {
        code: 'update_after_call',
      }),
    )
    await flushPromises()
    expect(notices(wrapper)).toEqual([
      'Switchboard genstarter for at opdatere, når dit opkald slutter.',
    ])
  })
})
