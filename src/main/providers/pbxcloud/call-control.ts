/**
 * What the agent does to calls (seed 000: DIAL, HANGUP, TRANSFER, ATXTRANSFER;
 * DIAL's answer from seed 001 / PLATFORM-FACTS P7).
 */
import type { Call } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import type { DialOptions } from '../provider'
import type { PbxCloudClient } from './client'
import type { Own } from './normalise'

const DIALABLE = /^[0-9+*#]{1,32}$/

export function dialable(number: string): string {
  const clean = number.trim()
  if (!DIALABLE.test(clean))
    throw new AppError('invalid_argument', 'That is not a number the PBX can dial.')
  return clean
}

function handleOf(call: Call, name: string): string {
  const value = call.handle[name]
  if (!value)
    throw new AppError(
      'invalid_argument',
      'This call can no longer be controlled (it has changed or ended).',
    )
  return value
}

export class CallActions {
  constructor(
    private readonly client: PbxCloudClient,
    private readonly own: Own,
  ) {}

  async dial(number: string, options: DialOptions = {}): Promise<{ callId?: string }> {
    const params: Record<string, string> = {
      source: this.own.number,
      dest: dialable(number),
      account: this.own.account,
    }
    if (options.callerId) params.destclid = dialable(options.callerId)
    const [, id] = await this.client.action('DIAL', params)
    return id ? { callId: id } : {}
  }

  async hangup(call: Call): Promise<void> {
    await this.client.action('HANGUP', { channel: handleOf(call, 'channel') })
  }

  async transfer(call: Call, destination: string): Promise<void> {
    // A blind transfer redirects the other party's channel to the destination.
    await this.client.action('TRANSFER', {
      channel: handleOf(call, 'remoteChannel'),
      dest: dialable(destination),
    })
  }

  async attendedTransfer(call: Call, destination: string): Promise<void> {
    // An attended transfer is started from the agent's own channel.
    await this.client.action('ATXTRANSFER', {
      channel: handleOf(call, 'channel'),
      dest: dialable(destination),
    })
  }

  /** Hanging up the colleague's side ends the consultation; the PBX resumes the caller. */
  async cancelAttendedTransfer(consultation: Call, _original: Call): Promise<void> {
    await this.client.action('HANGUP', { channel: handleOf(consultation, 'remoteChannel') })
  }
}
