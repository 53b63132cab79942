/**
 * The renderer's log lines and "Copy diagnostics" (the text: app/diagnostics.ts).
 */
import { arch, release } from 'node:os'
import type { AccountStatus, AccountSummary, AppInfo } from '../../../shared/model'
import type { Logger } from '../../log'
import { DIAGNOSTIC_LOG_LINES, diagnosticsText, type DiagnosticsSource } from '../app/diagnostics'
import type { Handlers } from '../app/dispatch'

/** Control characters would let a page forge extra lines in the log. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
}

export interface DiagnosticsDeps {
  info: AppInfo
  summaries(): AccountSummary[]
  statuses(): AccountStatus[]
  source?: DiagnosticsSource
  rendererLog: Logger
}

export type DiagnosticsHandlers = Pick<Handlers, 'log:write' | 'diagnostics:copy'>

export function diagnosticsHandlers(deps: DiagnosticsDeps): DiagnosticsHandlers {
  return {
    'log:write': ({ level, message }) => {
      deps.rendererLog[level](oneLine(message))
      return null
    },
    'diagnostics:copy': async () => {
      const source = deps.source ?? {}
      const logLines = source.recentLogLines
        ? await source.recentLogLines(DIAGNOSTIC_LOG_LINES)
        : []
      const text = diagnosticsText({
        info: deps.info,
        os: source.os ?? `${deps.info.platform} ${release()} ${arch()}`,
        accounts: deps.summaries(),
        statuses: deps.statuses(),
        logLines: logLines.slice(-DIAGNOSTIC_LOG_LINES),
      })
      if (!source.copyText) return { text, copied: false }
      source.copyText(text)
      return { text, copied: true }
    },
  }
}
