/**
 * The last stop for an error nothing caught. Without a handler, Electron shows
 * a dialog with the raw message and stack (which may hold a URL with a key, or a
 * token) and Node prints it to stderr. Here it goes through the redacting logger
 * only. The app keeps running: it is the agent's phone companion mid-shift, and
 * every piece that can fail (sessions, providers, windows) recovers on its own.
 */
import { redact } from '../../shared/redact'
import type { Logger } from '../log'

interface ProcessEvents {
  on(event: 'uncaughtException', listener: (error: unknown) => void): unknown
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown
}

function stackOf(error: unknown): string {
  if (error instanceof Error) return redact(error.stack ?? `${error.name}: ${error.message}`)
  return redact(String(error))
}

export function installCrashGuard(log: Logger, target: ProcessEvents = process): void {
  target.on('uncaughtException', (error) => {
    log.error('an error nobody caught', stackOf(error))
  })
  target.on('unhandledRejection', (reason) => {
    log.error('a promise failed and nobody handled it', stackOf(reason))
  })
}
