/**
 * The agent's call actions. Each goes through the session, which finds the call,
 * acts, and polls at once to confirm; numbers are parsed once more here.
 */
import type { Handlers } from '../app/dispatch'
import type { HandlerContext } from './context'

export type CallHandlers = Pick<
  Handlers,
  | 'call:dial'
  | 'call:hangup'
  | 'call:transfer'
  | 'call:hold'
  | 'call:pickupAt'
  | 'call:cancelTransfer'
  | 'call:park'
  | 'call:pickup'
  | 'call:hangupParked'
>

export function callHandlers(ctx: HandlerContext): CallHandlers {
  return {
    'call:dial': async ({ accountId, number }) => {
      const target = ctx.dialable(number)
      const result = await ctx.session(accountId).dial(target)
      return result.callId ? { number: target, callId: result.callId } : { number: target }
    },
    'call:hangup': async ({ accountId, callId }) => {
      await ctx.session(accountId).hangup(callId)
      return null
    },
    'call:transfer': async ({ accountId, callId, destination, attended }) => {
      const session = ctx.session(accountId)
      const target = ctx.dialable(destination)
      if (attended) await session.attendedTransfer(callId, target)
      else await session.transfer(callId, target)
      return null
    },
    'call:hold': async ({ accountId, callId, hold }) => {
      const session = ctx.session(accountId)
      if (hold) await session.hold(callId)
      else await session.resume(callId)
      return null
    },
    'call:pickupAt': async ({ accountId, extension }) => {
      await ctx.session(accountId).pickupAt(extension)
      return null
    },
    'call:cancelTransfer': async ({ accountId, callId }) => {
      await ctx.session(accountId).cancelTransfer(callId)
      return null
    },
    'call:park': async ({ accountId, callId }) => {
      await ctx.session(accountId).park(callId)
      return null
    },
    'call:pickup': async ({ accountId, callId }) => {
      await ctx.session(accountId).pickup(callId)
      return null
    },
    'call:hangupParked': async ({ accountId, callId }) => {
      await ctx.session(accountId).hangupParked(callId)
      return null
    },
  }
}
