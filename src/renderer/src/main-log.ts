/**
 * The renderer's errors go to main's log file through the IPC contract
 * (`log:write`), so a helpdesk sees what broke in the window too.
 */
import type { App } from 'vue'
import { invoke } from './bridge'

type Level = 'debug' | 'info' | 'warn' | 'error'

const MAX = 2000

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

export function logToMain(level: Level, message: string): void {
  const text = message.trim().slice(0, MAX) || '(empty message)'
  // Nothing to do if main does not answer: there is nowhere else to log to.
  void invoke('log:write', { level, message: text })
}

export function forwardErrors(app: App, target: Window = window): void {
  app.config.errorHandler = (error, _instance, info) => {
    logToMain('error', `in ${info}: ${describe(error)}`)
    console.error(error)
  }
  target.addEventListener('error', (event) => {
    const where = event.filename ? ` at ${event.filename}:${event.lineno}` : ''
    logToMain('error', `${event.message}${where}`)
  })
  target.addEventListener('unhandledrejection', (event) => {
    logToMain('error', `unhandled rejection: ${describe(event.reason)}`)
  })
}
