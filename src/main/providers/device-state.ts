/**
 * Asterisk's device states (`ast_device_state`), as the PBXCloud and jade APIs both
 * pass them through, and the lamp each one lights.
 */
import type { PresenceState } from '../../shared/model'

export const asteriskDeviceStates: ReadonlyMap<string, PresenceState> = new Map<
  string,
  PresenceState
>([
  ['NOT_INUSE', 'available'],
  ['INUSE', 'busy'],
  ['BUSY', 'busy'],
  ['RINGING', 'ringing'],
  ['RINGINUSE', 'busy'],
  ['ONHOLD', 'on_hold'],
  ['UNAVAILABLE', 'offline'],
  ['INVALID', 'offline'],
  ['UNKNOWN', 'unknown'],
])
