/**
 * The jade face as tests drive it (testing entry only, never in the app): the
 * product face plus what a test does to a server — a call that flickers out of
 * the channel lists, every token forgotten, sockets dropped, the event service
 * down, a new certificate.
 */
import { HiddenCalls, type HiddenCall } from './hidden-calls'
import { JadeFace, type JadeFaceOptions } from './jade-face'
import { makeSelfSignedCertificate } from './jade-tls'
import { TokenStore } from './jade-tokens'
import type { PbxState } from './pbx-state'

/** A token store a test can empty at once ("the server forgot us"). */
class ForgettingTokenStore extends TokenStore {
  forgetAll(): void {
    this.tokens.clear()
  }
}

export class TestingJadeFace extends JadeFace {
  private readonly hidden = new HiddenCalls()
  private readonly store: ForgettingTokenStore

  constructor(pbx: PbxState, options: Omit<JadeFaceOptions, 'tokens'>) {
    const store = new ForgettingTokenStore(pbx.clock)
    super(pbx, { ...options, tokens: store })
    this.store = store
  }

  protected override channelList<T>(items: readonly T[], linkedIdOf: (item: T) => string): T[] {
    return this.hidden.filter(items, linkedIdOf)
  }

  /**
   * Leaves one call (its `linked_id`) out of the next `times` channel lists
   * (`admin/core/channels`, `me/calls`): a flickering call. Events are not touched.
   */
  hideCall(linkedId: string, times = 1): HiddenCall {
    return this.hidden.hide(linkedId, times)
  }

  /** Every token dies now (the next call answers 403). */
  expireTokens(): void {
    this.store.forgetAll()
  }

  dropSockets(): void {
    this.live.events.cutSockets()
  }

  /** The event service stops (sockets cut, new ones refused) or starts again. */
  eventsDown(down = true): void {
    this.live.events.setDown(down)
  }

  get framesSent(): number {
    return this.live.events.framesSent
  }

  /**
   * A new key and certificate, as after the server was reinstalled: open
   * connections and sockets are cut so the client meets the new one at once.
   */
  async regenerateCertificate(): Promise<string> {
    const tls = await makeSelfSignedCertificate()
    const live = this.live
    live.tls = tls
    live.http.setCertificate(tls)
    live.events.setCertificate(tls)
    return tls.fingerprint
  }
}
