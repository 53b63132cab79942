/**
 * A scripted PBX behind the real PbxProvider interface: tests set what each
 * snapshot returns (or queue a sequence of answers), inject failures, and read the
 * log of requests it received.
 */
import type {
  Call,
  CallRecord,
  Capability,
  ChatMessage,
  ChatRoom,
  ParkedCall,
  Presence,
  QueueMembership,
  Voicemail,
} from '../../src/shared/model'
import { BaseProvider, type DialOptions, type Identity } from '../../src/main/providers/provider'
import { AppError } from '../../src/shared/result'
import type { CallEvent, SessionEvent } from '../../src/main/core/session/events'

export const allPolled: Capability[] = [
  'calls',
  'presence',
  'parked_calls',
  'queues',
  'voicemail',
  'chat',
  'history',
  'dial',
  'hangup',
  'transfer',
  'attended_transfer',
  'hold',
  'pickup',
]

export interface FakeOptions {
  accountId?: string
  capabilities?: Capability[]
  ownExtension?: string
  now?: () => number
}

export class FakeProvider extends BaseProvider {
  readonly dialect = 'pbxcloud' as const
  readonly capabilities: ReadonlySet<Capability>
  readonly log: { method: string; at: number }[] = []
  ownExtension: string
  now: () => number

  currentCalls: Call[] = []
  private callAnswers: Call[][] = []
  presenceList: Presence[] = []
  parked: ParkedCall[] = []
  queueList: QueueMembership[] = []
  voicemailList: Voicemail[] = []
  rooms: ChatRoom[] = []
  messages: ChatMessage[] = []
  records: CallRecord[] = []
  actions: string[] = []

  /** Every request fails with this while set (offline, revoked credentials). */
  down: AppError | undefined
  private readonly failNext = new Map<string, AppError[]>()
  closed = false

  constructor(options: FakeOptions = {}) {
    super(options.accountId ?? 'acc1')
    this.capabilities = new Set(options.capabilities ?? allPolled)
    this.ownExtension = options.ownExtension ?? '201'
    this.now = options.now ?? Date.now
  }

  /** The next `calls()` answers, one per request; then `currentCalls` again. */
  queueCalls(...answers: Call[][]): void {
    this.callAnswers.push(...answers)
  }

  fail(method: string, error: AppError, times = 1): void {
    const list = this.failNext.get(method) ?? []
    for (let i = 0; i < times; i++) list.push(error)
    this.failNext.set(method, list)
  }

  count(method?: string): number {
    return method ? this.log.filter((entry) => entry.method === method).length : this.log.length
  }

  private request(method: string): void {
    this.stats.requests += 1
    const limit = this.stats.rateLimit
    // Like a real server: each request spends one from the window's budget.
    if (limit && limit.remaining > 0) limit.remaining -= 1
    this.log.push({ method, at: this.now() })
    if (this.down) throw this.down
    const queued = this.failNext.get(method)?.shift()
    if (queued) throw queued
  }

  override async signIn(): Promise<Identity> {
    this.request('signIn')
    return { ownExtension: this.ownExtension, displayName: 'Agent' }
  }

  async calls(): Promise<Call[]> {
    this.request('calls')
    const next = this.callAnswers.shift()
    if (next) return structuredClone(next)
    return structuredClone(this.currentCalls)
  }

  async presence(): Promise<Presence[]> {
    this.request('presence')
    return structuredClone(this.presenceList)
  }

  async parkedCalls(): Promise<ParkedCall[]> {
    this.request('parkedCalls')
    return structuredClone(this.parked)
  }

  async queues(): Promise<QueueMembership[]> {
    this.request('queues')
    return structuredClone(this.queueList)
  }

  async voicemails(): Promise<Voicemail[]> {
    this.request('voicemails')
    return structuredClone(this.voicemailList)
  }

  /** Like PBXCloud: the call succeeds, the PBX keeps nothing. */
  async markVoicemailHeard(_voicemail: Voicemail): Promise<void> {
    this.request('markVoicemailHeard')
  }

  async chatRooms(): Promise<ChatRoom[]> {
    this.request('chatRooms')
    return structuredClone(this.rooms)
  }

  async chatMessages(roomId: string): Promise<ChatMessage[]> {
    this.request('chatMessages')
    return structuredClone(this.messages.filter((message) => message.roomId === roomId))
  }

  async history(since: number, until: number): Promise<CallRecord[]> {
    this.request('history')
    return structuredClone(
      this.records.filter((record) => record.startedAt >= since && record.startedAt <= until),
    )
  }

  async dial(number: string, _options?: DialOptions): Promise<{ callId?: string }> {
    this.request('dial')
    this.actions.push(`dial ${number}`)
    return { callId: `out-${number}` }
  }

  async hangup(call: Call): Promise<void> {
    this.request('hangup')
    this.actions.push(`hangup ${call.id}`)
    this.currentCalls = this.currentCalls.filter((c) => c.id !== call.id)
  }

  async transfer(call: Call, destination: string): Promise<void> {
    this.request('transfer')
    this.actions.push(`transfer ${call.id} ${destination}`)
  }

  async hold(call: Call): Promise<void> {
    this.request('hold')
    this.actions.push(`hold ${call.id}`)
    this.currentCalls = this.currentCalls.map((c) =>
      c.id === call.id ? { ...c, state: 'held' } : c,
    )
  }

  async hangupParked(parked: ParkedCall): Promise<void> {
    this.request('hangupParked')
    this.actions.push(`hangupParked ${parked.id}`)
    this.parked = this.parked.filter((p) => p.id !== parked.id)
  }

  override async close(): Promise<void> {
    this.closed = true
  }
}

let seq = 0

/** A call as a provider would normalise it; by default inbound, ringing at 201. */
export function makeCall(partial: Partial<Call> & { id: string }): Call {
  return {
    accountId: 'acc1',
    direction: 'inbound',
    state: 'ringing',
    local: { number: '201', name: 'Agent' },
    remote: { number: '+4520000001', name: 'Customer' },
    startedAt: Date.UTC(2025, 0, 6, 9, 0, 0),
    handle: { channel: `SIP/201-${++seq}` },
    ...partial,
  }
}

export function makeRecord(partial: Partial<CallRecord> & { id: string }): CallRecord {
  return {
    accountId: 'acc1',
    direction: 'inbound',
    result: 'missed',
    from: { number: '+4520000009' },
    to: { number: '201' },
    startedAt: Date.UTC(2025, 0, 6, 9, 0, 0),
    durationSec: 0,
    ...partial,
  }
}

/** A call event in a few words, for tests that assert exact sequences. */
export function describeEvent(event: CallEvent): string {
  switch (event.type) {
    case 'call.ended':
      return `ended ${event.call.id} ${event.reason}`
    case 'call.missed':
      return `missed ${event.record.callId ?? event.record.id}${event.late ? ' late' : ''}`
    case 'call.transferred':
      return `transferred ${event.call.id} ${event.from.number}>${event.to.number}`
    default:
      return `${event.type.slice(5)} ${event.call.id}`
  }
}

export function callEvents(events: readonly SessionEvent[]): string[] {
  return events
    .filter(
      (event): event is CallEvent =>
        event.type.startsWith('call.') && event.type !== 'calls.changed',
    )
    .map(describeEvent)
}

/** A small seeded generator (mulberry32), so jitter is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
