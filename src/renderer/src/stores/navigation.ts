import { defineStore } from 'pinia'
import { ref } from 'vue'

export const screens = [
  'presence',
  'calls',
  'queues',
  'voicemail',
  'chat',
  'history',
  'contacts',
  'settings',
] as const
export type Screen = (typeof screens)[number]

export const useNavigationStore = defineStore('navigation', () => {
  const current = ref<Screen>('presence')
  function go(screen: Screen): void {
    current.value = screen
  }
  return { current, go }
})
