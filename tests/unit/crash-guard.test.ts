/** An error nothing caught reaches the log redacted, never the screen or stderr raw. */
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { installCrashGuard } from '../../src/main/shell/crash-guard'
import { memoryLogger } from '../../src/main/log'
import { registerSecret } from '../../src/shared/redact'

describe('the crash guard', () => {
  it('logs an uncaught exception and an unhandled rejection with secrets masked', () => {
    const log = memoryLogger()
    const fakeProcess = new EventEmitter()
    installCrashGuard(log, fakeProcess)
    registerSecret('KEY-9f8e7d')
    fakeProcess.emit(
      'uncaughtException',
      new Error('GET https://pbx/x?reqtype=INFO&key=KEY-9f8e7d'),
    )
    fakeProcess.emit('unhandledRejection', 'token=abc123 expired; KEY-9f8e7d')
    expect(log.lines).toHaveLength(2)
    expect(log.lines.join('\n')).not.toContain('9f8e7d')
    expect(log.lines.join('\n')).not.toContain('abc123')
    expect(log.lines[0]).toContain('nobody caught')
  })
})
