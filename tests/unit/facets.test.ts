import { afterEach, describe, expect, it } from 'vitest'
import { FakeProvider, makeCall } from '../support/fake-provider'
import { startSession, type Harness } from './session-harness'
import type { Capability, Presence, Voicemail } from '../../src/shared/model'
import { capabilities as allCapabilities } from '../../src/shared/model'
import { isAppError } from '../../src/shared/result'
import {
  capabilityMethods,
  deriveCapabilities,
  need,
  type Facets,
} from '../../src/main/providers/facets'
import { Offers } from '../../src/main/providers/offers'
import type { PbxProvider } from '../../src/main/providers/provider'
import { JadeProvider } from '../../src/main/providers/jade'
import { PbxCloudProvider } from '../../src/main/providers/pbxcloud'
import { RestV1Provider } from '../../src/main/providers/restv1'

// Built only, never signed in: deriving capabilities sends no request.
const dialects: [string, () => PbxProvider][] = [
  [
    'PBXCloud',
    () =>
      new PbxCloudProvider(
        'a',
        { baseUrl: 'https://pbx.invalid', tenant: 't', ownExtension: '201' },
        'facet-test-key',
      ),
  ],
  ['REST ver1.0', () => new RestV1Provider('a', { clientId: 'c' }, 'facet-test-secret')],
  [
    'jade (user)',
    () =>
      new JadeProvider('a', { baseUrl: 'https://pbx.invalid', username: 'u' }, { password: 'p' }),
  ],
  [
    'jade (admin)',
    () =>
      new JadeProvider(
        'a',
        { baseUrl: 'https://pbx.invalid', username: 'u', adminUsername: 'admin' },
        { password: 'p', adminPassword: 'ap' },
      ),
  ],
]

/** What each dialect offered when capabilities were still listed by hand. */
const before: Record<string, Capability[]> = {
  PBXCloud: [
    'presence',
    'calls',
    'dial',
    'hangup',
    'transfer',
    'attended_transfer',
    'queues',
    'queue_pause',
    'queue_pause_reason',
    'voicemail',
    'voicemail_delete',
    'voicemail_mark_heard',
    'recordings',
    'history',
    'contacts',
    'contacts_add',
    'flows',
  ],
  'REST ver1.0': [
    'presence',
    'calls',
    'dial',
    'hangup',
    'transfer',
    'attended_transfer',
    'hold',
    'park',
    'parked_calls',
    'pickup',
    'queues',
    'queue_pause',
    'voicemail',
    'voicemail_delete',
    'voicemail_mark_heard',
    'recordings',
    'history',
  ],
  'jade (user)': ['presence', 'calls', 'dial', 'contacts', 'chat', 'push_events'],
  'jade (admin)': [
    'presence',
    'calls',
    'dial',
    'contacts',
    'chat',
    'push_events',
    'hangup',
    'parked_calls',
    'parked_hangup',
    'queues',
  ],
}

const methodsOf = (capability: Capability): readonly string[] => capabilityMethods[capability]

describe('capabilities come from the facets a provider has', () => {
  it('names every capability the window can ask about', () => {
    expect(Object.keys(capabilityMethods).sort()).toEqual([...allCapabilities].sort())
  })

  it.each(dialects)('%s offers exactly what its methods can do', (name, make) => {
    const provider = make()
    expect([...provider.capabilities].sort()).toEqual([...(before[name] ?? [])].sort())
    expect([...provider.capabilities].sort()).toEqual([...deriveCapabilities(provider)].sort())
    const methods = provider as unknown as Record<string, unknown>
    for (const capability of provider.capabilities) {
      for (const method of methodsOf(capability)) expect(typeof methods[method]).toBe('function')
    }
  })

  it('PBXCloud offers a queue pause reason because it has a method that sends one', () => {
    const provider = dialects[0]![1]()
    expect(provider.capabilities.has('queue_pause_reason')).toBe(true)
    expect(typeof provider.pauseQueueWithReason).toBe('function')
    const rest = dialects[1]![1]()
    expect(rest.capabilities.has('queue_pause')).toBe(true)
    expect(rest.capabilities.has('queue_pause_reason')).toBe(false)
  })

  it('a jade account without an admin sign-in has no hang-up, parked calls or queues', () => {
    const user = dialects[2]![1]()
    const admin = dialects[3]![1]()
    for (const capability of ['hangup', 'parked_calls', 'parked_hangup', 'queues'] as const) {
      expect(user.capabilities.has(capability)).toBe(false)
      expect(admin.capabilities.has(capability)).toBe(true)
    }
    expect(user.hangup).toBeUndefined()
  })
})

/** A fake provider with a full voicemail facet, presence and calls. */
function fake(): Facets {
  const voicemail: Voicemail[] = []
  return {
    presence: async () => [],
    calls: async () => [],
    voicemails: async () => voicemail,
    voicemailAudio: async () => ({ contentType: 'audio/wav', data: Buffer.alloc(0) }),
    deleteVoicemail: async () => undefined,
    markVoicemailHeard: async () => undefined,
  }
}

describe('removing a facet removes its capabilities', () => {
  it('a fake provider offers what it implements, and nothing else', () => {
    expect([...deriveCapabilities(fake())].sort()).toEqual(
      ['calls', 'presence', 'voicemail', 'voicemail_delete', 'voicemail_mark_heard'].sort(),
    )
  })

  it('without the voicemail list, no voicemail option survives', () => {
    const provider = fake()
    delete provider.voicemails
    const derived = deriveCapabilities(provider)
    expect(derived.has('voicemail')).toBe(false)
    expect(derived.has('voicemail_delete')).toBe(false)
    expect(derived.has('voicemail_mark_heard')).toBe(false)
    expect(derived.has('calls')).toBe(true)
  })

  it('half a facet is no facet: hold without resume is not offered', () => {
    expect(deriveCapabilities({ hold: async () => undefined }).has('hold')).toBe(false)
  })

  it('a feature a probe finds missing still shrinks the derived set, and only that', () => {
    const offers = new Offers(deriveCapabilities(fake()))
    offers.withdraw('voicemail', ['voicemail', 'voicemail_delete', 'voicemail_mark_heard'])
    expect([...offers.capabilities].sort()).toEqual(['calls', 'presence'])
  })
})

describe('the core reaches a facet through need()', () => {
  it('an absent facet is the typed not-offered error, naming the feature', () => {
    let caught: unknown
    try {
      need(fake(), 'chatRooms')
    } catch (error) {
      caught = error
    }
    expect(isAppError(caught)).toBe(true)
    expect(caught).toMatchObject({
      kind: 'unsupported',
      detail: { code: 'not_offered', params: { feature: 'chat' } },
    })
  })

  it('a present facet runs on its own provider', async () => {
    class Office {
      readonly lamps: Presence[] = []
      async presence(): Promise<Presence[]> {
        return this.lamps
      }
    }
    const office = new Office()
    expect(await need(office, 'presence')()).toBe(office.lamps)
  })
})

class PausingProvider extends FakeProvider {
  readonly pauses: string[] = []
  async pauseQueue(queueId: string, reason?: string): Promise<void> {
    this.pauses.push(`pause ${queueId} ${reason ?? '-'}`)
  }
  async resumeQueue(queueId: string): Promise<void> {
    this.pauses.push(`resume ${queueId}`)
  }
}

class ReasonProvider extends PausingProvider {
  async pauseQueueWithReason(queueId: string, reason: string): Promise<void> {
    this.pauses.push(`pause ${queueId} because ${reason}`)
  }
}

describe('a session asks only for the facets its provider has', () => {
  let harness: Harness | undefined
  afterEach(async () => {
    await harness?.session.stop()
    harness = undefined
  })

  it('parking a call on a PBX without parking says it is not offered, in the agent’s words', async () => {
    harness = await startSession()
    harness.provider.currentCalls = [makeCall({ id: 'c1', state: 'up' })]
    await harness.clock.run(5_000)
    const error = await harness.session.park('c1').catch((e: unknown) => e)
    expect(error).toMatchObject({
      kind: 'unsupported',
      detail: { code: 'not_offered', params: { feature: 'park' } },
    })
  })

  it('a pause reason goes only to a PBX that keeps one', async () => {
    const plain = new PausingProvider({ accountId: 'p1' })
    harness = await startSession({ provider: plain })
    await harness.session.pauseQueue('q1', 'Lunch')
    await harness.session.stop()
    const keeping = new ReasonProvider({ accountId: 'p2' })
    harness = await startSession({ provider: keeping })
    await harness.session.pauseQueue('q1', 'Lunch')
    await harness.session.pauseQueue('q2')
    expect(plain.pauses).toEqual(['pause q1 Lunch'])
    expect(keeping.pauses).toEqual(['pause q1 because Lunch', 'pause q2 -'])
  })
})
