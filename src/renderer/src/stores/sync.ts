/**
 * Keeps the stores in step with main: one `state:snapshot` at start (and again
 * on retry), then pushed deltas. The renderer never polls.
 */
import { sayError } from '../describe-error'
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
/** Calls as main sent them, so queue names can be filled in again when the queues change. */
let sentCalls: Record<string, Call[]> = {}

export async function loadState(): Promise<void> {
  const accounts = useAccountsStore()
  const presence = usePresenceStore()
  const calls = useCallsStore()
  const lists = useListsStore()
  const notices = useNoticesStore()
  const preferences = usePreferencesStore()
  const dial = useDialStore()
  const chat = useChatStore()
  const navigation = useNavigationStore()
  const showCalls = (accountId: string, list: Call[]): void => {
    sentCalls = { ...sentCalls, [accountId]: list }
    calls.setCalls(accountId, nameQueues(list, lists.queues))
  }
  // A refresh keeps the current picture on screen until the new one arrives.
  if (accounts.status !== 'ready') accounts.status = 'loading'
  // Subscribe before asking for the snapshot, so no delta falls between the two.
  for (const off of unsubscribers) off()
  unsubscribers = [
    onEvent('accounts:changed', (list) => {
      accounts.accounts = list
      // New or removed accounts change capabilities and statuses: start from a fresh picture.
      void loadState()
    }),
    onEvent('status:changed', (status) => accounts.setStatus(status)),
    onEvent('presence:changed', (delta) =>
      presence.apply(delta.accountId, delta.changed, delta.removed),
    ),
    onEvent('calls:changed', (update) => showCalls(update.accountId, update.calls)),
    onEvent('parked:changed', (update) => calls.setParked(update.accountId, update.parked)),
    onEvent('call:event', (event) => calls.onEvent(event)),
    onEvent('call:missed', (missed) => calls.onMissed(missed.record)),
    onEvent('voicemail:changed', (u) => lists.setVoicemail(u.accountId, u.voicemail)),
    onEvent('queues:changed', (u) => {
      lists.setQueues(u.accountId, u.queues)
      showCalls(u.accountId, sentCalls[u.accountId] ?? [])
    }),
    onEvent('flows:changed', (u) => lists.setFlows(u.accountId, u.flows)),
    onEvent('settings:changed', (p) => preferences.set(p)),
    onEvent('notice', (n) => notices.show(n.kind, n.text)),
    onEvent('dial:request', (request) => (dial.pending = request)),
    onEvent('chat:message', (message) => chat.received(message)),
    onEvent('contact:show', (request) => navigation.openContact(request.number)),
  ]
  const [snapshot, about] = await Promise.all([invoke('state:snapshot'), invoke('app:info')])
  if (!snapshot.ok) {
    accounts.status = 'error'
    accounts.error = sayError(snapshot.error)
    return
  }
  const state = snapshot.data
  accounts.accounts = state.accounts
  accounts.capabilities = state.capabilities
  accounts.statuses = Object.fromEntries(state.statuses.map((s) => [s.accountId, s]))
  presence.replaceAll(state.presence)
  // The queues first: the calls take their queue names from them.
  lists.replaceAll(state)
  sentCalls = {}
  const grouped: Record<string, typeof state.calls> = {}
  for (const account of state.accounts) grouped[account.id] = []
  for (const call of state.calls) (grouped[call.accountId] ??= []).push(call)
  for (const [accountId, list] of Object.entries(grouped)) showCalls(accountId, list)
  for (const account of state.accounts) {
    calls.setParked(
      account.id,
      state.parked.filter((p) => p.accountId === account.id),
    )
  }
  calls.missedSeen = state.missed
  await preferences.load()
  if (about.ok) accounts.info = about.data
  accounts.status = 'ready'
}
