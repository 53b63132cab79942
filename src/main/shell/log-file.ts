/**
 * The log file the helpdesk asks for: electron-log writes it in the OS's log
 * folder (macOS ~/Library/Logs/Switchboard, Windows %APPDATA%\Switchboard\logs,
 * Linux ~/.config/Switchboard/logs) and rotates it at 1 MB into main.old.log.
 *
 * Our own loggers redact before they write; a hook redacts again every line
 * electron-log writes from anywhere else (its uncaught-error handler, a library),
 * so no line reaches the file unredacted.
 */
import { readFile } from 'node:fs/promises'
import type ElectronLog from 'electron-log'
import type { LogLevel, LogSink } from '../log'
import { consoleSink } from '../log'
import { redact } from '../../shared/redact'

export const LOG_MAX_BYTES = 1024 * 1024

export interface LogFile {
  /** Our loggers' sink: into the file (and the console while developing). */
  sink: LogSink
  /** The last `count` lines, the rotated file included when the current one is short. */
  recentLines(count: number): Promise<string[]>
  path(): string
}

export interface LogFileOptions {
  /** Also write to the console (development). */
  console?: boolean
  /** Log uncaught errors of the process (default true; tests keep their own handlers). */
  catchErrors?: boolean
}

function redactData(data: unknown[]): unknown[] {
  return data.map((item) => {
    if (typeof item === 'string') return redact(item)
    if (item instanceof Error) return redact(`${item.name}: ${item.message}\n${item.stack ?? ''}`)
    try {
      return redact(JSON.stringify(item))
    } catch {
      return '[unserialisable]'
    }
  })
}

async function readLines(path: string): Promise<string[]> {
  try {
    return (await readFile(path, 'utf8')).split(/\r?\n/).filter((line) => line.length > 0)
  } catch {
    return []
  }
}

export function oldLogPath(path: string): string {
  return path.replace(/(\.[^./\\]+)?$/, '.old$1')
}

export function setupLogFile(
  logger: ElectronLog.NodeLogger,
  options: LogFileOptions = {},
): LogFile {
  const file = logger.transports.file
  file.level = 'debug'
  file.maxSize = LOG_MAX_BYTES
  // Our lines carry their own time, level and scope.
  file.format = '{text}'
  logger.transports.console.level = options.console ? 'debug' : false
  logger.transports.console.format = '{text}'
  logger.hooks.push((message) => ({ ...message, data: redactData(message.data) }))
  // Uncaught errors in main go to the file too; never a dialog in front of an agent.
  if (options.catchErrors !== false) logger.errorHandler.startCatching({ showDialog: false })

  const write: Record<LogLevel, (line: string) => void> = {
    debug: (line) => logger.debug(line),
    info: (line) => logger.info(line),
    warn: (line) => logger.warn(line),
    error: (line) => logger.error(line),
  }
  const sink: LogSink = (level, line) => {
    try {
      write[level](line)
    } catch {
      // A full disk or a read-only folder must not take the app down.
      consoleSink(level, line)
    }
  }
  const path = (): string => file.getFile().path
  return {
    sink,
    path,
    recentLines: async (count) => {
      const current = await readLines(path())
      if (current.length >= count) return current.slice(-count)
      const older = await readLines(oldLogPath(path()))
      return [...older, ...current].slice(-count)
    },
  }
}
