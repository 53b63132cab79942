/**
 * PBXCloud's call history (seed 000: INFO cdrs) and its recordings (INFO
 * recording, by a CDR uniqueid or an OriginateID).
 */
import type { CallRecord } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import type { MediaFile } from '../provider'
import type { PbxCloudClient } from './client'
import { historyFromCdrs, type Own } from './normalise'
import { formatDateTime } from './parse'

export async function readRecording(
  client: PbxCloudClient,
  recordingId: string,
): Promise<MediaFile> {
  if (!recordingId) throw new AppError('not_found', 'This call was not recorded.')
  // A CDR uniqueid (`1700000000.42`) or an OriginateID (`15a4cfe6429054`, seed 001).
  if (!/^[0-9a-f.]{1,64}$/i.test(recordingId))
    throw new AppError('invalid_argument', 'That is not a valid recording id.', undefined, {
      code: 'invalid_argument.id',
      params: { what: 'recording' },
    })
  return client.binary('INFO', { info: 'recording', id: recordingId }, 'recording of this call')
}

export async function readHistory(
  client: PbxCloudClient,
  own: Own,
  isExtension: (number: string) => boolean,
  since: number,
  until: number,
): Promise<CallRecord[]> {
  const rows = await client.rows(
    'INFO',
    { info: 'cdrs', start: formatDateTime(since), end: formatDateTime(until) },
    ['calldate', 'src', 'dst', 'disposition'],
  )
  return historyFromCdrs(rows, own, isExtension).filter(
    (record) => record.startedAt >= since && record.startedAt <= until,
  )
}
