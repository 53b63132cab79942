/**
 * Stands in for `electron-log/main` (which loads the real electron): the same
 * logger built for plain Node, writing into a temporary folder.
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import electronLog from 'electron-log/node'

export const fakeLogDir = join(tmpdir(), `sb-test-logs-${process.pid}`)

export function fakeElectronLog() {
  const logger = electronLog.create({ logId: `fake-main-${Math.random()}` })
  logger.transports.file.resolvePathFn = () => join(fakeLogDir, 'main.log')
  return { default: logger }
}
