/**
 * The log file, written by electron-log's own Node logger into a temporary
 * folder (the Electron logger differs only in where the folder is).
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import electronLog from 'electron-log/node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/main/log'
import { LOG_MAX_BYTES, oldLogPath, setupLogFile } from '../../src/main/shell/log-file'
import { forgetSecret, registerSecret } from '../../src/shared/redact'

let dir: string
let logger: typeof electronLog

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-log-'))
  logger = electronLog.create({ logId: `test-${Math.random()}` })
  logger.transports.file.resolvePathFn = () => join(dir, 'main.log')
})

afterEach(async () => {
  forgetSecret('hunter2-secret')
  await rm(dir, { recursive: true, force: true })
})

describe('the log file', () => {
  it('keeps what our loggers write, one line each', async () => {
    const file = setupLogFile(logger, { catchErrors: false })
    const log = createLogger('core', file.sink)
    log.info('account 7 connected')
    log.warn('poll failed', new Error('timeout'))
    const text = await readFile(join(dir, 'main.log'), 'utf8')
    expect(text).toMatch(/INFO \[core\] account 7 connected\n/)
    expect(text).toMatch(/WARN \[core\] poll failed Error: timeout\n/)
    expect(file.path()).toBe(join(dir, 'main.log'))
  })

  it('never keeps a secret, even when written past our loggers', async () => {
    registerSecret('hunter2-secret')
    const file = setupLogFile(logger, { catchErrors: false })
    createLogger('core', file.sink).error('login with hunter2-secret failed')
    logger.error('library says https://pbx.example/api?apikey=abc123&x=1', { token: 'tok-999' })
    logger.warn(new Error('password=hunter2-secret rejected'))
    const text = await readFile(join(dir, 'main.log'), 'utf8')
    expect(text).not.toContain('hunter2-secret')
    expect(text).not.toContain('abc123')
    expect(text).not.toContain('tok-999')
    expect(text).toContain('apikey=[redacted]')
  })

  it('rotates at 1 MB into main.old.log, and the last lines span both files', async () => {
    const file = setupLogFile(logger, { catchErrors: false })
    const log = createLogger('core', file.sink)
    const filler = 'x'.repeat(1000)
    const lines = Math.ceil(LOG_MAX_BYTES / 1000) + 50
    for (let i = 0; i < lines; i += 1) log.info(`line ${i} ${filler}`)
    expect((await stat(oldLogPath(file.path()))).size).toBeGreaterThan(LOG_MAX_BYTES - 2000)
    expect((await stat(file.path())).size).toBeLessThan(LOG_MAX_BYTES)
    const recent = await file.recentLines(200)
    expect(recent).toHaveLength(200)
    expect(recent.at(-1)).toContain(`line ${lines - 1} `)
    expect(recent[0]).toContain(`line ${lines - 200} `)
  })

  it('gives what there is when the log is young, and nothing when it is missing', async () => {
    const file = setupLogFile(logger, { catchErrors: false })
    expect(await file.recentLines(200)).toEqual([])
    createLogger('core', file.sink).info('only line')
    expect(await file.recentLines(200)).toEqual([expect.stringContaining('only line')])
  })
})
