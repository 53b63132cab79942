/**
 * The PbxProvider interface: one implementation per dialect. Besides signing in
 * and its request accounting, a provider implements any subset of the FACETS in
 * facets.ts (calls, presence, call control, parking, queues, voicemail, history,
 * contacts, chat, flows, push); its `capabilities` are derived from the methods it
 * has (`deriveCapabilities`), and shrink when a probe finds a feature missing
 * (offers.ts). The core asks for a facet's method through `need()`.
 * No electron import, nothing from core/: providers know nothing of sessions.
 */
import type { Capability, Dialect } from '../../shared/model'
import type { Facets } from './facets'
import type { CapabilityListener } from './offers'

export type {
  DialOptions,
  MediaFile,
  PushEvents,
  PushKind,
  PushListener,
  FacetMethods,
  Facets,
} from './facets'
export { callElsewhere } from './call-elsewhere'

/** Who the credentials belong to, as the PBX says at sign-in. */
export interface Identity {
  ownExtension: string
  displayName?: string
  /** Facts worth showing in "Test connection" (tenant name, user login, …). */
  details?: Record<string, string>
  /** PBXCloud: the tenant's phone books, for the account form's pick list. */
  phonebooks?: string[]
}

/**
 * Request accounting the session's scheduler reads: how many HTTP requests this
 * provider made, and what the server said about its budget (rate-limit headers).
 */
export interface RequestStats {
  requests: number
  rateLimit?: { limit: number; remaining: number; resetAt: number }
}

export interface ProviderCore {
  readonly dialect: Dialect
  readonly accountId: string
  /** Derived from the facets present (facets.ts), less what probes withdrew. */
  readonly capabilities: ReadonlySet<Capability>
  readonly stats: RequestStats
  /**
   * How many times the user's per-minute request budget this PBX's polling needs
   * (default 1). A dialect whose API forces one request per phone for presence,
   * and whose server documents no rate limit, may ask for more.
   */
  readonly budgetScale?: number

  /** Prove the credentials; tell wrong credentials from no network. */
  signIn(): Promise<Identity>

  /** Release sockets and timers. */
  close(): Promise<void>

  /**
   * Optional: told when the PBX turned out not to offer something that was
   * probed (offers.ts); `capabilities` already reflects it. Returns the
   * unsubscribe function.
   */
  onCapabilitiesChanged?(listener: CapabilityListener): () => void
}

export type PbxProvider = ProviderCore & Facets

/** What every dialect shares: the account id, request accounting and a close that does nothing. */
export abstract class BaseProvider implements ProviderCore {
  abstract readonly dialect: Dialect
  abstract readonly capabilities: ReadonlySet<Capability>
  readonly stats: RequestStats = { requests: 0 }

  constructor(readonly accountId: string) {}

  abstract signIn(): Promise<Identity>

  async close(): Promise<void> {}
}
