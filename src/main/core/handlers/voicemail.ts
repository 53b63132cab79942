/**
 * Voicemail: deleting and marking heard name a message main still lists, so a
 * window with an old list cannot act on a message that is gone.
 */
import { need } from '../../providers/facets'
import type { Voicemail } from '../../../shared/model'
import { AppError } from '../../../shared/result'
import type { Handlers } from '../app/dispatch'
import type { Session } from '../session/session'
import type { HandlerContext } from './context'

export type VoicemailHandlers = Pick<Handlers, 'voicemail:delete' | 'voicemail:markHeard'>

/** The message as main last listed it, or `not_found` (`voicemail.gone`). */
export function listedVoicemail(session: Session, id: string): Voicemail {
  const found = session.snapshot().voicemail.find((v) => v.id === id)
  if (!found) {
    throw new AppError('not_found', 'That voicemail is no longer there.', undefined, {
      code: 'voicemail.gone',
    })
  }
  return found
}

export function voicemailHandlers(ctx: HandlerContext): VoicemailHandlers {
  return {
    'voicemail:delete': async ({ accountId, voicemailId }) => {
      const session = ctx.session(accountId)
      const target = listedVoicemail(session, voicemailId)
      await session.command((p) => need(p, 'deleteVoicemail')(target), ['voicemail'])
      return null
    },
    'voicemail:markHeard': async ({ accountId, voicemailId }) => {
      const session = ctx.session(accountId)
      await session.markHeard(listedVoicemail(session, voicemailId))
      return null
    },
  }
}
