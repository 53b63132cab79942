import { afterEach, describe, expect, it } from 'vitest'
import type { Call, Capability, Voicemail } from '../../src/shared/model'
import { AppError, isAppError } from '../../src/shared/result'
import { notOffered, Offers, type CapabilityChange } from '../../src/main/providers/offers'
import { BaseProvider, type Identity } from '../../src/main/providers/provider'
import type { CapabilityListener } from '../../src/main/providers/offers'
import { startSession, type Harness } from './session-harness'

/** A PBX without a voicemail list: the undocumented request answers 404. */
class ProbingProvider extends BaseProvider {
  readonly dialect = 'restv1' as const
  readonly offers = new Offers(['calls', 'voicemail', 'voicemail_delete'] as Capability[])
  voicemailRequests = 0
  answer: () => Voicemail[] = () => {
    throw new AppError('not_found', 'The PBX does not know that')
  }

  get capabilities(): ReadonlySet<Capability> {
    return this.offers.capabilities
  }

  onCapabilitiesChanged(listener: CapabilityListener): () => void {
    return this.offers.onChange(listener)
  }

  async signIn(): Promise<Identity> {
    return { ownExtension: '201' }
  }

  async calls(): Promise<Call[]> {
    this.stats.requests++
    return []
  }

  async voicemails(): Promise<Voicemail[]> {
    return this.offers.probe('voicemail', ['voicemail', 'voicemail_delete'], async () => {
      this.voicemailRequests++
      this.stats.requests++
      return this.answer()
    })
  }
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (isAppError(error)) return error
    throw error
  }
  throw new Error('expected a failure')
}

describe('probe, then offer', () => {
  it('a PBX that answers 404 to a probed feature loses that capability, and is asked only once', async () => {
    const provider = new ProbingProvider('acc1')
    const changes: CapabilityChange[] = []
    provider.onCapabilitiesChanged((change) => changes.push(change))
    const first = await failure(provider.voicemails())
    const second = await failure(provider.voicemails())
    for (const error of [first, second]) {
      expect(error.kind).toBe('unsupported')
      expect(error.detail).toEqual({ code: 'not_offered', params: { feature: 'voicemail' } })
    }
    expect(provider.voicemailRequests).toBe(1)
    expect([...provider.capabilities]).toEqual(['calls'])
    expect(changes).toHaveLength(1)
    expect(changes[0]?.withdrawn).toEqual(['voicemail', 'voicemail_delete'])
    expect(changes[0]?.feature).toBe('voicemail')
  })

  it('a 405 also means "not offered"; a network failure decides nothing', async () => {
    const offers = new Offers(['voicemail_delete'] as Capability[])
    const down = await failure(
      offers.probe('voicemail_delete', ['voicemail_delete'], () =>
        Promise.reject(new AppError('network', 'The PBX cannot be reached.')),
      ),
    )
    expect(down.kind).toBe('network')
    expect(offers.capabilities.has('voicemail_delete')).toBe(true)
    const refused = await failure(
      offers.probe('voicemail_delete', ['voicemail_delete'], () =>
        Promise.reject(new AppError('unsupported', 'The PBX does not offer that')),
      ),
    )
    expect(refused.detail?.code).toBe('not_offered')
    expect(offers.capabilities.has('voicemail_delete')).toBe(false)
    expect(offers.refused('voicemail_delete')).toBe(true)
  })

  it('a feature the PBX has keeps working and stays offered', async () => {
    const provider = new ProbingProvider('acc1')
    provider.answer = () => []
    await provider.voicemails()
    await provider.voicemails()
    expect(provider.voicemailRequests).toBe(2)
    expect(provider.capabilities.has('voicemail')).toBe(true)
  })

  it('says which feature in the English message too', () => {
    expect(notOffered('parked_calls').message).toBe('This PBX does not offer parked calls.')
  })
})

describe('session: a feature the PBX does not offer', () => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.session.stop()
    h = undefined
  })

  it('stops asking for voicemail, tells the windows once, and stays online', async () => {
    const provider = new ProbingProvider('acc1')
    h = await startSession({ provider: provider as never })
    await h.clock.run(600_000)
    expect(provider.voicemailRequests).toBe(1)
    const changes = h.events.flatMap((e) => (e.type === 'capabilities.changed' ? [e] : []))
    expect(changes.map((e) => [e.feature, e.capabilities])).toEqual([['voicemail', ['calls']]])
    expect(h.session.capabilities).toEqual(['calls'])
    expect(h.session.state).toBe('online')
  })
})
