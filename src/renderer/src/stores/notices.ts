/** Short messages for the user (action results, errors), read out by a live region. */
import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface Notice {
  id: number
  kind: 'info' | 'error'
  text: string
}

export const useNoticesStore = defineStore('notices', () => {
  const list = ref<Notice[]>([])
  let next = 1

  function show(kind: Notice['kind'], text: string, ms = 6000): void {
    const id = next++
    list.value = [...list.value.slice(-3), { id, kind, text }]
    setTimeout(() => dismiss(id), ms)
  }

  function dismiss(id: number): void {
    list.value = list.value.filter((n) => n.id !== id)
  }

  return { list, show, dismiss }
})
