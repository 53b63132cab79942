/**
 * What the machine and the window tell the polling engine: focus (poll faster),
 * network lost or back, and sleep. Network state is read with `net.isOnline()`
 * every 10 s in main rather than from the renderer's navigator events: it works
 * with the window hidden in the tray, which is most of the day.
 */
import { net, powerMonitor } from 'electron'
import type { ShellSignal } from '../core/session/options'

export interface SignalWindows {
  onMainFocus(listener: () => void): void
  onMainBlur(listener: () => void): void
}

export interface SignalOptions {
  pollMs?: number
  isOnline?: () => boolean
}

export const ONLINE_POLL_MS = 10_000

/** Send only changes: the core reacts to each signal (an 'online' polls at once). */
export function createOnlineWatch(
  isOnline: () => boolean,
  send: (signal: ShellSignal) => void,
): { check(): void; reset(): void } {
  let last: boolean | null = null
  return {
    check() {
      const now = isOnline()
      // At start only "offline" is news: sessions begin by assuming the network works.
      if (now !== last && (last !== null || !now)) send(now ? 'online' : 'offline')
      last = now
    },
    /** After sleep the next reading is news either way. */
    reset() {
      last = null
    },
  }
}

export function setupSignals(
  signal: (signal: ShellSignal) => void,
  windows: SignalWindows,
  options: SignalOptions = {},
): () => void {
  windows.onMainFocus(() => signal('focus'))
  windows.onMainBlur(() => signal('blur'))

  const watch = createOnlineWatch(options.isOnline ?? (() => net.isOnline()), signal)
  watch.check()
  const timer = setInterval(() => watch.check(), options.pollMs ?? ONLINE_POLL_MS)

  // Asleep, nothing can be polled; saying so keeps failed polls from counting as
  // errors (and backing off) when the lid opens. On wake: network back, catch up.
  const onSuspend = (): void => {
    signal('offline')
    watch.reset()
  }
  const onResume = (): void => {
    const online = options.isOnline ?? (() => net.isOnline())
    if (online()) signal('online')
    signal('resume')
    watch.check()
  }
  powerMonitor.on('suspend', onSuspend)
  powerMonitor.on('resume', onResume)
  return () => {
    clearInterval(timer)
    powerMonitor.removeListener('suspend', onSuspend)
    powerMonitor.removeListener('resume', onResume)
  }
}
