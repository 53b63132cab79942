/**
 * The main process's logger. Every line passes through `redact()`, so a URL with
 * an API key in its query string or an error carrying a token cannot reach a log.
 */
import { redact } from '../shared/redact'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogSink = (level: LogLevel, line: string) => void

export interface Logger {
  debug(message: string, detail?: unknown): void
  info(message: string, detail?: unknown): void
  warn(message: string, detail?: unknown): void
  error(message: string, detail?: unknown): void
}

const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

function describe(detail: unknown): string {
  if (detail === undefined) return ''
  if (detail instanceof Error) return ` ${detail.name}: ${detail.message}`
  if (typeof detail === 'string') return ` ${detail}`
  try {
    return ` ${JSON.stringify(detail)}`
  } catch {
    return ' [unserialisable]'
  }
}

export const consoleSink: LogSink = (level, line) => {
  const write = level === 'error' || level === 'warn' ? console.error : console.log
  write(line)
}

let defaultSink: LogSink = consoleSink

/**
 * Where loggers created without a sink write. The Electron shell points this at
 * its log file before anything else runs, so plain-Node layers (core, providers)
 * reach the file without importing electron-log.
 */
export function setDefaultLogSink(sink: LogSink): void {
  defaultSink = sink
}

export function createLogger(
  scope: string,
  sink?: LogSink,
  minLevel: LogLevel = (process.env.SWITCHBOARD_LOG as LogLevel | undefined) ?? 'info',
): Logger {
  const emit = (level: LogLevel, message: string, detail?: unknown): void => {
    if (order[level] < (order[minLevel] ?? 1)) return
    const line = `${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${message}${describe(detail)}`
    ;(sink ?? defaultSink)(level, redact(line))
  }
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
  }
}

/** A logger that records lines, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  const logger = createLogger('test', (_level, line) => lines.push(line), 'debug')
  return Object.assign(logger, { lines })
}
