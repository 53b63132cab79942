/**
 * REST ver1.0 call history: records per extension (`/extension/{id}/record/`,
 * seed 002, a window of at most two calendar months, R7) and their downloads.
 */
import type { SeenOnce } from '../../../shared/seen-once'
import type { CallRecord } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import type { MediaFile } from '../provider'
import type { RestV1Client } from './client'
import { audioFile, extensionPath } from './media'
import { historyFrom, type Directory, type Own } from './normalise'
import { formatGmt, parseRecords, type RecordRow } from './parse'

/** The first instant (epoch ms, UTC) of the calendar month after the one `ms` falls in. */
function nextMonth(ms: number): number {
  const d = new Date(ms)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
}

export class RestV1History {
  constructor(private readonly client: RestV1Client) {}

  /** Seed 002: `GET /extension/{id}/record/{record_uuid}/download/`, from the agent's extension. */
  async recording(own: Own, recordingId: string): Promise<MediaFile> {
    if (!recordingId) throw new AppError('not_found', 'This call was not recorded.')
    const path = `${extensionPath(own)}/record/${encodeURIComponent(recordingId)}/download/`
    return audioFile(this.client, path, 'recording of this call')
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
    rangHere: Pick<SeenOnce, 'has'>,
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
      rows.push(...(await this.client.pages(`${extensionPath(own)}/record/`, query, parseRecords)))
      start = windowEnd
    }
    // Records carry whole seconds: a call in the same second as `since` belongs to the range.
    return historyFrom(rows, own, rangHere, directory).filter(
      (record) => record.startedAt > since - 1000 && record.startedAt <= until,
    )
  }
}
