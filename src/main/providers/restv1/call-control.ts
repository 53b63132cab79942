/**
 * Acting on live calls in REST ver1.0: click-to-dial through `callback/`, and
 * `PUT`/`DELETE …/current_calls/{call_api_id}` or `valet_park/` from the
 * agent's own extension. Destinations are checked before anything is sent.
 */
import type { Call, ParkedCall } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import type { DialOptions } from '../provider'
import type { Own } from './normalise'
import { parseCallback } from './parse'
import { pathId } from './validate'
import type { RestV1Client } from './client'

const DIALABLE = /^[0-9+*#]{1,32}$/
const CALL_API_ID = /^[A-Za-z0-9._:-]{1,200}$/

export type CallAction = 'transfer' | 'attended_transfer' | 'hold' | 'offhold' | 'park' | 'pickup'

export function dialable(number: string): string {
  const clean = number.trim()
  if (!DIALABLE.test(clean))
    throw new AppError('invalid_argument', 'That is not a number the PBX can dial.')
  return clean
}

/** The call's `call_api_id`, path-safe; a call without one cannot be acted on. */
export function callApiIdOf(call: Pick<Call | ParkedCall, 'handle'>): string {
  const value = call.handle.callApiId
  if (!value || !CALL_API_ID.test(value) || /^\.+$/.test(value))
    throw new AppError(
      'invalid_argument',
      'This call can no longer be controlled (it has changed or ended).',
    )
  return encodeURIComponent(value)
}

export class RestV1CallControl {
  constructor(private readonly client: RestV1Client) {}

  /** Rings the agent's phone first, then dials `number`; the call id is the `call_api_id`. */
  async dial(own: Own, number: string, options: DialOptions): Promise<{ callId: string }> {
    const json: Record<string, unknown> = { src_num: [own.number], dst_num: dialable(number) }
    if (options.callerId) json.caller_id_number = dialable(options.callerId)
    const response = await this.client.request({
      method: 'POST',
      path: `/extension/${pathId(own.extensionId, 'extension id')}/callback/`,
      json,
    })
    return { callId: parseCallback(response.text()).callApiId }
  }

  async act(own: Own, call: Call, action: CallAction, destination?: string): Promise<void> {
    const json: Record<string, string> = { action }
    if (destination !== undefined) json.send_dst = dialable(destination)
    await this.client.request({
      method: 'PUT',
      path: `/extension/${pathId(own.extensionId, 'extension id')}/current_calls/${callApiIdOf(call)}`,
      json,
    })
  }

  /**
   * Answers at the agent's phone a call ringing at a colleague's: the request goes to
   * the colleague's entry (whose `call_api_id` it is) and names the agent's number
   * in `send_dst` (the Current Calls page: pickup calls the number in `send_dst`).
   */
  async pickupFor(own: Own, colleagueExtensionId: string, callApiId: string): Promise<void> {
    const ext = pathId(colleagueExtensionId, 'extension id')
    await this.client.request({
      method: 'PUT',
      path: `/extension/${ext}/current_calls/${callApiIdOf({ handle: { callApiId } })}`,
      json: { action: 'pickup', send_dst: dialable(own.number) },
    })
  }

  /** Ends the agent's side: rejects a ringing call for this phone, ends a talking one. */
  async hangup(own: Own, call: Call): Promise<void> {
    await this.client.request({
      method: 'DELETE',
      path: `/extension/${pathId(own.extensionId, 'extension id')}/current_calls/${callApiIdOf(call)}`,
    })
  }

  /** Connects a parked call to the agent's phone from its slot. */
  async bridge(own: Own, parked: ParkedCall): Promise<void> {
    const slot = Number(parked.handle.slot || parked.slot)
    if (!Number.isInteger(slot) || slot <= 0)
      throw new AppError('invalid_argument', 'This parked call has no slot the PBX knows.')
    await this.client.request({
      method: 'PUT',
      path: `/extension/${pathId(own.extensionId, 'extension id')}/valet_park/${callApiIdOf(parked)}`,
      json: { action: 'bridge', slot },
    })
  }
}
