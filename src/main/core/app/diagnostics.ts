/**
 * "Copy diagnostics" for the helpdesk: the text (handlers/diagnostics.ts answers
 * the request). Plain Node: the shell injects where the log lines come from and
 * how text reaches the clipboard. Everything in the text passes through
 * `redact()` once more.
 */
import type { AccountStatus, AccountSummary, AppInfo } from '../../../shared/model'
import { redact } from '../../../shared/redact'

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
