/**
 * Live calls as main reports them, per account; the popups derived from them; and
 * the state of actions in flight. The store never invents call state: an action
 * shows progress until main answers, and the next push confirms the result.
 * Popups, actions in flight, failures and dismissals are keyed by account AND call
 * id: two PBXs may well use the same call id.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ringsHere } from '../../../shared/call-origin'
import { SeenOnce } from '../../../shared/seen-once'
import type { Call, CallRecord, ParkedCall } from '../../../shared/model'
import { invoke } from '../bridge'
import { useAccountsStore } from './accounts'
import { useNoticesStore } from './notices'
import { transferOutcome, type PendingTransfer } from './pending-transfers'

/**
 * How long a sent transfer may wait for the PBX to move the call away before the
 * card says it was not confirmed (several polls at the slowest usual interval).
 */
export const TRANSFER_CONFIRM_MS = 20_000
/** Far more missed calls than a badge needs to count; older ones are forgotten. */
const MAX_UNSEEN = 500

export type CallKey = `${string}/${string}`
export function keyOf(call: Pick<Call, 'accountId' | 'id'>): CallKey {
  return `${call.accountId}/${call.id}`
}

export type { PendingTransfer }

const callOf = (p: PendingTransfer): Pick<Call, 'accountId' | 'id'> => ({
  accountId: p.accountId,
  id: p.callId,
})

export const useCallsStore = defineStore('calls', () => {
  const byAccount = ref<Record<string, Call[]>>({})
  const parkedByAccount = ref<Record<string, ParkedCall[]>>({})
  /** Calls whose popup the agent dismissed (only this window's choice), by `keyOf`. */
  const dismissed = ref(new Set<string>())
  /** Action in flight per call (`keyOf`), e.g. 'hangup'. */
  const busy = ref<Record<string, string>>({})
  /** Last failure per call (`keyOf`), in words. */
  const failures = ref<Record<string, string>>({})
  /** Transfers sent and not yet confirmed, by `keyOf`. */
  const transfers = ref<Record<string, PendingTransfer>>({})
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  /** Missed calls (`keyOf`) not yet seen on the history screen: the navigation's badge. */
  const unseen = ref<Pick<CallRecord, 'accountId' | 'id'>[]>([])
  const missedUnseen = computed(() => unseen.value.length)
  /** Missed calls already counted: one that comes again (replayed after a load) counts once. */
  const counted = new SeenOnce(MAX_UNSEEN)
  /**
   * Per account, the calls main keeps as missed because the PBX keeps no call
   * history (jade), exactly as main sent them (it de-duplicates and caps them):
   * all the history screen can show there, and without them the missed-calls
   * badge would lead to a screen without the call.
   */
  const missedByAccount = ref<Record<string, CallRecord[]>>({})
  const missedSeen = computed(() => Object.values(missedByAccount.value).flat())

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
  /** Calls that ring the agent: never one the agent dialled, whatever its direction. */
  const popups = computed(() =>
    mine.value.filter((c) => ringsHere(c) && !dismissed.value.has(keyOf(c))),
  )

  /**
   * The agent's call a colleague could take over on that account: connected first,
   * else held; never the consultation of a transfer in progress.
   */
  function currentCall(accountId: string): Call | undefined {
    const open = mine.value.filter(
      (c) => c.accountId === accountId && !c.consultFor && (c.state === 'up' || c.state === 'held'),
    )
    return open.find((c) => c.state === 'up') ?? open[0]
  }

  function setCalls(accountId: string, list: Call[]): void {
    byAccount.value = { ...byAccount.value, [accountId]: list }
    const live = new Set<string>(list.map(keyOf))
    for (const key of Object.keys(failures.value))
      if (key.startsWith(`${accountId}/`) && !live.has(key as CallKey)) delete failures.value[key]
    for (const [key, pending] of Object.entries(transfers.value)) {
      if (pending.accountId !== accountId) continue
      const outcome = transferOutcome(pending, list)
      if (outcome === 'done') {
        settleTransfer(key)
        useNoticesStore().show('info', pending.done)
      } else if (outcome === 'consult-ended') {
        settleTransfer(key)
        setFailure(callOf(pending), pending.consultEnded ?? pending.unconfirmed)
      } else if (outcome === 'cancelled') settleTransfer(key)
      else if (outcome === 'consult-seen') {
        // The agent talks to the colleague as long as it takes: no deadline until completing.
        clearTimeout(timers.get(key))
        timers.delete(key)
        transfers.value = { ...transfers.value, [key]: { ...pending, consultSeen: true } }
      }
    }
  }

  function setParked(accountId: string, list: ParkedCall[]): void {
    parkedByAccount.value = { ...parkedByAccount.value, [accountId]: list }
  }

  /** A call was missed (on any account): the badge counts it until the history is seen. */
  function onMissed(record: Pick<CallRecord, 'accountId' | 'id'>): void {
    if (!counted.first(keyOf(record))) return
    const { accountId, id } = record
    unseen.value = [...unseen.value, { accountId, id }].slice(-MAX_UNSEEN)
  }

  function setMissed(accountId: string, list: CallRecord[]): void {
    missedByAccount.value = { ...missedByAccount.value, [accountId]: list }
  }

  function dismiss(call: Pick<Call, 'accountId' | 'id'>): void {
    dismissed.value = new Set(dismissed.value).add(keyOf(call))
  }

  function busyWith(call: Pick<Call, 'accountId' | 'id'>): string | undefined {
    return busy.value[keyOf(call)] ?? (transfers.value[keyOf(call)] ? 'transfer' : undefined)
  }

  function failureOf(call: Pick<Call, 'accountId' | 'id'>): string | undefined {
    return failures.value[keyOf(call)]
  }

  function setBusy(call: Pick<Call, 'accountId' | 'id'>, action: string | null): void {
    const { [keyOf(call)]: _old, ...rest } = busy.value
    busy.value = action ? { ...rest, [keyOf(call)]: action } : rest
  }

  function setFailure(call: Pick<Call, 'accountId' | 'id'>, text: string | null): void {
    const { [keyOf(call)]: _old, ...rest } = failures.value
    failures.value = text ? { ...rest, [keyOf(call)]: text } : rest
  }

  function transferOf(call: Pick<Call, 'accountId' | 'id'>): PendingTransfer | undefined {
    return transfers.value[keyOf(call)]
  }

  /**
   * Main accepted a transfer: the cards say "Transferring to …" until the call leaves
   * the agent, or say it was not confirmed after `TRANSFER_CONFIRM_MS`. An attended
   * one waits that long for the consultation call to show, then as long as the agent
   * talks, and that long again once the agent completes it.
   */
  function transferSent(
    call: Pick<Call, 'accountId' | 'id'>,
    target: string,
    words: { done: string; unconfirmed: string; consultEnded?: string },
  ): void {
    const key = keyOf(call)
    const pending: PendingTransfer = {
      accountId: call.accountId,
      callId: call.id,
      target,
      ...words,
      ...(words.consultEnded ? { stage: 'consulting' as const } : {}),
    }
    transfers.value = { ...transfers.value, [key]: pending }
    confirmWithin(key)
  }

  function confirmWithin(key: string): void {
    clearTimeout(timers.get(key))
    timers.set(
      key,
      setTimeout(() => {
        const pending = transfers.value[key]
        if (!pending) return
        settleTransfer(key)
        setFailure(callOf(pending), pending.unconfirmed)
      }, TRANSFER_CONFIRM_MS),
    )
  }

  /** The pending attended transfer whose consultation `consult` is. */
  function consultedFrom(consult: Pick<Call, 'accountId' | 'consultFor'>): string | undefined {
    if (!consult.consultFor) return undefined
    const key = keyOf({ accountId: consult.accountId, id: consult.consultFor })
    return transfers.value[key]?.stage ? key : undefined
  }

  /**
   * The agent completes (or cancels) an attended transfer from its consultation: from
   * now the consultation may end without it being a failure. `null` puts it back to
   * talking (main refused the request).
   */
  function consultStage(
    consult: Pick<Call, 'accountId' | 'consultFor'>,
    stage: 'completing' | 'cancelling' | 'consulting',
  ): void {
    const key = consultedFrom(consult)
    const pending = key ? transfers.value[key] : undefined
    if (!key || !pending) return
    transfers.value = { ...transfers.value, [key]: { ...pending, stage } }
    if (stage === 'completing') confirmWithin(key)
  }

  /** The agent cancelled an attended transfer and main did it: the caller is back. */
  function consultCancelled(consult: Pick<Call, 'accountId' | 'consultFor'>): void {
    const key = consultedFrom(consult)
    if (key) settleTransfer(key)
  }

  function settleTransfer(key: string): void {
    clearTimeout(timers.get(key))
    timers.delete(key)
    const { [key]: _done, ...rest } = transfers.value
    transfers.value = rest
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
    const live = new Set<string>(list.map(keyOf))
    for (const key of Object.keys(failures.value)) if (!live.has(key)) delete failures.value[key]
    for (const key of Object.keys(busy.value)) if (!live.has(key)) delete busy.value[key]
    const missedGrouped: Record<string, CallRecord[]> = {}
    for (const id of accountIds) missedGrouped[id] = []
    for (const r of missed) missedGrouped[r.accountId]?.push(r)
    missedByAccount.value = missedGrouped
    // Accounts that are gone (the retired demo office) leave nothing on the badge.
    const known = new Set(accountIds)
    unseen.value = unseen.value.filter((r) => known.has(r.accountId))
  }

  /** Pick up or end a parked call; the parked list comes back with main's next push. */
  function actOnParked(call: ParkedCall, action: 'call:pickup' | 'call:hangupParked') {
    return invoke(action, { accountId: call.accountId, callId: call.id })
  }

  /** Looking at the history is seeing the missed calls. */
  function missedSeenNow(): void {
    unseen.value = []
  }

  return {
    missedSeenNow,
    actOnParked,
    byAccount,
    calls,
    mine,
    parked,
    popups,
    busy,
    failures,
    transfers,
    missedUnseen,
    missedSeen,
    currentCall,
    setCalls,
    setParked,
    onMissed,
    setMissed,
    replaceAll,
    dismiss,
    busyWith,
    failureOf,
    setBusy,
    setFailure,
    transferOf,
    transferSent,
    consultStage,
    consultCancelled,
  }
})
