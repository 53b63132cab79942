/**
 * REST ver1.0 voicemail. Seed 002 documents one voicemail file by its uuid; it
 * documents no voicemail list and no way to delete or mark a voicemail: those
 * are probed (offers.ts) and switched off for the session on 404/405.
 */
import type { Voicemail } from '../../../shared/model'
import type { Offers } from '../offers'
import type { MediaFile } from '../provider'
import type { RestV1Client } from './client'
import { audioFile, extensionPath } from './media'
import { voicemailFrom, type Own } from './normalise'
import { parseVoicemails } from './parse'

const VOICEMAIL = ['voicemail', 'voicemail_delete', 'voicemail_mark_heard'] as const

export class RestV1Voicemail {
  constructor(
    private readonly client: RestV1Client,
    private readonly offers: Offers,
    private readonly now: () => number,
  ) {}

  /** Probed: no document lists voicemail. */
  async voicemails(own: Own): Promise<Voicemail[]> {
    return this.offers.probe('voicemail', VOICEMAIL, async () => {
      const response = await this.client.request({ path: `${extensionPath(own)}/voicemail/` })
      return voicemailFrom(parseVoicemails(response.text()), own, this.now())
    })
  }

  private voicemailPath(own: Own, voicemail: Voicemail): string {
    return `${extensionPath(own)}/voicemail/${encodeURIComponent(voicemail.id)}`
  }

  /** Seed 002: `GET /extension/{id}/voicemail/{record_uuid}`. */
  async voicemailAudio(own: Own, voicemail: Voicemail): Promise<MediaFile> {
    return audioFile(this.client, this.voicemailPath(own, voicemail), 'audio for this message')
  }

  /** Probed: the seed has no DELETE for voicemail. */
  async deleteVoicemail(own: Own, voicemail: Voicemail): Promise<void> {
    await this.offers.probe('voicemail_delete', ['voicemail_delete'], () =>
      this.client.request({ method: 'DELETE', path: this.voicemailPath(own, voicemail) }),
    )
  }

  /** Probed: the seed has no PUT for voicemail. */
  async markVoicemailHeard(own: Own, voicemail: Voicemail): Promise<void> {
    await this.offers.probe('voicemail_mark_heard', ['voicemail_mark_heard'], () =>
      this.client.request({
        method: 'PUT',
        path: this.voicemailPath(own, voicemail),
        json: { read: true },
      }),
    )
  }
}
