/** Builds a session on a manual clock, a scripted provider and a fresh data dir. */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger, type Logger } from '../../src/main/log'
import { Session, type SessionOptions } from '../../src/main/core/session/session'
import type { SessionEvent } from '../../src/main/core/session/events'
import { callEvents, FakeProvider, seededRandom, type FakeOptions } from '../support/fake-provider'
import { ManualClock } from '@switchboard/demo-pbx/testing'

export const quietLog = createLogger('test', () => undefined)

export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'switchboard-session-'))
}

export interface Harness {
  clock: ManualClock
  provider: FakeProvider
  session: Session
  events: SessionEvent[]
  dir: string
  /** The call events so far, in words. */
  calls(): string[]
  statuses(): string[]
}

export async function startSession(
  setup: {
    clock?: ManualClock
    dir?: string
    provider?: FakeProvider
    fake?: FakeOptions
    options?: SessionOptions
    seed?: number
    log?: Logger
  } = {},
): Promise<Harness> {
  const clock = setup.clock ?? new ManualClock()
  const provider = setup.provider ?? new FakeProvider({ now: () => clock.now(), ...setup.fake })
  const dir = setup.dir ?? (await tempDir())
  const session = new Session({
    accountId: provider.accountId,
    provider,
    dataDir: dir,
    clock,
    random: seededRandom(setup.seed ?? 7),
    log: setup.log ?? quietLog,
    options: setup.options ?? {},
  })
  const events: SessionEvent[] = []
  session.on((event) => events.push(event))
  await session.start()
  return {
    clock,
    provider,
    session,
    events,
    dir,
    calls: () => callEvents(events),
    statuses: () =>
      events.flatMap((e) =>
        e.type === 'status.changed' ? [`${e.status.state}/${e.status.detail}`] : [],
      ),
  }
}
