/**
 * Keeps the stores in step with main: one `state:snapshot` at start (and again
 * on retry), then pushed deltas. The renderer never polls.
 */
import { describeNotice } from '../describe-notice'
import { translate } from '../i18n'
import { sayError } from '../describe-error'
import type { StateSnapshot } from '../../../shared/ipc'
import type { Call } from '../../../shared/model'
import { invoke, onEvent } from '../bridge'
import { nameQueues } from '../queue-names'
import { useAccountsStore } from './accounts'
import { useCallsStore } from './calls'
import { usePresenceStore } from './presence'
import { useDialStore } from './dial'
import { useListsStore } from './lists'
import { useChatStore } from './chat'
import { useNoticesStore } from './notices'
import { usePreferencesStore } from './preferences'
import { useNavigationStore } from './navigation'

let unsubscribers: (() => void)[] = []
/** Bumped by each load: an answer to an older one is stale and dropped. */
let generation = 0
/**
 * Deltas that came while the snapshot was on its way. They may be newer than the
 * snapshot (main read it, then a poll changed something), so they are applied
 * again on top of it, in order; each sets a value, so replaying an older one
 * is harmless: a later delta or the snapshot itself follows it.
 */
interface Held {
  accountId: string
  apply: () => void
}
let held: Held[] | null = null
/** The accounts of the picture on screen: deltas of any other (a retired demo) are dropped. */
let known = new Set<string>()

function whenLoaded(accountId: string, apply: () => void): void {
  if (held) held.push({ accountId, apply })
  // While loading, show it at once; the snapshot decides whether it stays.
  if (held || known.has(accountId)) apply()
}
/** Calls as main sent them, so queue names can be filled in again when the queues change. */
let sentCalls: Record<string, Call[]> = {}

/** Every store the sync feeds, looked up once per load. */
function useStores() {
  return {
    accounts: useAccountsStore(),
    presence: usePresenceStore(),
    calls: useCallsStore(),
    lists: useListsStore(),
    notices: useNoticesStore(),
    preferences: usePreferencesStore(),
    dial: useDialStore(),
    chat: useChatStore(),
    navigation: useNavigationStore(),
  }
}
type Stores = ReturnType<typeof useStores>

/** Shows an account's calls with their queue names, and keeps them as main sent them. */
function showCalls(stores: Stores, accountId: string, list: Call[]): void {
  sentCalls = { ...sentCalls, [accountId]: list }
  stores.calls.setCalls(accountId, nameQueues(list, stores.lists.queues))
}

/** The deltas about one account's picture: held while a snapshot is on its way. */
function accountDeltas(stores: Stores): (() => void)[] {
  const { accounts, presence, calls, lists } = stores
  return [
    onEvent('status:changed', (status) =>
      whenLoaded(status.accountId, () => accounts.setStatus(status)),
    ),
    onEvent('presence:changed', (delta) =>
      whenLoaded(delta.accountId, () =>
        presence.apply(delta.accountId, delta.changed, delta.removed),
      ),
    ),
    onEvent('calls:changed', (u) =>
      whenLoaded(u.accountId, () => showCalls(stores, u.accountId, u.calls)),
    ),
    onEvent('parked:changed', (u) =>
      whenLoaded(u.accountId, () => calls.setParked(u.accountId, u.parked)),
    ),
    onEvent('call:missed', (missed) =>
      whenLoaded(missed.record.accountId, () => calls.onMissed(missed.record)),
    ),
    onEvent('missed:changed', (u) =>
      whenLoaded(u.accountId, () => calls.setMissed(u.accountId, u.missed)),
    ),
    onEvent('voicemail:changed', (u) =>
      whenLoaded(u.accountId, () => lists.setVoicemail(u.accountId, u.voicemail)),
    ),
    onEvent('queues:changed', (u) =>
      whenLoaded(u.accountId, () => {
        lists.setQueues(u.accountId, u.queues)
        showCalls(stores, u.accountId, sentCalls[u.accountId] ?? [])
      }),
    ),
    onEvent('flows:changed', (u) =>
      whenLoaded(u.accountId, () => lists.setFlows(u.accountId, u.flows)),
    ),
    onEvent('capabilities:changed', (u) =>
      whenLoaded(u.accountId, () => accounts.withdraw(u.accountId, u.capabilities, u.notOffered)),
    ),
  ]
}

/** Events about the whole app, applied as they come. */
function appEvents(stores: Stores): (() => void)[] {
  const { accounts, preferences, notices, dial, chat, navigation } = stores
  return [
    onEvent('accounts:changed', (list) => {
      accounts.accounts = list
      // New or removed accounts change capabilities and statuses: start from a fresh picture.
      void loadState()
    }),
    onEvent('settings:changed', (p) => preferences.set(p)),
    onEvent('notice', (n) => notices.show(n.kind, describeNotice(n, translate))),
    onEvent('dial:request', (request) => (dial.pending = request)),
    onEvent('chat:message', (message) => chat.received(message)),
    onEvent('contact:show', (request) => navigation.openContact(request.number)),
  ]
}

/** The snapshot replaces every store's picture; held deltas of its accounts go on top. */
function applySnapshot(stores: Stores, state: StateSnapshot, replay: Held[]): string[] {
  const { accounts, presence, calls, lists } = stores
  accounts.accounts = state.accounts
  accounts.capabilities = state.capabilities
  accounts.statuses = Object.fromEntries(state.statuses.map((s) => [s.accountId, s]))
  presence.replaceAll(state.presence)
  const ids = state.accounts.map((account) => account.id)
  // The queues first: the calls take their queue names from them.
  lists.replaceAll(state, ids)
  sentCalls = {}
  for (const call of state.calls) {
    sentCalls[call.accountId] = [...(sentCalls[call.accountId] ?? []), call]
  }
  calls.replaceAll(ids, nameQueues(state.calls, lists.queues), state.parked, state.missed)
  known = new Set(ids)
  for (const entry of replay) if (known.has(entry.accountId)) entry.apply()
  return ids
}

export async function loadState(): Promise<void> {
  const stores = useStores()
  const { accounts, lists, preferences } = stores
  // A refresh keeps the current picture on screen until the new one arrives.
  if (accounts.status !== 'ready') accounts.status = 'loading'
  const mine = ++generation
  held = []
  // Subscribe before asking for the snapshot, so no delta falls between the two.
  for (const off of unsubscribers) off()
  unsubscribers = [...appEvents(stores), ...accountDeltas(stores)]
  const [snapshot, about] = await Promise.all([invoke('state:snapshot'), invoke('app:info')])
  // A newer load (the accounts changed meanwhile) owns the picture now.
  if (mine !== generation) return
  const replay = held ?? []
  held = null
  if (!snapshot.ok) {
    accounts.status = 'error'
    accounts.error = sayError(snapshot.error)
    return
  }
  const ids = applySnapshot(stores, snapshot.data, replay)
  // Flows are an explicit read, not part of the snapshot: the status bar and the
  // Queues screen show them when they come; a newer load drops this answer.
  for (const id of ids) {
    if (accounts.can(id, 'flows')) void lists.loadFlows(id, () => mine === generation)
  }
  await preferences.load()
  if (about.ok) accounts.info = about.data
  accounts.status = 'ready'
}
