/**
 * One simulated PBX: tenants and everything they own, the ids Asterisk would
 * hand out, an event stream and the ground-truth log. The operations live in
 * small services (`calls`, `queues`, `voicemail`, …) that every face shares,
 * so a REST or jade face added later sees exactly the same office.
 */
import { createHash } from 'node:crypto'
import type { Clock } from './clock'
import { CallEngine } from './call-engine'
import { ChatService, PhonebookService, VoicemailService } from './directory'
import type {
  Cdr,
  ChatMessage,
  ChatRoom,
  Extension,
  Flow,
  Mailbox,
  PbxEvent,
  PhonebookEntry,
  Queue,
  SimCall,
  Tenant,
  TruthEntry,
} from './pbx-types'
import { PbxError } from './pbx-error'
import { QueueService } from './queues'

export interface TenantData {
  tenant: Tenant
  extensions: Map<string, Extension>
  queues: Map<string, Queue>
  mailboxes: Map<string, Mailbox>
  phonebooks: Map<string, PhonebookEntry[]>
  flows: Map<string, Flow>
  chatRooms: Map<string, ChatRoom>
  chatMessages: ChatMessage[]
  /** Calls not yet ended, in the order they started. */
  calls: Map<string, SimCall>
  cdrs: Cdr[]
}

export type ExtensionInput = Pick<Extension, 'number' | 'name'> & Partial<Extension>

export { PbxError }

export class PbxState {
  readonly calls: CallEngine
  readonly queues: QueueService
  readonly voicemail: VoicemailService
  readonly phonebook: PhonebookService
  readonly chat: ChatService
  /** Park slots, as Asterisk's default parking lot numbers them. */
  readonly parkSlots: readonly string[] = Array.from({ length: 20 }, (_, i) => String(701 + i))

  private readonly tenants = new Map<string, TenantData>()
  private readonly truthLog: TruthEntry[] = []
  private readonly truthIndex = new Map<string, TruthEntry>()
  private readonly listeners = new Set<(event: PbxEvent) => void>()
  private seq = 0x12
  private apiDepth = 0
  private idSeq = 0

  constructor(
    readonly clock: Clock,
    readonly seed = 1,
  ) {
    this.calls = new CallEngine(this)
    this.queues = new QueueService(this)
    this.voicemail = new VoicemailService(this)
    this.phonebook = new PhonebookService(this)
    this.chat = new ChatService(this)
  }

  // --- tenants and extensions ---------------------------------------------

  addTenant(tenant: Tenant): TenantData {
    const data: TenantData = {
      tenant,
      extensions: new Map(),
      queues: new Map(),
      mailboxes: new Map(),
      phonebooks: new Map(),
      flows: new Map(),
      chatRooms: new Map(),
      chatMessages: [],
      calls: new Map(),
      cdrs: [],
    }
    this.tenants.set(tenant.code.toUpperCase(), data)
    return data
  }

  tenant(code: string): TenantData | undefined {
    return this.tenants.get(code.toUpperCase())
  }

  /** Throws when the tenant does not exist: a programming error in a scenario. */
  mustTenant(code: string): TenantData {
    const data = this.tenant(code)
    if (!data) throw new PbxError(`no tenant ${code}`)
    return data
  }

  tenantList(): TenantData[] {
    return [...this.tenants.values()]
  }

  addExtension(tenantCode: string, input: ExtensionInput): Extension {
    const data = this.mustTenant(tenantCode)
    const n = data.extensions.size
    const ext: Extension = {
      username: `${input.number}-${data.tenant.code}`,
      sipPassword: this.token(`sip:${tenantCode}:${input.number}`, 12),
      registered: true,
      dnd: false,
      email: '',
      host: `10.20.0.${11 + n}`,
      useragent: 'Yealink SIP-T46U 108.86.0.45',
      latencyMs: 8 + ((n * 7) % 30),
      ...input,
    }
    data.extensions.set(ext.number, ext)
    this.emit({ tenant: data.tenant.code, type: 'extension', extension: ext })
    return ext
  }

  extension(tenantCode: string, number: string): Extension | undefined {
    return this.tenant(tenantCode)?.extensions.get(number)
  }

  /** By SIP username (`201-DEMO`, case-insensitive) or by number. */
  extensionByUsername(tenantCode: string, username: string): Extension | undefined {
    const data = this.tenant(tenantCode)
    if (!data) return undefined
    const wanted = username.toLowerCase()
    for (const ext of data.extensions.values()) {
      if (ext.username.toLowerCase() === wanted || ext.number === username) return ext
    }
    return undefined
  }

  setRegistered(tenantCode: string, number: string, registered: boolean): void {
    this.updateExtension(tenantCode, number, (ext) => (ext.registered = registered))
  }

  setDnd(tenantCode: string, number: string, dnd: boolean): void {
    this.updateExtension(tenantCode, number, (ext) => (ext.dnd = dnd))
  }

  private updateExtension(
    tenantCode: string,
    number: string,
    change: (e: Extension) => void,
  ): void {
    const ext = this.extension(tenantCode, number)
    if (!ext) throw new PbxError(`no extension ${number}`)
    change(ext)
    this.emit({ tenant: tenantCode, type: 'extension', extension: ext })
  }

  // --- flows ----------------------------------------------------------------

  addFlow(tenantCode: string, flow: Flow): Flow {
    this.mustTenant(tenantCode).flows.set(flow.number, flow)
    return flow
  }

  setFlow(tenantCode: string, number: string, state: Flow['state']): Flow {
    const flow = this.tenant(tenantCode)?.flows.get(number)
    if (!flow) throw new PbxError('Flow not found')
    flow.state = state
    this.emit({ tenant: tenantCode, type: 'flow', flow })
    return flow
  }

  // --- ids --------------------------------------------------------------------

  /** The next Asterisk channel suffix and uniqueid, from one sequence. */
  nextChannelIds(): { suffix: string; uniqueId: string } {
    const n = this.seq++
    return {
      suffix: n.toString(16).padStart(8, '0'),
      uniqueId: `${Math.floor(this.clock.now() / 1000)}.${n}`,
    }
  }

  /** A short counter, for ids that need no Asterisk shape (peid, chat ids). */
  nextId(): number {
    return ++this.idSeq
  }

  /** Deterministic hex token for a given label (originate ids, SIP passwords, keys). */
  token(label: string, length: number): string {
    return createHash('sha256').update(`${this.seed}:${label}`).digest('hex').slice(0, length)
  }

  /**
   * Runs a face's action so the events it causes say `viaApi`: the scenario's
   * autopilot plays the far side only of what the app asked for.
   */
  asApi<T>(action: () => T): T {
    this.apiDepth++
    try {
      return action()
    } finally {
      this.apiDepth--
    }
  }

  get viaApi(): boolean {
    return this.apiDepth > 0
  }

  // --- events and ground truth ---------------------------------------------

  subscribe(listener: (event: PbxEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(event: PbxEvent): void {
    for (const listener of [...this.listeners]) listener(event)
  }

  /** Every call the simulator has made, in start order. */
  truth(): readonly TruthEntry[] {
    return this.truthLog
  }

  recordTruth(entry: TruthEntry): void {
    this.truthLog.push(entry)
    this.truthIndex.set(entry.id, entry)
  }

  truthOf(callId: string): TruthEntry | undefined {
    return this.truthIndex.get(callId)
  }
}
