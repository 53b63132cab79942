/**
 * What one poll of each kind does: fetch the snapshot, compare it with the last,
 * and hand the differences to the session as events.
 */
import { need } from '../../providers/facets'
import type { Call, ParkedCall, QueueMembership, Voicemail } from '../../../shared/model'
import type { PbxProvider } from '../../providers/provider'
import type { Consultations } from '../calls/consultations'
import type { CallTracker } from '../calls/tracker'
import type { PollKind } from './poll-plan'
import type { PresenceTracker } from '../presence/tracker'
import type { SessionEvent } from './events'
import type { SessionStore } from './store'

/** The latest lists, for snapshots and for finding the call an action names. */
export interface Latest {
  /** Every call the provider listed (colleagues' too, on tenant-wide dialects). */
  calls: Call[]
  /** The agent's calls, as last announced. */
  mine: Call[]
  parked: ParkedCall[]
  queues: QueueMembership[]
  voicemail: Voicemail[]
}

export interface PollContext {
  accountId: string
  provider: PbxProvider
  tracker: CallTracker
  consultations: Consultations
  presence: PresenceTracker
  store: SessionStore
  latest: Latest
  now(): number
  /** Next id for events that are not de-duplicated (presence, lists). */
  nextId(kind: string): string
  deliver(events: readonly SessionEvent[]): void
  /** History should settle open verdicts soon. */
  historySoon(): void
  historyOverlapMs: number
  historyMaxWindowMs: number
}

const sameList = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

async function pollCalls(ctx: PollContext): Promise<void> {
  const calls = await need(ctx.provider, 'calls')()
  const at = ctx.now()
  ctx.latest.calls = calls
  const events = ctx.tracker.update(calls, at)
  ctx.deliver(events)
  if (events.length) ctx.store.setTracker(ctx.tracker.exportState())
  if (ctx.tracker.pendingCount()) ctx.historySoon()
  const mine = ctx.consultations.mark(ctx.tracker.calls(), at)
  if (!sameList(mine, ctx.latest.mine)) {
    ctx.latest.mine = mine
    const base = { accountId: ctx.accountId, id: ctx.nextId('calls'), at }
    ctx.deliver([{ ...base, type: 'calls.changed', calls: mine }])
  }
}

async function pollPresence(ctx: PollContext): Promise<void> {
  const list = await need(ctx.provider, 'presence')()
  const { changed, removed } = ctx.presence.update(list)
  if (!changed.length && !removed.length) return
  const at = ctx.now()
  ctx.deliver([
    {
      type: 'presence.changed',
      accountId: ctx.accountId,
      id: ctx.nextId('presence'),
      at,
      presence: changed,
      removed,
    },
  ])
}

async function pollParked(ctx: PollContext): Promise<void> {
  const parked = await need(ctx.provider, 'parkedCalls')()
  if (sameList(parked, ctx.latest.parked)) return
  ctx.latest.parked = parked
  const base = { accountId: ctx.accountId, id: ctx.nextId('parked'), at: ctx.now() }
  ctx.deliver([{ ...base, type: 'parked.changed', parked }])
}

async function pollQueues(ctx: PollContext): Promise<void> {
  const queues = await need(ctx.provider, 'queues')()
  if (sameList(queues, ctx.latest.queues)) return
  ctx.latest.queues = queues
  const base = { accountId: ctx.accountId, id: ctx.nextId('queues'), at: ctx.now() }
  ctx.deliver([{ ...base, type: 'queues.changed', queues }])
}

/**
 * The first poll of a new account takes what is already there as known: only
 * voicemail that arrives later (also while the app was closed) is "new".
 */
export const heardMark = (voicemailId: string): string => `heard:${voicemailId}`

async function pollVoicemail(ctx: PollContext): Promise<void> {
  const at = ctx.now()
  // "Heard" marks the PBX cannot keep itself (PBXCloud has no such call) are kept here.
  const list = (await need(ctx.provider, 'voicemails')()).map((voicemail) => {
    const mark = heardMark(voicemail.id)
    if (!ctx.store.has(mark)) return voicemail
    ctx.store.mark(mark, at)
    return voicemail.heard ? voicemail : { ...voicemail, heard: true }
  })
  const baseline = ctx.store.cursor('baseline:voicemail') === undefined
  const events: SessionEvent[] = []
  for (const voicemail of list) {
    const entry = `vm:${voicemail.id}`
    if (ctx.store.has(entry)) continue
    const id = `${ctx.accountId}:vm:${voicemail.id}:new`
    if (baseline || voicemail.heard) ctx.store.claim(entry, id, at)
    else events.push({ type: 'voicemail.new', accountId: ctx.accountId, id, at, voicemail })
  }
  if (baseline) ctx.store.setCursor('baseline:voicemail', at)
  if (!sameList(list, ctx.latest.voicemail)) {
    ctx.latest.voicemail = list
    const base = { accountId: ctx.accountId, id: ctx.nextId('voicemail'), at }
    events.push({ ...base, type: 'voicemail.changed', voicemail: list })
  }
  ctx.deliver(events)
}

/** Only rooms whose last message is newer than what was read cost a second request. */
async function pollChat(ctx: PollContext): Promise<void> {
  const rooms = await need(ctx.provider, 'chatRooms')()
  const baseline = ctx.store.cursor('baseline:chat') === undefined
  for (const room of rooms) {
    const name = `chat:${room.id}`
    const cursor = ctx.store.cursor(name)
    const last = room.lastMessageAt ?? 0
    if (baseline) {
      ctx.store.setCursor(name, last)
      continue
    }
    if (cursor !== undefined && last <= cursor) continue
    const messages = await need(ctx.provider, 'chatMessages')(room.id)
    let newest = cursor ?? 0
    const events: SessionEvent[] = []
    for (const message of messages) {
      newest = Math.max(newest, message.sentAt)
      if (message.own || message.sentAt <= (cursor ?? 0)) continue
      const base = {
        accountId: ctx.accountId,
        id: `${ctx.accountId}:chat:${message.id}`,
        at: ctx.now(),
      }
      events.push({ ...base, type: 'chat.message', message })
    }
    ctx.deliver(events)
    ctx.store.setCursor(name, Math.max(newest, last))
  }
  if (baseline) ctx.store.setCursor('baseline:chat', ctx.now())
}

/**
 * From the last moment the session was sure of (less an overlap, for records the
 * PBX writes late) to now; never before the account was first seen, never more
 * than the window cap back.
 */
async function pollHistory(ctx: PollContext): Promise<void> {
  const until = ctx.now()
  const floor = Math.max(ctx.store.createdAt, until - ctx.historyMaxWindowMs)
  const sure = ctx.store.lastSureAt
  const since = sure === undefined ? floor : Math.max(floor, sure - ctx.historyOverlapMs)
  const records = await need(ctx.provider, 'history')(since, until)
  const events = ctx.tracker.reconcile(records, ctx.now(), (key) => ctx.store.has(`call:${key}`))
  ctx.deliver(events)
  if (events.length) ctx.store.setTracker(ctx.tracker.exportState())
  ctx.store.setLastSureAt(until)
}

export const polls: Record<PollKind, (ctx: PollContext) => Promise<void>> = {
  calls: pollCalls,
  presence: pollPresence,
  parked: pollParked,
  queues: pollQueues,
  voicemail: pollVoicemail,
  chat: pollChat,
  history: pollHistory,
}
