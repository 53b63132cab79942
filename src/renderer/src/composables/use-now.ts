/** One shared 1 s clock for every timer on screen (call timers, time in state). */
import { onScopeDispose, ref, type Ref } from 'vue'

const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | null = null

export function useNow(): Ref<number> {
  users++
  if (!timer) timer = setInterval(() => (now.value = Date.now()), 1000)
  onScopeDispose(() => {
    users--
    if (users === 0 && timer) {
      clearInterval(timer)
      timer = null
    }
  })
  return now
}
