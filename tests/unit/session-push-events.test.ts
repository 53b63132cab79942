/**
 * A push account (jade) whose event socket cannot connect still works, by
 * polling, and its status says so in words; when the socket is back it says live.
 */
import { afterEach, expect, it } from 'vitest'
import type { PushEvents, PushListener } from '../../src/main/providers/provider'
import { FakeProvider } from '../support/fake-provider'
import { ManualClock } from '@switchboard/demo-pbx/testing'
import { startSession, type Harness } from './session-harness'

/** A provider with an event socket the test opens and closes. */
class PushingProvider extends FakeProvider {
  readonly watchers = new Set<(events: PushEvents) => void>()

  subscribe(_onChange: PushListener, onEvents?: (events: PushEvents) => void): () => void {
    if (onEvents) this.watchers.add(onEvents)
    return () => {
      if (onEvents) this.watchers.delete(onEvents)
    }
  }

  socket(events: PushEvents): void {
    for (const watcher of this.watchers) watcher(events)
  }
}

let h: Harness | undefined
afterEach(async () => {
  await h?.session.stop()
  h = undefined
})

it('says events are unavailable while the event socket is down, and live again when it is back', async () => {
  const clock = new ManualClock()
  const provider = new PushingProvider({ now: () => clock.now(), capabilities: ['calls'] })
  h = await startSession({ clock, provider })
  await clock.run(2000)
  provider.socket({ live: true })
  expect(h.session.connection).toMatchObject({ state: 'online', events: 'live' })

  provider.socket({
    live: false,
    reason: 'the event socket at wss://pbx:8083/ was refused (HTTP 503)',
  })
  await clock.run(2000)
  // Still online (polling works), and the words say why events are missing.
  expect(h.session.connection).toMatchObject({
    state: 'online',
    events: 'polling',
    eventsReason: 'the event socket at wss://pbx:8083/ was refused (HTTP 503)',
  })

  provider.socket({ live: true })
  expect(h.session.connection.events).toBe('live')
  expect(h.session.connection.eventsReason).toBeUndefined()

  // Stopped: no socket, nothing to say about events.
  await h.session.stop()
  expect(h.session.connection.events).toBeUndefined()
  expect(provider.watchers.size).toBe(0)
})
