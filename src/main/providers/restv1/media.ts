/**
 * What REST ver1.0's voicemail and history facets share: the agent's extension
 * path, and an audio download (voicemail or recording) checked to be audio.
 */
import { AppError } from '../../../shared/result'
import { headerValue } from '../http'
import type { MediaFile } from '../provider'
import type { RestV1Client } from './client'
import type { Own } from './normalise'
import { pathId } from './validate'

const MAX_MEDIA_BYTES = 50 * 1024 * 1024

export function extensionPath(own: Own): string {
  return `/extension/${pathId(own.extensionId, 'extension id')}`
}

export async function audioFile(
  client: RestV1Client,
  path: string,
  what: string,
): Promise<MediaFile> {
  const response = await client.request({ path, maxBytes: MAX_MEDIA_BYTES })
  const type = (headerValue(response.headers, 'content-type') ?? '').split(';')[0]?.trim() ?? ''
  if (response.body.length === 0) throw new AppError('not_found', `The PBX has no ${what}.`)
  if (!/^audio\//i.test(type))
    throw new AppError(
      'bad_response',
      `The PBX API sent something other than audio for the ${what}.`,
    )
  return { contentType: type, data: response.body }
}
