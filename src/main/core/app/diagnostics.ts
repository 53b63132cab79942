/**
 * "Copy diagnostics" for the helpdesk, and the renderer's log lines. Plain Node:
 * the shell injects where the log lines come from and how text reaches the
 * clipboard. Everything in the text passes through `redact()` once more.
 */
import { arch, release } from 'node:os'
import type { AccountStatus, AccountSummary, AppInfo } from '../../../shared/model'
import { redact } from '../../../shared/redact'
import type { Handlers } from './dispatch'
import type { Logger } from '../../log'

export const DIAGNOSTIC_LOG_LINES = 200

export interface DiagnosticsSource {
  /** The last lines of the log file (the Electron shell); none in the browser bridge. */
  recentLogLines?(count: number): Promise<string[]>
  /** Puts text on the system clipboard; absent where the page copies it itself. */
  copyText?(text: string): void
  /** A short description of the operating system; defaults to Node's view. */
  os?: string
}

export interface DiagnosticFacts {
  info: AppInfo
  os: string
  accounts: AccountSummary[]
  statuses: AccountStatus[]
  logLines: string[]
}

/** One line per fact, then the log: readable in a ticket, no secret in it. */
export function diagnosticsText(facts: DiagnosticFacts): string {
  const state = new Map(facts.statuses.map((s) => [s.accountId, s]))
  const accounts = facts.accounts.map((account, i) => {
    const status = state.get(account.id)
    const detail = status ? status.detail : 'not started'
    const problem = status?.message ? ` (${status.message})` : ''
    const demo = account.demo ? ', demo' : ''
    // Names and extensions identify people: the dialect and state are what helps.
    return `  account ${i + 1}: ${account.dialect}${demo}, ${detail}${problem}`
  })
  const lines = [
    `${facts.info.name} ${facts.info.version} (${facts.info.shell})`,
    `OS: ${facts.os}`,
    `Accounts: ${facts.accounts.length}`,
    ...accounts,
    `Last ${facts.logLines.length} log lines:`,
    ...facts.logLines,
  ]
  return redact(lines.join('\n'))
}

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

export function diagnosticsHandlers(
  deps: DiagnosticsDeps,
): Pick<Handlers, 'log:write' | 'diagnostics:copy'> {
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
