/**
 * Binds the IPC contract to handlers, independent of the transport: Electron's
 * ipcMain (src/main/ipc.ts) and the browser bridge's WebSocket (src/web) both
 * call the same dispatcher, so both enforce the same rules.
 *
 * A channel not in the contract, or an argument its schema rejects, returns a
 * typed error; a handler's exception becomes an `err()` envelope. Nothing thrown
 * crosses the boundary.
 */
import { z } from 'zod'
import {
  requestSchemas,
  type ParsedArg,
  type RequestArg,
  type RequestChannel,
  type RequestResult,
} from '../../../shared/ipc'
import { redact } from '../../../shared/redact'
import {
  AppError,
  err,
  isAppError,
  ok,
  type ErrorDetail,
  type Result,
} from '../../../shared/result'
import type { Logger } from '../../log'

export type Handlers = {
  [C in RequestChannel]: (arg: ParsedArg<C>) => Promise<RequestResult<C>> | RequestResult<C>
}

/**
 * The contract's one entry, for the transports (ipc.ts, src/web): a channel the
 * contract names, with its argument, answers that channel's result; anything
 * else (what arrives over IPC) is checked here and answers `unknown`.
 */
export interface Dispatch {
  <C extends RequestChannel>(channel: C, arg: RequestArg<C>): Promise<Result<RequestResult<C>>>
  (channel: unknown, arg: unknown): Promise<Result<unknown>>
}

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && Object.hasOwn(requestSchemas, value)
}

/** A one-line description of what was wrong with an argument, without echoing it. */
export function describeIssues(error: z.ZodError): string {
  const first = error.issues[0]
  if (!first) return 'the argument is not valid'
  const where = first.path.length ? first.path.join('.') : 'argument'
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : ''
  return `${where}: ${first.message}${more}`
}

/** A schema refusal that names its code (`[invalid_argument.url_query] …`, account-config.ts). */
function issueCode(error: z.ZodError): ErrorDetail | undefined {
  const first = error.issues[0]
  const code = first?.message.match(/^\[(invalid_argument\.[a-z_.]+)\]/)?.[1]
  if (!first || !code) return undefined
  return { code, params: { field: first.path.join('.') } }
}

export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  // The handler of a checked channel returns that channel's result (`Handlers`).
  const dispatch = async (channel: unknown, arg: unknown): Promise<Result<unknown>> => {
    if (!isRequestChannel(channel)) {
      const name = typeof channel === 'string' ? channel.slice(0, 60) : typeof channel
      log.warn(`rejected a request on unknown channel ${JSON.stringify(name)}`)
      return err('invalid_argument', 'Unknown request channel.')
    }
    const parsed = requestSchemas[channel].safeParse(arg)
    if (!parsed.success) {
      const message = `Invalid argument for ${channel}: ${describeIssues(parsed.error).replace(/\[[a-z_.]+\] /, '')}`
      const detail = issueCode(parsed.error)
      return {
        ok: false,
        error: new AppError('invalid_argument', message, undefined, detail).toShape(),
      }
    }
    const handler = handlers[channel] as (a: unknown) => Promise<unknown> | unknown
    try {
      return ok(await handler(parsed.data))
    } catch (error) {
      if (isAppError(error)) {
        // Defence in depth: a provider's message is redacted where it is made, and again here.
        return { ok: false, error: { ...error.toShape(), message: redact(error.message) } }
      }
      log.error(`handler for ${channel} failed`, error)
      return err('internal', 'Something went wrong inside Switchboard; the details are in the log.')
    }
  }
  return dispatch as Dispatch
}
