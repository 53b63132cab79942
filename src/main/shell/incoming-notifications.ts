/**
 * An OS notification for an incoming call, when the agent chose one: once per
 * call (a reconnect or a second 'ringing' must not announce it again), and a
 * click brings the window forward. It stays while the call rings, where the OS
 * lets an app ask for that (Windows and Linux; macOS leaves it to the user's
 * alert style), so an agent back at the desk still sees it; the app withdraws it
 * when the call stops ringing here (answered here or elsewhere, hung up, the
 * account removed) and when the app quits, so it never outlives the call.
 */
import { SeenOnce } from '../../shared/seen-once'
import { app, Notification, type NotificationConstructorOptions } from 'electron'
import { wordsFor } from '../../shared/tray-words'
import type { Call } from '../../shared/model'
import type { AppCore } from '../core/app/app-core'
import { incomingCallText } from './notification-text'
import { alertsHere, callKey, type IncomingAlert } from './popup-controller'

export function wantsNotification(alert: IncomingAlert): boolean {
  return alert === 'notification' || alert === 'both'
}

/**
 * Never timed out: Windows keeps the toast on screen, Linux servers keep a
 * 'critical' one until closed (freedesktop spec); Windows also sorts a 'critical'
 * one above others. Voicemail keeps the OS default: it waits in the app anyway.
 */
export const STAYS_WHILE_RINGING: Pick<NotificationConstructorOptions, 'timeoutType' | 'urgency'> =
  { timeoutType: 'never', urgency: 'critical' }

export interface NotificationOptions {
  showMain(): void
  platform?: NodeJS.Platform
}

export function setupIncomingNotifications(
  core: AppCore,
  options: NotificationOptions,
): () => void {
  const announced = new SeenOnce(500)
  // Held so the click handler survives garbage collection, and to withdraw them.
  const open = new Map<string, { accountId: string; id: string; notification: Notification }>()

  const announce = (call: Call): void => {
    if (!wantsNotification(core.preferences().incomingAlert) || !Notification.isSupported()) return
    const key = callKey(call)
    if (!alertsHere(call) || !announced.first(key)) return
    const text = incomingCallText(
      { name: call.remote.name ?? null, number: call.remote.number, queue: call.queue ?? null },
      {
        platform: options.platform ?? process.platform,
        labels: wordsFor(core.preferences().language, app.getPreferredSystemLanguages()),
      },
    )
    const notification = new Notification({ ...text, ...STAYS_WHILE_RINGING })
    notification.on('click', () => options.showMain())
    notification.on('close', () => open.delete(key))
    open.set(key, { accountId: call.accountId, id: call.id, notification })
    notification.show()
  }

  const withdraw = (accountId: string, calls: Call[]): void => {
    for (const [key, entry] of open) {
      if (entry.accountId !== accountId) continue
      const call = calls.find((c) => c.id === entry.id)
      if (call && alertsHere(call)) continue
      open.delete(key)
      entry.notification.close()
    }
  }

  // A notification that never times out would otherwise announce a call to nobody.
  const withdrawAll = (): void => {
    for (const entry of open.values()) entry.notification.close()
    open.clear()
  }
  app.on('will-quit', withdrawAll)

  const unsubscribe = core.events.on((event) => {
    if (event.name === 'call:event' && event.payload.type === 'call.ringing') {
      announce(event.payload.call)
    } else if (event.name === 'calls:changed') {
      withdraw(event.payload.accountId, event.payload.calls)
    }
  })
  return () => {
    unsubscribe()
    app.removeListener('will-quit', withdrawAll)
    withdrawAll()
  }
}
