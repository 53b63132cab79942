/** The user's preferences as main holds them; changes go to main and come back. */
import { sayError } from '../describe-error'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Preferences, PreferencesPatch } from '../../../shared/preferences'
import { invoke } from '../bridge'

export const usePreferencesStore = defineStore('preferences', () => {
  const current = ref<Preferences | null>(null)
  const error = ref('')

  async function load(): Promise<void> {
    const result = await invoke('settings:get')
    if (result.ok) {
      current.value = result.data
      error.value = ''
    } else error.value = sayError(result.error)
  }

  async function update(patch: PreferencesPatch): Promise<boolean> {
    const result = await invoke('settings:set', patch)
    if (result.ok) {
      current.value = result.data
      error.value = ''
    } else error.value = sayError(result.error)
    return result.ok
  }

  /** Main shows the CRM site in a native dialog; true when the user allowed it. */
  async function confirmCrmSite(): Promise<boolean> {
    const result = await invoke('crm:confirm')
    if (result.ok) {
      current.value = result.data
      error.value = ''
      return Boolean(result.data.screenPopOrigin)
    }
    error.value = sayError(result.error)
    return false
  }

  return {
    current,
    error,
    load,
    update,
    confirmCrmSite,
    set: (p: Preferences) => (current.value = p),
  }
})
