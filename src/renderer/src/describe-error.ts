/**
 * One way to put an error from main into the agent's language (issue 15, finding 9).
 * Main sends a kind, often a code with parameters, and its own English sentence;
 * the window says the code in the chosen language, else the kind. Main's English
 * stays out of the sentence: it is only the detail (a tooltip, the logs).
 */
import type { AppErrorShape } from '../../shared/result'
import { translate } from './i18n'

export type Translate = (key: string, params?: Record<string, unknown>) => string

/** The words, in the window's language, for an error main sent. */
export function describeError(error: AppErrorShape, t: Translate): string {
  if (error.code) {
    const key = `errors.code.${error.code}`
    const params: Record<string, unknown> = { ...error.params }
    if (typeof params.feature === 'string') {
      const featureKey = `errors.feature.${params.feature}`
      const feature = t(featureKey)
      // A feature without words of its own falls back to the kind's sentence.
      if (feature === featureKey) return t(`errors.kind.${error.kind}`)
      params.feature = feature
    }
    // vue-i18n hands back the key itself when there is no such message.
    const said = t(key, params)
    if (said !== key) return said
  }
  return t(`errors.kind.${error.kind}`)
}

/** The same, in the window's current language: for stores and actions. */
export function sayError(error: AppErrorShape): string {
  return describeError(error, translate)
}
