import { describe, expect, it } from 'vitest'
import { createDispatcher, type Handlers } from '../../src/main/core/app/dispatch'
import { diagnosticsText } from '../../src/main/core/app/diagnostics'
import { diagnosticsHandlers } from '../../src/main/core/handlers/diagnostics'
import { memoryLogger } from '../../src/main/log'
import type { AccountStatus, AccountSummary, AppInfo } from '../../src/shared/model'
import { forgetSecret, registerSecret } from '../../src/shared/redact'

const info: AppInfo = {
  name: 'Switchboard',
  version: '1.4.0',
  platform: 'linux',
  shell: 'electron',
}
const accounts: AccountSummary[] = [
  { id: 'a', dialect: 'jade', displayName: 'Jane Doe', ownExtension: '7001', demo: false },
  { id: 'b', dialect: 'restv1', displayName: 'Sales', ownExtension: '301', demo: false },
]
const statuses: AccountStatus[] = [
  {
    accountId: 'a',
    detail: 'offline',
    since: 0,
    message: 'PBX unreachable',
    requestsLastMinute: 0,
    budgetPerMinute: 60,
  },
]

function setup(lines: string[], copied: string[] = []) {
  const rendererLog = memoryLogger()
  const handlers = diagnosticsHandlers({
    info,
    summaries: () => accounts,
    statuses: () => statuses,
    source: {
      os: 'Ubuntu 24.04 x64',
      recentLogLines: (count) => Promise.resolve(lines.slice(-count)),
      copyText: (text) => void copied.push(text),
    },
    rendererLog,
  })
  const dispatch = createDispatcher(handlers as unknown as Handlers, memoryLogger())
  return { dispatch, rendererLog, copied }
}

describe('Copy diagnostics', () => {
  it('puts version, OS, each account’s dialect and state, and the last 200 log lines on the clipboard', async () => {
    const lines = Array.from({ length: 250 }, (_, i) => `line ${i}`)
    const { dispatch, copied } = setup(lines)
    const result = await dispatch('diagnostics:copy', undefined)
    expect(result).toMatchObject({ ok: true, data: { copied: true } })
    const text = copied[0] ?? ''
    expect(text).toContain('Switchboard 1.4.0 (electron)')
    expect(text).toContain('OS: Ubuntu 24.04 x64')
    expect(text).toContain('account 1: jade, offline (PBX unreachable)')
    expect(text).toContain('account 2: restv1, not started')
    expect(text).toContain('Last 200 log lines:')
    expect(text).toContain('line 50\n')
    expect(text).not.toContain('line 49\n')
    expect(text.endsWith('line 249')).toBe(true)
    // Who the agent is stays out of a ticket.
    expect(text).not.toContain('Jane Doe')
  })

  it('never carries a secret, even one that reached the log file', async () => {
    registerSecret('s3cret-token-xyz')
    const { dispatch, copied } = setup(['GET /api?apikey=abcdef', 'token s3cret-token-xyz used'])
    await dispatch('diagnostics:copy', undefined)
    forgetSecret('s3cret-token-xyz')
    expect(copied[0]).not.toContain('abcdef')
    expect(copied[0]).not.toContain('s3cret-token-xyz')
  })

  it('hands the text to the page where main has no clipboard (browser bridge)', () => {
    const text = diagnosticsText({ info, os: 'x', accounts: [], statuses: [], logLines: [] })
    expect(text).toContain('Accounts: 0')
  })
})

describe('renderer log lines', () => {
  it('reach main’s log as one line each, at their level', async () => {
    const { dispatch, rendererLog } = setup([])
    await dispatch('log:write', { level: 'warn', message: 'failed\nFAKE ERROR [core] forged' })
    expect(rendererLog.lines).toHaveLength(1)
    expect(rendererLog.lines[0]).toMatch(/WARN \[test\] failed FAKE ERROR \[core\] forged$/)
  })

  it('are refused when malformed or too long', async () => {
    const { dispatch, rendererLog } = setup([])
    expect(await dispatch('log:write', { level: 'fatal', message: 'x' })).toMatchObject({
      ok: false,
    })
    expect(await dispatch('log:write', { level: 'info', message: 'x'.repeat(2001) })).toMatchObject(
      { ok: false },
    )
    expect(rendererLog.lines).toEqual([])
  })
})
