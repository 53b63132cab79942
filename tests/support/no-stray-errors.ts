/**
 * Setup file of the `node` project: a rejection nobody handles or an exception
 * nobody catches in main-process code fails the test during which it happened,
 * by name, instead of passing unnoticed (jade's push socket once threw one on
 * every `ws://` connect and was silently dead). Vitest alone reports such errors
 * only after the run, without saying which test caused them.
 */
import { afterEach } from 'vitest'

const strays: string[] = []

function describeError(kind: string, reason: unknown): string {
  const text =
    reason instanceof Error ? `${reason.name}: ${reason.message}` : (JSON.stringify(reason) ?? '')
  return `${kind}: ${text}`
}

process.on('unhandledRejection', (reason) => {
  strays.push(describeError('unhandled rejection', reason))
})
process.on('uncaughtException', (error) => {
  strays.push(describeError('uncaught exception', error))
})

afterEach(async () => {
  // A rejection is declared unhandled only after the microtask queue drains.
  await new Promise<void>((resolve) => setImmediate(resolve))
  if (strays.length === 0) return
  const found = strays.splice(0)
  throw new Error(`The test left ${found.length} stray error(s):\n${found.join('\n')}`)
})
