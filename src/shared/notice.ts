/**
 * Something main wants the agent to read (start-up problems, refused links, …).
 * Like errors (result.ts), a notice carries a code and parameters so the window
 * says it in the agent's language (issue 15, finding 9); `text` is main's English
 * sentence, kept as detail and for the log. `error`, when the notice reports one,
 * is said by the window like any other error.
 */
import type { AppErrorShape, ErrorParams } from './result'

export interface Notice {
  kind: 'info' | 'error'
  text: string
  code?: string
  params?: ErrorParams
  error?: AppErrorShape
}

/** The code and parameters of a notice, as main's code passes them. */
export interface NoticeDetail {
  code: string
  params?: ErrorParams
  error?: AppErrorShape
}

export function notice(kind: Notice['kind'], text: string, detail?: NoticeDetail): Notice {
  const out: Notice = { kind, text }
  if (detail) {
    out.code = detail.code
    if (detail.params) out.params = { ...detail.params }
    if (detail.error) out.error = detail.error
  }
  return out
}
