/**
 * What REST ver1.0 keeps after a call: history, recordings, voicemail, and the
 * two chat operations the seed offers (mark read, delete). The seed has no
 * voicemail list and no mark-heard or delete for voicemail; those follow
 * docs/dialects/restv1.md's choices and answer `not_found` where a server lacks them.
 */
import type { CallRecord, Voicemail } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import { headerValue } from '../http'
import type { MediaFile } from '../provider'
import { historyFrom, voicemailFrom, type Directory, type Own } from './normalise'
import { formatGmt, parseRecords, parseVoicemails, type RecordRow } from './parse'
import type { RestV1Client } from './restv1-client'

/** The API answers at most this much per history request. */
const WINDOW_SEC = 86_400
const MAX_MEDIA_BYTES = 50 * 1024 * 1024

export class RestV1Records {
  constructor(
    private readonly client: RestV1Client,
    private readonly now: () => number,
  ) {}

  async voicemails(own: Own): Promise<Voicemail[]> {
    const response = await this.client.request({ path: `/extension/${own.extensionId}/voicemail/` })
    return voicemailFrom(parseVoicemails(response.text()), own, this.now())
  }

  private voicemailPath(own: Own, voicemail: Voicemail): string {
    return `/extension/${own.extensionId}/voicemail/${encodeURIComponent(voicemail.id)}`
  }

  async voicemailAudio(own: Own, voicemail: Voicemail): Promise<MediaFile> {
    return this.media(this.voicemailPath(own, voicemail), 'audio for this message')
  }

  async deleteVoicemail(own: Own, voicemail: Voicemail): Promise<void> {
    await this.client.request({ method: 'DELETE', path: this.voicemailPath(own, voicemail) })
  }

  async markVoicemailHeard(own: Own, voicemail: Voicemail): Promise<void> {
    await this.client.request({
      method: 'PUT',
      path: this.voicemailPath(own, voicemail),
      json: { read: true },
    })
  }

  async recording(recordingId: string): Promise<MediaFile> {
    if (!recordingId) throw new AppError('not_found', 'This call was not recorded.')
    // Client level: a recording of a call that was transferred away is still the office's.
    const path = `/client/@me/record/${encodeURIComponent(recordingId)}/download/`
    return this.media(path, 'recording of this call')
  }

  private async media(path: string, what: string): Promise<MediaFile> {
    const response = await this.client.request({ path, maxBytes: MAX_MEDIA_BYTES })
    const type = (headerValue(response.headers, 'content-type') ?? '').split(';')[0]?.trim() ?? ''
    if (response.body.length === 0) throw new AppError('not_found', `The PBX has no ${what}.`)
    if (!/^audio\//i.test(type))
      throw new AppError(
        'bad_response',
        `The PBX API sent something other than audio for the ${what}.`,
      )
    return { contentType: type, data: response.body }
  }

  /**
   * Windows are half-open `[start, end)` and at most 24 hours, so a longer range
   * walks consecutive windows (no call twice), each window every page.
   */
  async history(
    own: Own,
    directory: Directory,
    rangHere: ReadonlySet<string>,
    since: number,
    until: number,
  ): Promise<CallRecord[]> {
    if (!(until >= since)) throw new AppError('invalid_argument', 'The history range is empty.')
    const rows: RecordRow[] = []
    const end = Math.floor(until / 1000) + 1
    for (let start = Math.floor(since / 1000); start < end; start += WINDOW_SEC) {
      const query = [
        ['start_datetime', formatGmt(start * 1000)],
        ['end_datetime', formatGmt(Math.min(start + WINDOW_SEC, end) * 1000)],
        ['order', 'asc'],
      ] as const
      rows.push(...(await this.client.pages('/client/@me/call_history/', query, parseRecords)))
    }
    // Records carry whole seconds: a call in the same second as `since` belongs to the range.
    return historyFrom(rows, own, rangHere, directory).filter(
      (record) => record.startedAt > since - 1000 && record.startedAt <= until,
    )
  }

  private chatPath(own: Own, chatId: string): string {
    return `/extension/${own.extensionId}/chat/${encodeURIComponent(chatId)}/messages/`
  }

  async markChatRead(own: Own, chatId: string): Promise<void> {
    await this.client.request({
      method: 'PUT',
      path: this.chatPath(own, chatId),
      json: { read: true },
    })
  }

  async deleteChatMessages(own: Own, chatId: string): Promise<void> {
    await this.client.request({ method: 'DELETE', path: this.chatPath(own, chatId) })
  }
}
