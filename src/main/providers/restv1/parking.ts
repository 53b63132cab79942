/**
 * REST ver1.0 park slots, asked through valet park's documented `action=slots`
 * (seed 002); probed (offers.ts), since its answer is not documented.
 */
import type { ParkedCall } from '../../../shared/model'
import type { Offers } from '../offers'
import type { RestV1Client } from './client'
import { extensionPath } from './media'
import { parkedFrom, type Directory, type Own } from './normalise'
import { parseSlots } from './parse'

export class RestV1Parking {
  constructor(
    private readonly client: RestV1Client,
    private readonly offers: Offers,
    private readonly now: () => number,
  ) {}

  /**
   * Seed 002 lists no parked calls; `PUT …/valet_park/{call_api_id}` with
   * `action=slots` is the documented way to ask about slots. It needs a call id
   * in its path, and its answer is not documented: it is probed, read
   * tolerantly, and switched off when the PBX refuses it.
   */
  async parked(own: Own, directory: Directory, accountId: string): Promise<ParkedCall[]> {
    return this.offers.probe('parked_calls', ['parked_calls'], async () => {
      const response = await this.client.request({
        method: 'PUT',
        path: `${extensionPath(own)}/valet_park/-`,
        json: { action: 'slots' },
      })
      return parkedFrom(parseSlots(response.text()), directory, accountId, this.now())
    })
  }
}
