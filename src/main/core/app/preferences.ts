/**
 * The agent's preferences: a window's patch is checked (the CRM address too) and
 * saved; the confirmed CRM origin is main's own write. Saves are serialised, a
 * failed save is said once and the preferences still apply until quit; a change
 * of the polling preferences restarts the sessions with them.
 */
import {
  preferencesPatchSchema,
  preferencesSchema,
  type Preferences,
  type PreferencesPatch,
} from '../../../shared/preferences'
import type { NoticeDetail } from '../../../shared/notice'
import { AppError } from '../../../shared/result'
import type { Logger } from '../../log'
import type { Settings, SettingsFile } from '../../settings'
import type { EventHub } from '../events'
import { originAfterChange, templateProblem } from './screen-pop'

export interface PreferenceStore {
  get(): Preferences
  /** A patch from a window: checked, the CRM origin kept only while the site stays. */
  set(patch: PreferencesPatch): Promise<Preferences>
  /** Main's own write (the confirmed CRM origin), never a window's patch. */
  save(next: Preferences): Promise<Preferences>
}

export interface PreferenceDeps {
  settings: Settings
  file: Pick<SettingsFile, 'save'>
  events: Pick<EventHub, 'emit'>
  notify(kind: 'error', text: string, detail: NoticeDetail): void
  /** The polling preferences changed: every session starts again with them. */
  pollingChanged(): Promise<void>
  log: Logger
}

const pollingKeys: (keyof Preferences)[] = ['callsActiveMs', 'callsIdleMs', 'budgetPerMinute']

export function preferenceStore(deps: PreferenceDeps): PreferenceStore {
  const { settings } = deps
  let saving: Promise<unknown> = Promise.resolve()

  const save = async (next: Preferences): Promise<Preferences> => {
    const before = settings.preferences
    settings.preferences = next
    // Writes are serialised so two quick changes cannot land out of order.
    saving = saving
      .then(() => deps.file.save(settings))
      .catch((error: unknown) => {
        deps.log.error('the settings could not be saved', error)
        deps.notify(
          'error',
          'Your settings could not be saved; they apply until Switchboard quits.',
          {
            code: 'settings_not_saved',
          },
        )
      })
    await saving
    deps.events.emit('settings:changed', settings.preferences)
    if (pollingKeys.some((key) => before[key] !== settings.preferences[key])) {
      await deps.pollingChanged()
    }
    return settings.preferences
  }

  const set = async (patch: PreferencesPatch): Promise<Preferences> => {
    const checked = preferencesPatchSchema.parse(patch)
    const before = settings.preferences
    const next = preferencesSchema.parse({ ...before, ...checked })
    const problem = templateProblem(next.screenPopUrl)
    if (problem) {
      throw new AppError('invalid_argument', problem, undefined, { code: 'screen_pop.invalid' })
    }
    next.screenPopOrigin = originAfterChange(next.screenPopUrl, before.screenPopOrigin)
    return save(next)
  }

  return { get: () => settings.preferences, set, save }
}
