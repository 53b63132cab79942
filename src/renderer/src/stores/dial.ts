/** Numbers from outside the window waiting for the agent's confirmation. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { DialRequest } from '../../../shared/ipc'

export const useDialStore = defineStore('dial', () => {
  const pending = ref<DialRequest | null>(null)
  const recent = ref<string[]>(loadRecent())

  function remember(number: string): void {
    recent.value = [number, ...recent.value.filter((n) => n !== number)].slice(0, 8)
    localStorage.setItem('switchboard.recentNumbers', JSON.stringify(recent.value))
  }

  return { pending, recent, remember }
})

function loadRecent(): string[] {
  try {
    const raw = JSON.parse(localStorage.getItem('switchboard.recentNumbers') ?? '[]') as unknown
    return Array.isArray(raw)
      ? raw.filter((x): x is string => typeof x === 'string').slice(0, 8)
      : []
  } catch {
    return []
  }
}
