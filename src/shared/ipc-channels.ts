/**
 * The Electron IPC channel names and the list of pushed events, in a file of
 * their own so the sandboxed preload can import them without pulling in zod.
 */

/** Every request travels over this one channel as (channel, argument). */
export const IPC_INVOKE = 'switchboard:invoke'
/** Every pushed event travels over this one channel as (event, payload). */
export const IPC_EVENT = 'switchboard:event'

export const eventNames = [
  'accounts:changed',
  'status:changed',
  'presence:changed',
  'calls:changed',
  'call:event',
  'call:missed',
  'missed:changed',
  'parked:changed',
  'queues:changed',
  'voicemail:changed',
  'voicemail:new',
  'flows:changed',
  'capabilities:changed',
  'settings:changed',
  'chat:message',
  'dial:request',
  'contact:show',
  'notice',
  'update:ready',
] as const
