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

/** How long, in real time, the soak waits for jade's event sockets before it moves on. */
const EVENTS_GATE_MS = 10_000

/**
 * Makes every gap in jade's live events cost the session no simulated time. The
 * client reconnects on the wall clock while the soak's clock races on (a step
 * takes about a millisecond), so a socket that went down (a drop, a token the
 * server forgot, a sign-in after refused credentials) left jade without events
 * for as many simulated seconds as the machine's load decided, and a short ring
 * in that gap could slip between two polls and be lost for good (jade keeps no
 * history). So before each step's checks, while the session listens for events
 * (`listening`), this waits in real time until every socket is open at the
 * server (`connected`) AND the session has heard so (`live`): by then the client
 * has asked for its catch-up polls, which run at the very simulated moment the
 * socket went down. A real client is back within about a second. It gives up
 * after 10 s of real time (counted in `gaveUp`) so that sockets that never come
 * back fail the soak's recovery checks instead of hanging it.
 */
export function eventsGate(push: {
  listening: () => boolean
  connected: () => boolean
  live: () => boolean
}): { wait: () => Promise<void>; gaveUp: () => number } {
  let gaveUp = 0
  const back = (): boolean => !push.listening() || (push.connected() && push.live())
  return {
    wait: async () => {
      if (back()) return
      const giveUpAt = Date.now() + EVENTS_GATE_MS
      while (!back()) {
        if (Date.now() >= giveUpAt) {
          gaveUp++
          return
        }
        await new Promise((r) => setTimeout(r, 2))
      }
    },
    gaveUp: () => gaveUp,
  }
}
