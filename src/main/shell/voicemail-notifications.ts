/**
 * An OS notification for each new voicemail: once per message (the session already
 * delivers `voicemail:new` once, across restarts, and never for what was there at
 * the first sign-in; the filter here guards a reconnect's repeat), and a click
 * brings the window forward.
 */
import { SeenOnce } from '../../shared/seen-once'
import { Notification } from 'electron'
import type { Voicemail } from '../../shared/model'
import type { AppCore } from '../core/app/app-core'
import { newVoicemailText } from './notification-text'

export interface VoicemailNotificationOptions {
  showMain(): void
  platform?: NodeJS.Platform
}

export function setupVoicemailNotifications(
  core: AppCore,
  options: VoicemailNotificationOptions,
): () => void {
  const announced = new SeenOnce(500)
  // Held so the click handler survives garbage collection.
  const open = new Set<Notification>()

  const announce = (voicemail: Voicemail): void => {
    // The agent who turned every incoming alert off wants no notifications at all.
    if (core.preferences().incomingAlert === 'none' || !Notification.isSupported()) return
    if (!announced.first(`${voicemail.accountId}:${voicemail.id}`)) return
    const notification = new Notification(
      newVoicemailText(
        {
          name: voicemail.caller.name ?? null,
          number: voicemail.caller.number,
          durationSec: voicemail.durationSec,
        },
        { platform: options.platform ?? process.platform },
      ),
    )
    notification.on('click', () => options.showMain())
    notification.on('close', () => open.delete(notification))
    open.add(notification)
    notification.show()
  }

  return core.events.on((event) => {
    if (event.name === 'voicemail:new') announce(event.payload.voicemail)
  })
}
