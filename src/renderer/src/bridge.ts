/**
 * The only renderer file that touches `window.switchboard`. It resolves the bridge
 * lazily and says clearly when the preload (or the browser shim) did not load.
 */
import { onUnmounted } from 'vue'
import type {
  EventName,
  EventPayloads,
  InvokeArgs,
  RequestChannel,
  RequestResult,
  SwitchboardApi,
} from '../../shared/ipc'
import type { Result } from '../../shared/result'

export class BridgeMissingError extends Error {
  constructor() {
    super('The connection to the Switchboard core is missing (the preload did not load).')
    this.name = 'BridgeMissingError'
  }
}

function api(): SwitchboardApi {
  const bridge = window.switchboard
  if (!bridge) throw new BridgeMissingError()
  return bridge
}

export function hasBridge(): boolean {
  return window.switchboard !== undefined
}

export async function invoke<C extends RequestChannel>(
  channel: C,
  ...args: InvokeArgs<C>
): Promise<Result<RequestResult<C>>> {
  try {
    return await api().invoke(channel, ...args)
  } catch (error) {
    const message =
      error instanceof BridgeMissingError ? error.message : 'The Switchboard core did not answer.'
    return { ok: false, error: { kind: 'internal', message } }
  }
}

export function onEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
): () => void {
  return api().on(event, listener)
}

/** Subscribe to a pushed event for the lifetime of the calling component. */
export function useBridgeEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
): void {
  const off = onEvent(event, listener)
  onUnmounted(off)
}

/**
 * Where <audio> fetches a voicemail or recording: the app's media protocol in
 * Electron, the bridge's media route in a browser (its token in the query, since
 * an audio element cannot send headers).
 */
export function mediaUrl(
  shell: 'electron' | 'browser',
  accountId: string,
  kind: 'voicemail' | 'recording',
  id: string,
): string {
  const path = `${encodeURIComponent(accountId)}/${kind}/${encodeURIComponent(id)}`
  if (shell === 'electron') return `switchboard-media://${path}`
  const token = sessionStorage.getItem('switchboard-bridge-token') ?? ''
  return `/__bridge/media/${path}?token=${encodeURIComponent(token)}`
}
