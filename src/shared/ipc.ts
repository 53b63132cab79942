/**
 * THE contract between main and renderer. Every request channel has one argument
 * schema (validated in main at run time) and one result type; every pushed event
 * has one payload type. Preload, bridge and handlers are all typed from here.
 */
import { z } from 'zod'
import type { AccountSummary, AppInfo } from './model'
import type { Result } from './result'
import { eventNames } from './ipc-channels'

const noArgument = z.undefined()

/** One schema per request channel: the argument main accepts, checked before any handler runs. */
export const requestSchemas = {
  'app:info': noArgument,
  'accounts:list': noArgument,
  'state:snapshot': noArgument,
} as const satisfies Record<string, z.ZodType>

export type RequestChannel = keyof typeof requestSchemas
export type RequestArg<C extends RequestChannel> = z.input<(typeof requestSchemas)[C]>
export type ParsedArg<C extends RequestChannel> = z.output<(typeof requestSchemas)[C]>

/** The whole picture a (re)loading window starts from; deltas follow as events. */
export interface StateSnapshot {
  accounts: AccountSummary[]
}

export interface RequestResults {
  'app:info': AppInfo
  'accounts:list': AccountSummary[]
  'state:snapshot': StateSnapshot
}

export type RequestResult<C extends RequestChannel> = RequestResults[C]

/** Events main pushes to every window. */
export interface EventPayloads {
  'accounts:changed': AccountSummary[]
}

export type EventName = keyof EventPayloads

/** Invoke arguments: channels without an argument take none. */
export type InvokeArgs<C extends RequestChannel> =
  undefined extends RequestArg<C> ? [arg?: RequestArg<C>] : [arg: RequestArg<C>]

/** `window.switchboard`: exactly this, in Electron (preload) and in the browser bridge (shim). */
export interface SwitchboardApi {
  invoke<C extends RequestChannel>(
    channel: C,
    ...args: InvokeArgs<C>
  ): Promise<Result<RequestResult<C>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}

export { IPC_EVENT, IPC_INVOKE, eventNames } from './ipc-channels'

// Compile-time guard: every channel has a result type and every result type a channel.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const contractIsComplete: Exact<keyof RequestResults, RequestChannel> = true
const eventsAreListed: Exact<(typeof eventNames)[number], EventName> = true
void contractIsComplete
void eventsAreListed
