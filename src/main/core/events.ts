/** A typed event hub: the core emits contract events; transports forward them. */
import type { EventName, EventPayloads } from '../../shared/ipc'

export type CoreEvent = { [E in EventName]: { name: E; payload: EventPayloads[E] } }[EventName]
export type CoreEventListener = (event: CoreEvent) => void

export class EventHub {
  private readonly listeners = new Set<CoreEventListener>()

  /** `onFailure` hears a listener that threw; the other listeners still get the event. */
  constructor(private readonly onFailure: (error: unknown) => void = () => {}) {}

  on(listener: CoreEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    const event = { name, payload } as CoreEvent
    for (const listener of [...this.listeners]) {
      try {
        listener(event)
      } catch (error) {
        this.onFailure(error)
      }
    }
  }

  get size(): number {
    return this.listeners.size
  }
}
