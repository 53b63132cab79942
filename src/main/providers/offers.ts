/**
 * "Probe, then offer": a feature whose request no document names is tried once;
 * if the server answers that it has no such thing (404/405), the capabilities it
 * served are switched off for this provider (one account, one session), every
 * listener hears the new set, and later calls fail at once with `not_offered`
 * without asking the server again. Any dialect can use it: a provider keeps one
 * `Offers`, returns `offers.capabilities` as its `capabilities`, wraps each
 * undocumented request in `offers.probe(...)`, and forwards `onCapabilitiesChanged`.
 */
import type { Capability } from '../../shared/model'
import { AppError, isAppError } from '../../shared/result'

/** What changed: the capabilities left, and what was switched off because of which feature. */
export interface CapabilityChange {
  capabilities: ReadonlySet<Capability>
  withdrawn: Capability[]
  /** The feature the PBX turned out not to offer (a capability name, for the UI's words). */
  feature: string
}

export type CapabilityListener = (change: CapabilityChange) => void

/**
 * The error of a feature this PBX does not offer: kind `unsupported` (the session
 * stops polling it), code `not_offered` with `{ feature }` for the window's words.
 */
export function notOffered(feature: string): AppError {
  return new AppError(
    'unsupported',
    `This PBX does not offer ${feature.replace(/_/g, ' ')}.`,
    undefined,
    {
      code: 'not_offered',
      params: { feature },
    },
  )
}

/**
 * The default reading of "the server has no such endpoint": the typed errors a
 * dialect's client makes of 404 (`not_found`) and 405 (`unsupported`). A dialect
 * whose server says it otherwise passes its own test.
 */
export function isAbsentAnswer(error: unknown): boolean {
  return isAppError(error) && (error.kind === 'not_found' || error.kind === 'unsupported')
}

export class Offers {
  private readonly live: Set<Capability>
  private readonly off = new Set<string>()
  private readonly listeners = new Set<CapabilityListener>()

  constructor(
    declared: Iterable<Capability>,
    private readonly isAbsent: (error: unknown) => boolean = isAbsentAnswer,
  ) {
    this.live = new Set(declared)
  }

  /** The capabilities still offered; the same set object for the provider's whole life. */
  get capabilities(): ReadonlySet<Capability> {
    return this.live
  }

  /** Whether `feature` was probed and found missing. */
  refused(feature: string): boolean {
    return this.off.has(feature)
  }

  onChange(listener: CapabilityListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Runs the request of an undocumented `feature`. An answer that says the
   * server has no such thing switches `capabilities` off and throws
   * `not_offered`; once switched off, throws `not_offered` without running.
   * Any other failure (network, auth, 5xx) passes through and decides nothing.
   */
  async probe<T>(
    feature: string,
    capabilities: readonly Capability[],
    run: () => Promise<T>,
  ): Promise<T> {
    if (this.off.has(feature)) throw notOffered(feature)
    try {
      return await run()
    } catch (error) {
      if (!this.isAbsent(error)) throw error
      this.withdraw(feature, capabilities)
      throw notOffered(feature)
    }
  }

  /** Switches `capabilities` off because the PBX does not offer `feature`. */
  withdraw(feature: string, capabilities: readonly Capability[]): void {
    this.off.add(feature)
    const withdrawn = capabilities.filter((c) => this.live.delete(c))
    if (withdrawn.length === 0) return
    const change: CapabilityChange = { capabilities: this.live, withdrawn, feature }
    for (const listener of this.listeners) {
      try {
        listener(change)
      } catch {
        // A listener's failure must not turn a not-offered answer into another error.
      }
    }
  }
}
