/**
 * What REST ver1.0 keeps after a call, and the park slots. Seed 002 documents
 * records per extension (`/extension/{id}/record/`, a window of at most two
 * calendar months, R7) and their downloads, one voicemail file by its uuid, and
 * valet park's `action=slots`. It documents no voicemail list and no way to
 * delete or mark a voicemail: those are probed (offers.ts) and switched off
 * for the session when the PBX answers 404/405.
 */
import type { CallRecord, ParkedCall, Voicemail } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import { headerValue } from '../http'
import type { Offers } from '../offers'
import type { MediaFile } from '../provider'
import { historyFrom, parkedFrom, voicemailFrom, type Directory, type Own } from './normalise'
import { formatGmt, parseRecords, parseSlots, parseVoicemails, type RecordRow } from './parse'
import type { RestV1Client } from './restv1-client'
import { pathId } from './validate'

const MAX_MEDIA_BYTES = 50 * 1024 * 1024
const VOICEMAIL = ['voicemail', 'voicemail_delete', 'voicemail_mark_heard'] as const

/** The first instant (epoch ms, UTC) of the calendar month after the one `ms` falls in. */
function nextMonth(ms: number): number {
  const d = new Date(ms)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
}

export class RestV1Records {
  constructor(
    private readonly client: RestV1Client,
    private readonly offers: Offers,
    private readonly now: () => number,
  ) {}

  private base(own: Own): string {
    return `/extension/${pathId(own.extensionId, 'extension id')}`
  }

  /** Probed: no document lists voicemail. */
  async voicemails(own: Own): Promise<Voicemail[]> {
    return this.offers.probe('voicemail', VOICEMAIL, async () => {
      const response = await this.client.request({ path: `${this.base(own)}/voicemail/` })
      return voicemailFrom(parseVoicemails(response.text()), own, this.now())
    })
  }

  private voicemailPath(own: Own, voicemail: Voicemail): string {
    return `${this.base(own)}/voicemail/${encodeURIComponent(voicemail.id)}`
  }

  /** Seed 002: `GET /extension/{id}/voicemail/{record_uuid}`. */
  async voicemailAudio(own: Own, voicemail: Voicemail): Promise<MediaFile> {
    return this.media(this.voicemailPath(own, voicemail), 'audio for this message')
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

  /** Seed 002: `GET /extension/{id}/record/{record_uuid}/download/`, from the agent's extension. */
  async recording(own: Own, recordingId: string): Promise<MediaFile> {
    if (!recordingId) throw new AppError('not_found', 'This call was not recorded.')
    const path = `${this.base(own)}/record/${encodeURIComponent(recordingId)}/download/`
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
   * The agent's extension's records (seed 002). A window may span at most two
   * calendar months (R7), so a range is walked in windows that end where the month
   * after the window's first ends: a week (History's range) is one window even
   * across a month's end. Half-open `[start, end)` windows (no call twice), each
   * window every page.
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
    const end = (Math.floor(until / 1000) + 1) * 1000
    for (let start = Math.floor(since / 1000) * 1000; start < end;) {
      const windowEnd = Math.min(nextMonth(nextMonth(start)), end)
      const query = [
        ['start_datetime', formatGmt(start)],
        ['end_datetime', formatGmt(windowEnd)],
        ['order', 'asc'],
      ] as const
      rows.push(...(await this.client.pages(`${this.base(own)}/record/`, query, parseRecords)))
      start = windowEnd
    }
    // Records carry whole seconds: a call in the same second as `since` belongs to the range.
    return historyFrom(rows, own, rangHere, directory).filter(
      (record) => record.startedAt > since - 1000 && record.startedAt <= until,
    )
  }

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
        path: `${this.base(own)}/valet_park/-`,
        json: { action: 'slots' },
      })
      return parkedFrom(parseSlots(response.text()), directory, accountId, this.now())
    })
  }
}
