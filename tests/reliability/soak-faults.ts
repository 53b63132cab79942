/** The soak's random faults: every kind the face can inject, dealt from a shuffled deck. */
import type { FaultInjector, FaultKind, FaultSpec } from '@switchboard/demo-pbx/testing'

/**
 * Faults are dealt from a shuffled deck of every kind the face can inject, so each
 * kind comes up several times in a soak, in a random order, with random details.
 */
export function faultDealer(random: () => number, faults: FaultInjector): () => FaultSpec {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const times = (most: number): number => 1 + Math.floor(random() * most)
  const makers: Record<Exclude<FaultKind, 'latency'>, () => FaultSpec> = {
    hang: () => ({ kind: 'hang', times: times(4) }),
    http5xx: () => ({ kind: 'http5xx', status: pick([500, 502, 503] as const), times: times(4) }),
    reset: () => ({ kind: 'reset', times: times(4) }),
    malformed: () => ({
      kind: 'malformed',
      mode: pick(['truncate', 'garbage'] as const),
      times: times(4),
    }),
    html: () => ({ kind: 'html', status: pick([200, 502] as const), times: times(4) }),
    rate_limit: () => ({
      kind: 'rate_limit',
      retryAfterSec: 5 + Math.floor(random() * 25),
      times: 1,
    }),
    token_expiry: () => ({ kind: 'token_expiry', times: 1 }),
    socket_drop: () => ({ kind: 'socket_drop', times: 1 }),
  }
  const usable = Object.entries(makers)
    .filter(([kind]) => faults.supports(kind as FaultKind))
    .map(([, make]) => make)
  let deck: (() => FaultSpec)[] = []
  return () => {
    if (deck.length === 0) {
      deck = [...usable]
      for (let i = deck.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1))
        ;[deck[i], deck[j]] = [deck[j]!, deck[i]!]
      }
    }
    return deck.pop()!()
  }
}

/**
 * Makes a dropped event socket cost the session no more simulated time than a
 * step. The client reconnects on the wall clock while the soak's clock races on
 * (a step takes about a millisecond), so the same drop left jade without events
 * for 5 to 14 simulated seconds, as the machine's load had it; a jade call that
 * rang two seconds within that gap and slipped between two polls was lost for
 * good (jade keeps no history), and the soak failed on "reported 0×" only when
 * the timing happened to line up. A real client is back within about a second.
 * After each drop, this waits (real time, 2 s at most) for the sockets to return.
 */
export function socketDropGate(
  connected: (() => boolean) | undefined,
  drops: () => number,
): () => Promise<void> {
  let seen = 0
  return async () => {
    const now = drops()
    if (!connected || now === seen) return
    seen = now
    const giveUpAt = Date.now() + 2000
    while (!connected() && Date.now() < giveUpAt) await new Promise((r) => setTimeout(r, 2))
  }
}
