/**
 * Per-account lists main pushes whole (they are short): voicemail, queue
 * memberships and day/night flows (read once the accounts are known, then
 * pushed after a switch). Replaced on each push, never edited here: an action
 * asks main, and the change comes back with the next push.
 */
import { defineStore } from 'pinia'
import { computed, ref, type Ref } from 'vue'
import type { Flow, QueueMembership, Voicemail } from '../../../shared/model'
import type { Result } from '../../../shared/result'
import { invoke } from '../bridge'
import { longestWaitingSince } from '../queue-alert'

function flat<T>(byAccount: Record<string, T[]>): T[] {
  return Object.values(byAccount).flat()
}

function group<T extends { accountId: string }>(list: T[]): Record<string, T[]> {
  const out: Record<string, T[]> = {}
  for (const item of list) (out[item.accountId] ??= []).push(item)
  return out
}

/** What the agent does to the lists: each asks main, and the change comes back pushed. */
const listActions = {
  pauseQueue(q: QueueMembership, reason: string): Promise<Result<null>> {
    return invoke('queue:pause', {
      accountId: q.accountId,
      queueId: q.queueId,
      ...(reason ? { reason } : {}),
    })
  },
  resumeQueue(q: QueueMembership): Promise<Result<null>> {
    return invoke('queue:resume', { accountId: q.accountId, queueId: q.queueId })
  },
  markHeard: (v: Voicemail) =>
    invoke('voicemail:markHeard', { accountId: v.accountId, voicemailId: v.id }),
  deleteVoicemail: (v: Voicemail) =>
    invoke('voicemail:delete', { accountId: v.accountId, voicemailId: v.id }),
  /** Switch a company-wide flow; the caller has already asked the agent. */
  setFlow(flow: Flow, active: boolean): Promise<Result<null>> {
    return invoke('flow:set', { accountId: flow.accountId, flowId: flow.id, active })
  },
}

/** What the screens read: every account's lists together, and the sums the sidebar shows. */
function listViews(
  voicemailBy: Ref<Record<string, Voicemail[]>>,
  queuesBy: Ref<Record<string, QueueMembership[]>>,
  flowsBy: Ref<Record<string, Flow[]>>,
) {
  const voicemail = computed(() =>
    flat(voicemailBy.value).sort((a, b) => b.receivedAt - a.receivedAt),
  )
  const unheard = computed(() => voicemail.value.filter((v) => !v.heard).length)
  const queues = computed(() => flat(queuesBy.value))
  const flows = computed(() => flat(flowsBy.value))
  /** Callers waiting in the agent's queues now (where the PBX says), for the sidebar. */
  const waiting = computed(() => queues.value.reduce((sum, q) => sum + (q.waiting ?? 0), 0))
  /** Since when the longest-waiting caller waits, where the PBX says (epoch ms). */
  const waitingSince = computed(() => longestWaitingSince(queues.value))
  /** Company-wide switches that are on now: the status bar shows them. */
  const activeFlows = computed(() => flows.value.filter((f) => f.active))
  return { voicemail, unheard, queues, flows, activeFlows, waiting, waitingSince }
}

export const useListsStore = defineStore('lists', () => {
  const voicemailBy = ref<Record<string, Voicemail[]>>({})
  const queuesBy = ref<Record<string, QueueMembership[]>>({})
  const flowsBy = ref<Record<string, Flow[]>>({})

  /**
   * The account's flows, read on their own (not in the snapshot, so a slow flows
   * read never holds up the window). `current()` is false once a newer load owns
   * the picture: its answer is then dropped. A failed read shows no flows.
   */
  async function loadFlows(accountId: string, current: () => boolean): Promise<void> {
    const result = await invoke('flows:list', { accountId })
    if (result.ok && current()) flowsBy.value = { ...flowsBy.value, [accountId]: result.data }
  }

  return {
    voicemailBy,
    queuesBy,
    flowsBy,
    ...listViews(voicemailBy, queuesBy, flowsBy),
    ...listActions,
    loadFlows,
    setVoicemail: (accountId: string, list: Voicemail[]) =>
      (voicemailBy.value = { ...voicemailBy.value, [accountId]: list }),
    setQueues: (accountId: string, list: QueueMembership[]) =>
      (queuesBy.value = { ...queuesBy.value, [accountId]: list }),
    setFlows: (accountId: string, list: Flow[]) =>
      (flowsBy.value = { ...flowsBy.value, [accountId]: list }),
    /** A new snapshot: its lists; the flows of accounts that are gone go too. */
    replaceAll(parts: { voicemail: Voicemail[]; queues: QueueMembership[] }, ids: string[]): void {
      voicemailBy.value = group(parts.voicemail)
      queuesBy.value = group(parts.queues)
      flowsBy.value = Object.fromEntries(
        Object.entries(flowsBy.value).filter(([accountId]) => ids.includes(accountId)),
      )
    },
  }
})
