/**
 * A notice from main in the agent's language (issue 15, finding 9): said from its
 * code (`notices.*`), an error it carries said by describeError. Main's English
 * text is shown only for a notice without a code this window knows.
 */
import type { Notice } from '../../shared/notice'
import { describeError, type Translate } from './describe-error'

export function describeNotice(notice: Notice, t: Translate): string {
  if (!notice.code) return notice.text
  const key = `notices.${notice.code}`
  const params: Record<string, unknown> = { ...notice.params }
  if (notice.error) params.reason = describeError(notice.error, t)
  const said = t(key, params)
  if (said !== key) return said
  return notice.error ? describeError(notice.error, t) : notice.text
}
