/**
 * What the core can say about all its accounts at one moment: the window's
 * snapshot, and the few facts the shell asks for (the tray's start, whether a
 * call is up, which accounts media may come from), so the shell never reaches
 * the sessions.
 */
import type { RuntimeAccount } from '../../providers'
import type { StateSnapshot } from '../../../shared/ipc'
import type { AccountStatus, AccountSummary, CallRecord } from '../../../shared/model'
import type { SessionManager } from '../session/manager'
import { accountStatus } from './state-events'

/** What the tray shows before the first event: the accounts and how each is connected. */
export interface TrayStart {
  accounts: AccountSummary[]
  statuses: AccountStatus[]
}

export interface CoreState {
  snapshot(): Promise<StateSnapshot>
  statuses(): AccountStatus[]
  trayState(): Promise<TrayStart>
  /** A call rings, is up or is held on any account. */
  hasLiveCalls(): boolean
  /** The accounts that run now; media is served only for these. */
  accountIds(): string[]
}

export interface CoreStateDeps {
  sessions: SessionManager<RuntimeAccount>
  summaries(): AccountSummary[]
  /** Missed calls of accounts whose PBX keeps no history (state-events.ts). */
  missed(): CallRecord[]
}

export function coreState({ sessions, summaries, missed }: CoreStateDeps): CoreState {
  const statuses = (): AccountStatus[] =>
    sessions.snapshot().map((s) => accountStatus(s.status, s.requests))

  /**
   * Everything from one moment: first wait for an account change under way, then
   * read every session at once, so presence, calls and lists agree and no delta
   * sent before the read is missing. Nothing here asks the PBX: the snapshot is
   * what the sessions already know (flows are a read of their own, `flows:list`).
   */
  const snapshot = async (): Promise<StateSnapshot> => {
    await sessions.settled()
    const parts = sessions.snapshot()
    return {
      accounts: summaries(),
      statuses: parts.map((s) => accountStatus(s.status, s.requests)),
      capabilities: Object.fromEntries(
        sessions.sessions().map((session, i) => [parts[i]?.accountId ?? '', session.capabilities]),
      ),
      presence: parts.flatMap((s) => s.presence),
      calls: parts.flatMap((s) => s.calls),
      parked: parts.flatMap((s) => s.parked),
      queues: parts.flatMap((s) => s.queues),
      voicemail: parts.flatMap((s) => s.voicemail),
      missed: missed().filter((record) => sessions.get(record.accountId)),
    }
  }

  return {
    snapshot,
    statuses,
    trayState: async () => {
      await sessions.settled()
      return { accounts: summaries(), statuses: statuses() }
    },
    hasLiveCalls: () => sessions.snapshot().some((s) => s.calls.length > 0),
    accountIds: () => sessions.sessions().map((s) => s.accountId),
  }
}
