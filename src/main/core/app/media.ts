/**
 * Audio of a voicemail or a recording, for the media protocol (Electron) and the
 * bridge's media route: streamed to <audio>, never sent over IPC. A voicemail
 * must still be listed; both are reads against the account's budget.
 */
import { need } from '../../providers/facets'
import type { MediaFile } from '../../providers/provider'
import type { HandlerContext } from '../handlers/context'
import { listedVoicemail } from '../handlers/voicemail'

export type MediaKind = 'voicemail' | 'recording'

export function mediaLoader(
  ctx: Pick<HandlerContext, 'session'>,
): (accountId: string, kind: MediaKind, id: string) => Promise<MediaFile> {
  return async (accountId, kind, id) => {
    const session = ctx.session(accountId)
    if (kind === 'recording') return session.read((p) => need(p, 'recording')(id))
    const voicemail = listedVoicemail(session, id)
    return session.read((p) => need(p, 'voicemailAudio')(voicemail))
  }
}
