/**
 * Live calls as main reports them, per account; the popups derived from them; and
 * the state of actions in flight. The store never invents call state: an action
 * shows progress until main answers, and the next push confirms the result.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CallEvent } from '../../../shared/ipc'
import type { Call, CallRecord, ParkedCall } from '../../../shared/model'
import { useAccountsStore } from './accounts'

/** A day's missed calls at a busy desk; older ones drop off. */
const MAX_MISSED_SEEN = 200

export const useCallsStore = defineStore('calls', () => {
  const byAccount = ref<Record<string, Call[]>>({})
  const parkedByAccount = ref<Record<string, ParkedCall[]>>({})
  /** Calls whose popup the agent dismissed (only this window's choice). */
  const dismissed = ref(new Set<string>())
  /** Action in flight per call id, e.g. 'hangup'. */
  const busy = ref<Record<string, string>>({})
  /** Last failure per call id, in words. */
  const failures = ref<Record<string, string>>({})
  const missedUnseen = ref(0)
  /**
   * Missed calls since Switchboard started, newest first: main's list from the
   * snapshot, then each one reported. Where the PBX keeps no call history (jade),
   * these are all the history screen can show, and without them the missed-calls
   * badge would lead to a screen without the call.
   */
  const missedSeen = ref<CallRecord[]>([])

  const calls = computed(() => Object.values(byAccount.value).flat())
  const accounts = useAccountsStore()
  /**
   * The agent's own calls. A call the agent parked is listed with the parked calls
   * where the PBX lists them, not a second time here.
   */
  const mine = computed(() =>
    calls.value.filter(
      (c) =>
        !c.answeredElsewhere &&
        !(c.state === 'parked' && accounts.can(c.accountId, 'parked_calls')),
    ),
  )
  const parked = computed(() => Object.values(parkedByAccount.value).flat())
  const popups = computed(() =>
    mine.value.filter(
      (c) => c.state === 'ringing' && c.direction !== 'outbound' && !dismissed.value.has(c.id),
    ),
  )

  function setCalls(accountId: string, list: Call[]): void {
    byAccount.value = { ...byAccount.value, [accountId]: list }
    const live = new Set(list.map((c) => c.id))
    for (const id of Object.keys(failures.value)) if (!live.has(id)) delete failures.value[id]
  }

  function setParked(accountId: string, list: ParkedCall[]): void {
    parkedByAccount.value = { ...parkedByAccount.value, [accountId]: list }
  }

  function onEvent(event: CallEvent): void {
    if (event.kind === 'missed') missedUnseen.value++
  }

  function onMissed(record: CallRecord): void {
    missedUnseen.value++
    const others = missedSeen.value.filter(
      (r) => r.accountId !== record.accountId || r.id !== record.id,
    )
    missedSeen.value = [record, ...others].slice(0, MAX_MISSED_SEEN)
  }

  /**
   * The whole picture from a snapshot: accounts that are gone (the demo office
   * after a real account is added) keep no call, parked call or missed call.
   */
  function replaceAll(
    accountIds: readonly string[],
    list: Call[],
    parkedList: ParkedCall[],
    missed: CallRecord[],
  ): void {
    const grouped: Record<string, Call[]> = {}
    const parkedGrouped: Record<string, ParkedCall[]> = {}
    for (const id of accountIds) {
      grouped[id] = []
      parkedGrouped[id] = []
    }
    for (const call of list) (grouped[call.accountId] ??= []).push(call)
    for (const p of parkedList) (parkedGrouped[p.accountId] ??= []).push(p)
    byAccount.value = grouped
    parkedByAccount.value = parkedGrouped
    const live = new Set(list.map((c) => c.id))
    for (const id of Object.keys(failures.value)) if (!live.has(id)) delete failures.value[id]
    for (const id of Object.keys(busy.value)) if (!live.has(id)) delete busy.value[id]
    const known = new Set(accountIds)
    missedSeen.value = missed.filter((r) => known.has(r.accountId))
    if (missedSeen.value.length === 0) missedUnseen.value = 0
  }

  function dismiss(callId: string): void {
    dismissed.value = new Set(dismissed.value).add(callId)
  }

  return {
    byAccount,
    calls,
    mine,
    parked,
    popups,
    busy,
    failures,
    missedUnseen,
    missedSeen,
    setCalls,
    setParked,
    onEvent,
    onMissed,
    replaceAll,
    dismiss,
  }
})
