import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { shownScreens } from '../../src/renderer/src/screen-rules'
import type { Capability } from '../../src/shared/model'
import { snapshot } from './fake-bridge'
import { mountApp, office, removeBridge } from './screen-harness'

afterEach(removeBridge)

// What the providers report (pbxcloud-provider.ts, jade-provider.ts without an admin login).
const pbxcloud: Capability[] = [
  'presence',
  'calls',
  'dial',
  'hangup',
  'transfer',
  'queues',
  'voicemail',
  'recordings',
  'history',
  'contacts',
  'flows',
]
const jade: Capability[] = ['presence', 'calls', 'dial', 'contacts', 'chat', 'push_events']

const navLabels = async (capabilities: Capability[]): Promise<string[]> => {
  const { wrapper } = await mountApp({ capabilities })
  return wrapper.findAll('nav button').map((b) => b.text())
}

describe('the navigation offers only what the PBX can serve', () => {
  it('hides Chat on a PBXCloud account', async () => {
    expect(await navLabels(pbxcloud)).toEqual([
      'Presence',
      'Calls',
      'Queues',
      'Voicemail',
      'History',
      'Contacts',
      'Settings',
    ])
  })

  it('hides History, Voicemail and Queues on a jade account without a supervisor login', async () => {
    expect(await navLabels(jade)).toEqual(['Presence', 'Calls', 'Chat', 'Contacts', 'Settings'])
  })

  it('shows a screen when any one of several accounts can serve it', () => {
    expect(shownScreens([jade, pbxcloud])).toContain('chat')
    expect(shownScreens([jade, pbxcloud])).toContain('history')
  })

  it('hides nothing while no capability is known yet', () => {
    expect(shownScreens([])).toHaveLength(8)
    expect(shownScreens([[]])).toHaveLength(8)
  })

  it('leaves a screen that is no longer offered for the board', async () => {
    const { wrapper, bridge, answers } = await mountApp({
      capabilities: [...jade, 'history'],
      screen: 'history',
    })
    expect(wrapper.find('h1').text()).toBe('History')
    // The account is edited to another PBX: main reports new capabilities.
    answers['state:snapshot'] = {
      ok: true,
      data: snapshot({ accounts: [office], capabilities: { office: jade } }),
    }
    bridge.push('accounts:changed', [office])
    await flushPromises()
    expect(wrapper.find('[data-screen="history"]').exists()).toBe(false)
    expect(wrapper.find('h1').text()).toBe('Presence')
  })
})
