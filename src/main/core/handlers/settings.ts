/** The agent's preferences (app/preferences.ts checks and saves them). */
import type { Handlers } from '../app/dispatch'
import type { PreferenceStore } from '../app/preferences'

export type SettingsHandlers = Pick<Handlers, 'settings:get' | 'settings:set'>

export function settingsHandlers(
  preferences: Pick<PreferenceStore, 'get' | 'set'>,
): SettingsHandlers {
  return {
    'settings:get': () => preferences.get(),
    'settings:set': (patch) => preferences.set(patch),
  }
}
